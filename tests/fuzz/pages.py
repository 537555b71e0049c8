"""Read the forms of a rendered page as a browser sees them, to POST them back mutated
(not the controls of a <template>: the rows "Add another" inserts with JavaScript).

Each control keeps what a fuzzer needs: its kind (text, textarea, number, hidden,
select, checkbox, radio), its limit (the `data-maxlength` of the USWDS character count
around it, or a `maxlength`), the values offered (options, boxes), and the
submit buttons with a name (the guided form's add, move, goto and action buttons).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

TYPED = ("text", "textarea", "number", "email", "password", "search")


@dataclass
class Control:
    name: str
    kind: str
    values: list[str] = field(default_factory=list)  # what an untouched form sends
    maxlength: int | None = None
    choices: list[str] = field(default_factory=list)  # options, or the boxes' values


@dataclass
class Form:
    action: str
    controls: dict[str, Control] = field(default_factory=dict, repr=False)
    buttons: list[tuple[str, str]] = field(default_factory=list, repr=False)

    def data(self) -> dict[str, list[str]]:
        """What pressing Enter in the untouched form sends (buttons aside)."""
        return {c.name: list(c.values) for c in self.controls.values() if c.values}

    def typed(self) -> list[Control]:
        return [c for c in self.controls.values() if c.kind in TYPED]


def _maxlength(attrs: dict[str, str]) -> int | None:
    value = attrs.get("maxlength", "")
    return int(value) if value.isdigit() else None


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: Control | None = None
        self.textarea: Control | None = None
        self.limit: int | None = None  # of the character count the next control is in
        self.templates = 0  # <template> elements around: their controls are never sent

    def _limit(self, attrs: dict[str, str]) -> int | None:
        limit, self.limit = _maxlength(attrs) or self.limit, None
        return limit

    def handle_starttag(self, tag, attrs):
        a = {k: v if v is not None else "" for k, v in attrs}
        self.templates += tag == "template"
        if self.templates:
            return
        if tag == "div" and "usa-character-count" in a.get("class", "").split():
            self.limit = _maxlength({"maxlength": a.get("data-maxlength", "")})
            return
        if tag == "form":
            self.form = Form(action=a.get("action", ""))
            self.forms.append(self.form)
            return
        name = a.get("name")
        if self.form is None:
            return
        controls = self.form.controls
        kind = a.get("type", "submit" if tag == "button" else "text")
        if tag in ("button", "input") and kind in ("submit", "image"):
            if name:
                self.form.buttons.append((name, a.get("value", "")))
        elif tag == "input" and name and kind in ("checkbox", "radio"):
            control = controls.setdefault(name, Control(name, kind))
            control.choices.append(a.get("value", "on"))
            if "checked" in a:
                control.values.append(a.get("value", "on"))
        elif tag == "input" and name and kind not in ("button", "reset"):
            controls[name] = Control(name, kind, [a.get("value", "")], self._limit(a))
        elif tag == "select" and name:
            self.select = Control(name, "select-multiple" if "multiple" in a else "select")
            controls[name] = self.select
        elif tag == "option" and self.select is not None:
            self.select.choices.append(a.get("value", ""))
            if "selected" in a:
                self.select.values.append(a.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = Control(name, "textarea", [""], self._limit(a))
            controls[name] = self.textarea

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.values[0] += data

    def handle_endtag(self, tag):
        self.templates -= tag == "template"
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select is not None:
            single = self.select.kind == "select"
            if single and not self.select.values and self.select.choices:
                self.select.values = [self.select.choices[0]]  # a browser sends the first
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.textarea.values[0] = self.textarea.values[0].removeprefix("\n")
            self.textarea = None


def forms_of(html: str) -> list[Form]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def form_posting_to(html: str, action: str = "") -> Form:
    """The form posting to `action` ("": the form posting to the page itself)."""
    for form in forms_of(html):
        if form.action.split("#")[0] == action:
            return form
    raise LookupError(f"no form posting to {action or 'the page itself'}")
