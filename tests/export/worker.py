"""The background worker, run in the test as `manage.py db_worker` runs in production."""

from django.core.management import call_command
from django.urls import reverse


def run_the_worker() -> None:
    """Run every task that is due, then return (the worker's batch mode)."""
    call_command("db_worker", batch=True, interval=0, verbosity=0)


def download(client, name: str, *args) -> bytes:
    """The PDF the URL named `name` serves, once the worker has prepared it."""
    url = reverse(name, args=args)
    response = client.get(url)
    if response.status_code == 202:  # "Preparing the PDF": the worker renders it
        run_the_worker()
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)
