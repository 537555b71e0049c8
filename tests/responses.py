"""What a test client's response told the user."""

from django.contrib.messages import get_messages


def messages_of(response) -> list[str]:
    """The messages the response's request left for the user."""
    return [str(m) for m in get_messages(response.wsgi_request)]
