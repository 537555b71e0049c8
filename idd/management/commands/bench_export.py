"""`make bench`: how fast the IDD exports, against Chromium printing the same HTML.

Builds the reference large IDD (idd.export.reference) in a transaction that is rolled
back, then prints, median of several runs: the snapshot, the HTML render, the WeasyPrint
PDF export (in this process, as the web server runs it), a cached fetch from storage, and
Debian's Chromium printing the same HTML to PDF with the same stylesheet and fonts, both
as a new process per export (`chromium --headless --print-to-pdf`) and, when Playwright is
installed, from an already running browser.
"""

from __future__ import annotations

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

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings

from idd.export import pdf_for, render_html, render_pdf
from idd.export.fetcher import BASE_URL, StaticFilesOnly
from idd.export.reference import SIZE, build_reference_initiative
from idd.snapshot import load, snapshot

CHROMIUM = "/usr/bin/chromium"
PDFINFO = "/usr/bin/pdfinfo"
# The flags the browser tests use (tests/conftest.py), plus headless printing.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--no-pdf-header-footer",
]


def timed(action: Callable[[], object], runs: int) -> tuple[float, object]:
    """Median wall time in seconds over `runs`, and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def pages(pdf: Path) -> str:
    info = subprocess.run(  # noqa: S603 (fixed program, our own file)
        [PDFINFO, str(pdf)], capture_output=True, text=True, check=False
    )
    return next(
        (line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:")), "?"
    )


@contextmanager
def serve_document(html: str):
    """The print HTML and its static files over HTTP on localhost, as a browser needs them."""
    fetcher = StaticFilesOnly()
    body = html.encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            if self.path == "/document.html":
                data, kind = body, "text/html; charset=utf-8"
            else:
                try:
                    response = fetcher.fetch(urljoin(BASE_URL, self.path))
                except ValueError:
                    self.send_error(404)
                    return
                data, kind = response.read(), response.content_type
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/document.html"
    finally:
        server.shutdown()


class Command(BaseCommand):
    help = "Time the PDF export of a reference large IDD against Chromium's print to PDF."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
        parser.add_argument("--keep", metavar="DIR", help="keep both PDFs in this folder")

    def handle(self, *args, runs: int, keep: str | None, **options):
        if not Path(CHROMIUM).exists():
            raise CommandError(f"Chromium is needed at {CHROMIUM} (make system installs it).")
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(keep) if keep else Path(tmp)
            out.mkdir(parents=True, exist_ok=True)
            with transaction.atomic(), override_settings(MEDIA_ROOT=Path(tmp) / "media"):
                self.bench(runs, out, Path(tmp))
                transaction.set_rollback(True)

    def bench(self, runs: int, out: Path, tmp: Path) -> None:
        initiative = build_reference_initiative()
        self.stdout.write(
            f"Reference IDD: {SIZE.fiscal_years} fiscal years, {SIZE.objectives} objectives, "
            f"{SIZE.deliverables} partner deliverables, {SIZE.us_inputs} U.S. inputs, "
            f"{SIZE.risks} risks. Median of {runs} runs.\n"
        )
        doc = snapshot(load(initiative.pk))
        render_pdf(doc)  # warm-up: imports, font loading
        t_snapshot, _ = timed(lambda: snapshot(load(initiative.pk)), runs)
        t_html, html = timed(lambda: render_html(doc, media="print"), runs)
        t_pdf, pdf = timed(lambda: render_pdf(doc), runs)
        weasy_pdf = out / "weasyprint.pdf"
        weasy_pdf.write_bytes(pdf)

        pdf_for(initiative)  # store it once
        t_cached, _ = timed(lambda: pdf_for(initiative).open().close(), runs)

        chromium_pdf = out / "chromium.pdf"
        with serve_document(html) as url:
            t_chromium, _ = timed(lambda: self.chromium_cli(url, chromium_pdf, tmp), runs)
            t_warm = self.chromium_warm(url, runs)

        rows = [
            ("Snapshot (queries and scoring)", t_snapshot),
            ("HTML render (document template)", t_html),
            (f"PDF export, WeasyPrint, this process ({pages(weasy_pdf)} pages)", t_pdf),
            ("PDF fetch from storage, unchanged IDD (pdf_for)", t_cached),
            (f"Chromium print to PDF, new process ({pages(chromium_pdf)} pages)", t_chromium),
        ]
        if t_warm is not None:
            rows.append(("Chromium print to PDF, browser already running", t_warm))
        for label, seconds in rows:
            self.stdout.write(f"  {label:<64} {seconds * 1000:8.0f} ms")
        self.stdout.write("")
        self.stdout.write(f"  HTML render / PDF export:              {t_html / t_pdf:5.2f}")
        self.stdout.write(f"  PDF export / Chromium (new process):   {t_pdf / t_chromium:5.2f}")
        if t_warm is not None:
            self.stdout.write(f"  PDF export / Chromium (running):       {t_pdf / t_warm:5.2f}")
        verdict = "met" if t_pdf <= t_chromium else "NOT met"
        self.stdout.write(
            f"Goal (export no slower than Chromium's print of the same HTML): {verdict}"
        )

    def chromium_cli(self, url: str, target: Path, tmp: Path) -> None:
        profile = Path(tempfile.mkdtemp(dir=tmp))
        try:
            subprocess.run(  # noqa: S603 (fixed program and flags, our own URL and files)
                [
                    CHROMIUM,
                    *CHROMIUM_ARGS,
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

    def chromium_warm(self, url: str, runs: int) -> float | None:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            return None
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=[a for a in CHROMIUM_ARGS if a != "--headless"]
            )
            page = browser.new_page()

            def print_once():
                page.goto(url, wait_until="load")
                return page.pdf(format="Letter", prefer_css_page_size=True)

            print_once()
            seconds, _ = timed(print_once, runs)
            browser.close()
        return seconds
