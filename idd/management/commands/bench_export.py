"""`make bench`: how fast the IDD exports, against Chromium printing the same HTML.

Builds the reference large IDD (idd.export.reference) in a transaction that is rolled
back, then prints the median of several runs of: the snapshot, the HTML render, the
WeasyPrint PDF export (in this process, as the web server and worker run it), a fetch of
the PDF stored by the render ahead (what a download costs once the worker has run), and
Debian's Chromium printing the same HTML with the same stylesheet and fonts (served from
localhost): as a new process per export (`chromium --headless --print-to-pdf`) and, when
Playwright is installed, from a browser already running. WeasyPrint and Chromium runs
alternate, so both see the same machine load.
`--profile` prints where one export spends its time (pyinstrument).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.template.loader import render_to_string
from django.test import override_settings

from idd.export import pdf_for, render_html, render_pdf
from idd.export.chromium import CHROMIUM, CHROMIUM_ARGS
from idd.export.fetcher import BASE_URL, StaticFilesOnly
from idd.export.reference import SIZE, build_reference_initiative
from idd.snapshot import load, snapshot
from idd.snapshot_shape import Document

PDFINFO = "/usr/bin/pdfinfo"
# The browser tests' flags, plus headless printing without Chromium's own header and footer.
PRINT_ARGS = ("--headless", *CHROMIUM_ARGS, "--no-pdf-header-footer")


def seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_of(action: Callable[[], object], runs: int) -> float:
    return statistics.median(seconds(action) for _ in range(runs))


def pages(pdf: Path) -> str:
    info = subprocess.run(  # noqa: S603 (fixed program, our own file)
        [PDFINFO, str(pdf)], capture_output=True, text=True, check=False
    )
    lines = info.stdout.splitlines()
    return next((line.split()[-1] for line in lines if line.startswith("Pages:")), "?")


BROWSER_PRINT_CSS = "/browser-print.css"


@contextmanager
def serve_document(html: str):
    """The print HTML and its static files over HTTP on localhost, as a browser needs them,
    with the stylesheet the browser print view adds for browsers (the marking in the page
    margins), so Chromium prints the marked document WeasyPrint does."""
    fetcher = StaticFilesOnly()
    link = f'<link rel="stylesheet" href="{BROWSER_PRINT_CSS}"></head>'
    body = html.replace("</head>", link, 1).encode()
    browser_css = render_to_string(
        "idd/document/browser_print.css", {"MARKING": settings.MARKING}
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            if self.path == "/document.html":
                data, kind = body, "text/html; charset=utf-8"
            elif self.path == BROWSER_PRINT_CSS:
                data, kind = browser_css, "text/css; charset=utf-8"
            elif self.path.startswith("/static/"):
                response = fetcher.fetch(urljoin(BASE_URL, self.path))
                data, kind = response.read(), response.content_type
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/document.html"
    finally:
        server.shutdown()


def chromium_cli(url: str, target: Path, tmp: Path) -> None:
    profile = Path(tempfile.mkdtemp(dir=tmp))
    try:
        subprocess.run(  # noqa: S603 (fixed program and flags, our own URL and files)
            [
                CHROMIUM,
                *PRINT_ARGS,
                f"--user-data-dir={profile}",
                f"--print-to-pdf={target}",
                url,
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def chromium_running(url: str, runs: int) -> float | None:
    """Median print time of a Chromium already started (Playwright), or None without it."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as playwright:
        args = list(CHROMIUM_ARGS)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        page = browser.new_page()

        def print_once():
            page.goto(url, wait_until="load")
            page.pdf(prefer_css_page_size=True)

        print_once()
        result = median_of(print_once, runs)
        browser.close()
    return result


class Command(BaseCommand):
    help = "Time the PDF export of a reference large IDD against Chromium's print to PDF."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
        parser.add_argument("--keep", metavar="DIR", help="keep both PDFs in this folder")
        parser.add_argument(
            "--profile", action="store_true", help="profile one export with pyinstrument"
        )

    def handle(self, *args, runs: int, keep: str | None, profile: bool, **options):
        if not Path(CHROMIUM).exists():
            raise CommandError(f"Chromium is needed at {CHROMIUM} (make system installs it).")
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(keep) if keep else Path(tmp)
            out.mkdir(parents=True, exist_ok=True)
            with transaction.atomic(), override_settings(MEDIA_ROOT=Path(tmp) / "media"):
                initiative = build_reference_initiative()
                if profile:
                    self.profile(snapshot(load(initiative.pk)))
                else:
                    self.bench(initiative, runs, out, Path(tmp))
                transaction.set_rollback(True)

    def bench(self, initiative, runs: int, out: Path, tmp: Path) -> None:
        load_average = ", ".join(f"{n:.1f}" for n in os.getloadavg())
        self.stdout.write(
            f"Reference IDD: {SIZE.fiscal_years} fiscal years, {SIZE.objectives} objectives, "
            f"{SIZE.deliverables} partner deliverables, {SIZE.us_inputs} U.S. inputs, "
            f"{SIZE.risks} risks. Median of {runs} runs; load average {load_average} "
            f"on {os.cpu_count()} CPUs.\n"
        )
        doc = snapshot(load(initiative.pk))
        html = render_html(doc, media="print")
        weasy_pdf, chromium_pdf = out / "weasyprint.pdf", out / "chromium.pdf"
        weasy_pdf.write_bytes(render_pdf(doc))  # warm-up: imports, fonts, templates

        t_snapshot = median_of(lambda: snapshot(load(initiative.pk)), runs)
        t_html = median_of(lambda: render_html(doc, media="print"), runs)
        pdf_for(initiative)  # stored once, as the worker does ahead (idd.tasks)
        with override_settings(DEBUG=False):  # as deployed: the code fingerprint is kept
            t_stored = median_of(lambda: pdf_for(initiative).open().close(), runs)
        with serve_document(html) as url:
            weasy, chromium, cpu = [], [], []
            for _ in range(runs):  # alternate, so both meet the same load
                cpu_start = time.process_time()
                weasy.append(seconds(lambda: render_pdf(doc)))
                cpu.append(time.process_time() - cpu_start)
                chromium.append(seconds(lambda: chromium_cli(url, chromium_pdf, tmp)))
            t_running = chromium_running(url, runs)
        t_pdf, t_cpu, t_chromium = (statistics.median(x) for x in (weasy, cpu, chromium))

        rows = [
            ("Snapshot (queries and commitment scoring)", t_snapshot),
            ("HTML render (document template)", t_html),
            (f"PDF export, WeasyPrint in this process ({pages(weasy_pdf)} pages)", t_pdf),
            ("  of which CPU time of this process", t_cpu),
            ("PDF download after the render ahead: fetch from storage", t_stored),
            (f"Chromium print to PDF, new process ({pages(chromium_pdf)} pages)", t_chromium),
        ]
        if t_running is not None:
            rows.append(("Chromium print to PDF, browser already running", t_running))
        for label, value in rows:
            self.stdout.write(f"  {label:<66} {value * 1000:7.0f} ms")
        self.stdout.write("\nRatios")
        ratios = [
            ("PDF export / Chromium print, new process", t_pdf / t_chromium),
            (
                "HTML render + PDF export / Chromium print, new process",
                (t_html + t_pdf) / t_chromium,
            ),
            ("HTML render / PDF export", t_html / t_pdf),
        ]
        if t_running is not None:
            ratios.append(
                ("PDF export / Chromium print, browser already running", t_pdf / t_running)
            )
        for label, value in ratios:
            self.stdout.write(f"  {label:<66} {value:7.2f}")
        verdict = "met" if t_pdf <= t_chromium else "not met"
        self.stdout.write(
            f"\nGoal, export no slower than Chromium's print (new process): {verdict} by "
            f"the render itself; a download after the worker's render ahead takes "
            f"{t_stored / t_chromium:.2f} of Chromium's print."
        )

    def profile(self, doc: Document) -> None:
        try:
            from pyinstrument import Profiler
        except ImportError as missing:
            raise CommandError(
                "--profile needs pyinstrument (pip install -e '.[test]')."
            ) from missing
        render_pdf(doc)  # warm-up, as in a running server
        profiler = Profiler()
        with profiler:
            render_pdf(doc)
        self.stdout.write(profiler.output_text(unicode=True, color=False))
