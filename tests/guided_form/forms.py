"""Submit a guided-form page as a browser would: every field as rendered, plus changes."""

from __future__ import annotations

from html.parser import HTMLParser

from django.test import Client


class _FormFields(HTMLParser):
    """The successful controls of the form with id `form_id`, as a browser would send them
    (none of a <template>'s: the row "Add another" inserts with JavaScript)."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.templates = 0  # depth of <template> elements around the current tag
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._selected: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        self.templates += tag == "template"
        if not self.inside or self.templates:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value", "on")))
            else:
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select, self._selected, self._first_option = a.get("name"), None, None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value", "")
            if "selected" in a:
                self._selected = a.get("value", "")
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        self.templates -= tag == "template"
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select:
            value = self._selected if self._selected is not None else self._first_option
            self.fields.append((self._select, value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None


def page_fields(html: str, form_id: str = "step-form") -> dict[str, list[str]]:
    parser = _FormFields(form_id)
    parser.feed(html)
    data: dict[str, list[str]] = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    return data


def submit(
    client: Client,
    url: str,
    changes: dict | None = None,
    button=("action", "continue"),
    form_id: str = "step-form",
):
    """GET the page, change some fields (a list value sets a multiple choice; None unticks
    or removes), press a button, and POST it."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    data = page_fields(page.content.decode(), form_id)
    for name, value in (changes or {}).items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value if isinstance(value, list) else [str(value)]
    if button:
        data[button[0]] = [button[1]]
    return client.post(url, data)
