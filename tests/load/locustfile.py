"""The load test (`make loadtest`): planners and reviewers using the demo at once.

Each simulated user signs in as a demo account (several share one), then browses the
dashboard and initiative pages, saves guided-form steps back with the version it read,
comments, and downloads PDFs. A save refused because someone else saved first is the
optimistic lock working, not an error: it is counted as "conflict (expected)"; a step
the demo leaves unfinished on purpose answers with its error summary, "form error
(expected)".
Not collected by pytest (the file is not named test_*.py).
"""

from __future__ import annotations

import random
import re

from locust import HttpUser, between, events, task

from tests.fuzz.pages import form_posting_to

# The start of idd.services.locking.CONFLICT_MESSAGE (locust runs without Django set up).
CONFLICT = "Someone else saved changes to this initiative"
# The error summary of a step saved back with a row the demo leaves unfinished on purpose
# (a deliverable without its verification): the form answering, not a failure.
FORM_ERROR = 'id="error-summary"'

STEPS = ("basics", "context", "deliverables", "us-inputs", "objectives", "sustainment", "risks")
PLANNERS = (("planner", "Planner-demo-2026"), ("teammate", "Teammate-demo-2026"))
REVIEWER = ("reviewer", "Reviewer-demo-2026")
DETAIL = re.compile(r'href="/initiatives/(\d+)/"')
EDIT = re.compile(r'href="/initiatives/(\d+)/edit/[\w-]+/"')
SECTIONS = ("basics", "context", "deliverables", "risks")


class DemoUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    account: tuple[str, str]

    def on_start(self) -> None:
        self.sign_in(*self.account)
        page = self.client.get("/", name="dashboard").text
        self.visible = sorted(set(DETAIL.findall(page))) or ["1"]
        self.editable = sorted(set(EDIT.findall(page)))

    def sign_in(self, username: str, password: str) -> None:
        """As a browser does: the login page sets the CSRF cookie, the POST sends it back."""
        self.client.get("/accounts/login/", name="sign in (page)")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/accounts/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": token},
            name="sign in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{username} could not sign in ({response.status_code})")

    def pick(self) -> str:
        return random.choice(self.visible)

    @task(3)
    def dashboard(self) -> None:
        self.client.get("/", name="dashboard")

    @task(3)
    def initiative_page(self) -> None:
        self.client.get(f"/initiatives/{self.pick()}/", name="initiative page")

    @task(2)
    def review_page(self) -> None:
        self.client.get(f"/initiatives/{self.pick()}/review/", name="review page")

    @task(1)
    def portfolio(self) -> None:
        self.client.get("/portfolio/", name="portfolio")

    @task(1)
    def pdf(self) -> None:
        self.client.get(f"/initiatives/{self.pick()}/pdf/", name="PDF download")

    @task(1)
    def comment(self) -> None:
        """A comment on a section of an IDD open for comments (the demo's submitted one)."""
        pk, section = self.pick(), random.choice(SECTIONS)
        page = self.client.get(f"/initiatives/{pk}/review/", name="review page")
        url = f"/initiatives/{pk}/comments/{section}/"
        try:
            form = form_posting_to(page.text, url)
        except LookupError:
            return  # not open for comments (a draft): nothing to send
        data = form.data() | {
            f"comment-{section}-body": [f"Load test comment by {self.account[0]}"]
        }
        self.client.post(url, data, name="comment", headers={"Referer": page.url})


def expected(what: str) -> None:
    events.request.fire(
        request_type="POST",
        name=f"step save: {what} (expected)",
        response_time=0,
        response_length=0,
        exception=None,
        context={},
    )


class Planner(DemoUser):
    weight = 3

    def on_start(self) -> None:
        self.account = random.choice(PLANNERS)
        super().on_start()

    @task(3)
    def edit_step(self) -> None:
        """Open a step, save it back unchanged with the version it read ("Save and continue")."""
        if not self.editable:
            return
        pk, step = random.choice(self.editable), random.choice(STEPS)
        url = f"/initiatives/{pk}/edit/{step}/"
        page = self.client.get(url, name="step (open)")
        data = form_posting_to(page.text).data() | {"action": ["continue"]}
        with self.client.post(
            url, data, name="step (save)", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code == 302:
                response.success()
            elif response.status_code == 200 and CONFLICT in response.text:
                response.success()
                expected("conflict")
            elif response.status_code == 200 and FORM_ERROR in response.text:
                response.success()
                expected("form error")
            else:
                response.failure(f"save refused ({response.status_code})")


class Reviewer(DemoUser):
    weight = 1
    account = REVIEWER

    @task(2)
    def queue(self) -> None:
        self.client.get("/review/", name="review queue")
