"""The background worker, run in the test as `manage.py db_worker` runs in production."""

from django.db import connection, transaction
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_the_worker() -> None:
    """Run every task that is due, then return: `manage.py db_worker --batch`, without the
    signal handlers it sets (so a test's thread can run it too)."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    if not connection.in_atomic_block:
        worker.run()
        return
    # Inside a test's transaction the loop's close_old_connections() would close the
    # test's own connection; claim and run each due task as the loop does, without it.
    while True:
        with transaction.atomic():
            task = DBTaskResult.objects.ready().filter(backend_name="default").get_locked()
            if task is None:
                return
            task.claim(worker.worker_id)
        worker.run_task(task)


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
