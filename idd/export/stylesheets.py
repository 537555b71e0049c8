"""The print stylesheet and its fonts, parsed once per thread and reused (ADR 0011).

Left to itself, WeasyPrint parses the stylesheets a document links to at every render,
and loads the fonts of their `@font-face` rules into a new font configuration (a
Fontconfig configuration and a Pango font map): the same work for every PDF of every
initiative. `take_stylesheets` does it once per thread for each distinct set of
stylesheets, then hands the parsed `weasyprint.CSS` objects and their
`FontConfiguration` to every later render of that thread.

- Per thread, not per process: a font configuration holds a Pango font map and
  Fontconfig state, which are not safe to use from two threads at once, and a parsed
  stylesheet belongs to the font configuration its fonts were loaded into. Web
  processes and the worker render on one thread each; a process that renders on
  several threads gets one set per thread.
- Keyed by each stylesheet's URL and content, fetched through the document's own fetcher
  at every render (so the fetcher still sees, serves and refuses every stylesheet URL):
  an edited stylesheet in development, or another document kind with its own
  stylesheets, gets a set of its own, and no document is laid out with fonts or rules
  that its own stylesheets do not name.
- Only when the document's stylesheets are plain `<link rel="stylesheet">`s to our
  static files and it has no `<style>` element nor `style` attribute: the taken
  stylesheets are passed to WeasyPrint as user stylesheets, which against the user agent
  stylesheet cascade as the author's would; any other document is left as it is.
- A parsed stylesheet is only read by a render (selectors matched, rules looked up), and
  each render has its own counters, layout and PDF: nothing of one document reaches the
  next.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import urljoin
from xml.etree.ElementTree import Element

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from idd.export.fetcher import StaticFilesOnly

# Stylesheet sets kept per thread: the IDD's and a second document kind's, with room for
# an edited print.css in development. The oldest goes first (its font files with it).
KEPT = 4
PRINT_MEDIA = ("", "all", "print")


@dataclass(frozen=True)
class Styles:
    """What WeasyPrint's render takes for the stylesheets taken out of a document."""

    font_config: FontConfiguration | None = None
    stylesheets: tuple[CSS, ...] = ()


_local = threading.local()


def _kept() -> OrderedDict[tuple, Styles]:
    if not hasattr(_local, "styles"):
        _local.styles = OrderedDict()
    return _local.styles


def _links(root: Element) -> list[tuple[Element, Element]] | None:
    """The document's stylesheet links with their parents, or None if it styles itself
    any other way (a `<style>` element, a `style` attribute, a link for other media)."""
    if root.get("style") is not None:
        return None
    links = []
    for parent in root.iter():
        for element in parent:
            if element.tag == "style" or element.get("style") is not None:
                return None
            if element.tag != "link":
                continue
            rel = element.get("rel", "").lower().split()
            if "stylesheet" not in rel:
                continue
            media = element.get("media", "").strip().lower()
            plain = rel == ["stylesheet"] and element.get("type", "text/css") == "text/css"
            if not plain or media not in PRINT_MEDIA or not element.get("href"):
                return None
            links.append((element, parent))
    return links


def take_stylesheets(source: HTML, fetcher: StaticFilesOnly) -> Styles:
    """Take the document's stylesheet links out of `source` (parsed, not yet rendered) and
    return their parsed stylesheets and font configuration, built once per thread.
    Returns empty `Styles` (WeasyPrint then does it all itself) for a document whose
    stylesheets are not all our static files' or that styles itself otherwise."""
    links = _links(source.etree_element)
    if not links:
        return Styles()
    urls = [urljoin(source.base_url, link.get("href", "").strip()) for link, _ in links]
    if not all(fetcher.serves(url) for url in urls):
        return Styles()  # WeasyPrint asks for them and the fetcher refuses them, as before
    contents = [fetcher.fetch(url).read() for url in urls]
    digests = [hashlib.sha256(content).hexdigest() for content in contents]
    key = (source.media_type, *zip(urls, digests, strict=True))
    kept = _kept()
    styles = kept.get(key)
    if styles is None:
        font_config = FontConfiguration()
        sheets = tuple(
            CSS(
                file_obj=io.BytesIO(content),
                base_url=url,
                url_fetcher=fetcher,
                media_type=source.media_type,
                font_config=font_config,
            )
            for url, content in zip(urls, contents, strict=True)
        )
        styles = kept[key] = Styles(font_config, sheets)
        while len(kept) > KEPT:
            kept.popitem(last=False)
    kept.move_to_end(key)
    for link, parent in links:
        parent.remove(link)
    return styles


def forget() -> None:
    """Drop this thread's parsed stylesheets and fonts (the next render parses them anew)."""
    _kept().clear()
