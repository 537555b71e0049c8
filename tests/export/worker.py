"""The background worker, run in the test as `manage.py db_worker` runs in production."""

from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker


def run_the_worker() -> None:
    """Run every task that is due, then return: `manage.py db_worker --batch`'s own loop,
    without the signal handlers it sets (so a test's thread can run it too)."""
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    ).run()


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
