"""`make bench`: how fast each document kind exports, against Chromium printing the same HTML.

Builds the reference large IDD (demo.large_initiative) in a transaction that is rolled
back, then, for each document kind in `KINDS`, prints the median of several runs of: the
HTML render, WeasyPrint's full PDF export (`html_to_pdf`: layout, PDF, tag pass) as the
first render of a fresh process ("cold": what the first download after a restart waits
for) and as a later render of the same process ("warm": the web server and the worker,
which keep the parsed stylesheet and fonts, idd.export.stylesheets), and Debian's
Chromium printing the same HTML with the same stylesheet and fonts (served from
localhost): as a new process per export (`chromium --headless --print-to-pdf`) and, when
Playwright is installed, from a browser already running; then the ratios, all from one
run. WeasyPrint and Chromium runs alternate, so both see the same machine load: on a
shared machine compare the ratios, not the absolute times.
`--profile` prints where one warm export of each kind spends its time (pyinstrument).

Every printable document in idd.export.KINDS is timed: the PDF of each is the same
`html_to_pdf` of its print HTML.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.template.loader import render_to_string
from django.test import override_settings

from demo.large_initiative import SIZE, build_reference_initiative
from idd.document.shape import Document
from idd.document.snapshot import load, snapshot
from idd.export import KINDS as PRINTABLE
from idd.export import pdf_for
from idd.export.chromium import CHROMIUM, CHROMIUM_ARGS
from idd.export.fetcher import BASE_URL, StaticFilesOnly
from idd.export.printable import PrintableDocument
from idd.export.render import html_to_pdf


@dataclass(frozen=True)
class DocumentKind:
    """A document the product prints: its name and its print HTML from a snapshot."""

    name: str
    print_html: Callable[[Document], str]


def _print_html(kind: PrintableDocument) -> Callable[[Document], str]:
    return lambda doc: kind.html(doc, media="print")


# Every printable document (idd.export.KINDS: the IDD and the Section 333 notification
# draft), each from the reference IDD's snapshot (a Section 333 initiative).
KINDS: tuple[DocumentKind, ...] = tuple(
    DocumentKind(kind.title, _print_html(kind)) for kind in PRINTABLE.values()
)

# The first render of a fresh process: Django set up and the renderer imported, as in a
# web process that has just started, then one html_to_pdf of the HTML file in argv[1].
COLD_RENDER = """
import sys, time, django
django.setup()
from idd.export.render import html_to_pdf
html = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter()
html_to_pdf(html)
print(time.perf_counter() - start)
"""


def cold_render(html_file: Path) -> float:
    """Seconds of the first html_to_pdf in a new Python process."""
    done = subprocess.run(  # noqa: S603 (this Python, our own code and file)
        [sys.executable, "-c", COLD_RENDER, str(html_file)],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,  # the environment (DJANGO_SETTINGS_MODULE) is this one's
        timeout=300,
    )
    return float(done.stdout.split()[-1])


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


@dataclass
class Figures:
    """One document kind's medians, in seconds."""

    pages: str
    html: float
    cold: float
    warm: float
    warm_cpu: float
    chromium: float
    chromium_pages: str
    running: float | None


def bench_kind(kind: DocumentKind, doc: Document, runs: int, out: Path, tmp: Path) -> Figures:
    """Time one document kind: WeasyPrint cold and warm, Chromium new and running."""
    html = kind.print_html(doc)
    slug = kind.name.lower().replace(" ", "-")
    html_file = tmp / f"{slug}.html"
    html_file.write_text(html, encoding="utf-8")
    weasy_pdf, chromium_pdf = out / f"{slug}-weasyprint.pdf", out / f"{slug}-chromium.pdf"
    weasy_pdf.write_bytes(html_to_pdf(html))  # warm-up: this process's stylesheet and fonts
    t_html = median_of(lambda: kind.print_html(doc), runs)
    cold, warm, cpu, chromium = [], [], [], []
    with serve_document(html) as url:
        for _ in range(runs):  # alternate, so all meet the same load
            cold.append(cold_render(html_file))
            cpu_start = time.process_time()
            warm.append(seconds(lambda: html_to_pdf(html)))
            cpu.append(time.process_time() - cpu_start)
            chromium.append(seconds(lambda: chromium_cli(url, chromium_pdf, tmp)))
        running = chromium_running(url, runs)
    median = statistics.median
    return Figures(
        pages=pages(weasy_pdf),
        html=t_html,
        cold=median(cold),
        warm=median(warm),
        warm_cpu=median(cpu),
        chromium=median(chromium),
        chromium_pages=pages(chromium_pdf),
        running=running,
    )


class Command(BaseCommand):
    help = "Time the PDF export of each document kind against Chromium's print to PDF."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
        parser.add_argument("--keep", metavar="DIR", help="keep the PDFs in this folder")
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

    def row(self, label: str, value: float, unit: str = "ms") -> None:
        figure = f"{value * 1000:7.0f} ms" if unit == "ms" else f"{value:7.2f}"
        self.stdout.write(f"  {label:<66} {figure}")

    def bench(self, initiative, runs: int, out: Path, tmp: Path) -> None:
        load_average = ", ".join(f"{n:.1f}" for n in os.getloadavg())
        self.stdout.write(
            f"Reference IDD: {SIZE.fiscal_years} fiscal years, {SIZE.objectives} objectives, "
            f"{SIZE.deliverables} partner deliverables, {SIZE.us_inputs} U.S. inputs, "
            f"{SIZE.risks} risks. Median of {runs} runs; load average {load_average} "
            f"on {os.cpu_count()} CPUs.\n"
        )
        doc = snapshot(load(initiative.pk))
        self.row(
            "Snapshot (queries and commitment scoring)",
            median_of(lambda: snapshot(load(initiative.pk)), runs),
        )
        pdf_for(initiative)  # stored once, as the worker does ahead (idd.tasks)
        with override_settings(DEBUG=False):  # as deployed: the code fingerprint is kept
            t_stored = median_of(lambda: pdf_for(initiative).open().close(), runs)
        self.row("IDD download after the render ahead: fetch from storage", t_stored)
        verdicts = []
        for kind in KINDS:
            f = bench_kind(kind, doc, runs, out, tmp)
            self.stdout.write(f"\n{kind.name} ({f.pages} pages; Chromium {f.chromium_pages})")
            self.row("HTML render (template)", f.html)
            self.row("WeasyPrint export, first render in a fresh process (cold)", f.cold)
            self.row("WeasyPrint export, later render in the same process (warm)", f.warm)
            self.row("  of which CPU time of this process", f.warm_cpu)
            self.row("Chromium print to PDF, new process", f.chromium)
            if f.running is not None:
                self.row("Chromium print to PDF, browser already running", f.running)
            self.row("Ratio warm / Chromium new process", f.warm / f.chromium, "x")
            self.row("Ratio cold / Chromium new process", f.cold / f.chromium, "x")
            self.row(
                "Ratio HTML render + warm / Chromium new process",
                (f.html + f.warm) / f.chromium,
                "x",
            )
            if f.running is not None:
                self.row("Ratio warm / Chromium already running", f.warm / f.running, "x")
            verdicts.append(f"{kind.name}: {'met' if f.warm <= f.chromium else 'not met'}")
        self.stdout.write(
            "\nGoal, WeasyPrint's export (warm) no slower than Chromium's print in a new "
            f"process: {'; '.join(verdicts)}."
        )

    def profile(self, doc: Document) -> None:
        try:
            from pyinstrument import Profiler
        except ImportError as missing:
            raise CommandError(
                "--profile needs pyinstrument (pip install -e '.[test]')."
            ) from missing
        for kind in KINDS:
            html = kind.print_html(doc)
            html_to_pdf(html)  # warm-up, as in a running server
            profiler = Profiler()
            with profiler:
                html_to_pdf(html)
            self.stdout.write(f"{kind.name}\n")
            self.stdout.write(profiler.output_text(unicode=True, color=False))
