"""Template helpers for the USWDS template pack (templates/uswds/).

All USWDS form markup is produced by that pack; these filters only pick classes
and describe fields for assistive technology.
"""

from django import template
from django.forms import BoundField

register = template.Library()

_INPUT_CLASSES = {
    "textarea": "usa-textarea",
    "select": "usa-select",
    "selectmultiple": "usa-select",
    "fileinput": "usa-file-input",
    "clearablefileinput": "usa-file-input",
}


@register.filter
def character_limit(field: BoundField) -> int | None:
    """The most characters a text input or text area takes, shown as a USWDS character
    count (None: no count). A too long text is refused by the server, never cut."""
    widget = field.field.widget
    typed = widget.__class__.__name__ == "Textarea" or getattr(widget, "input_type", "") == "text"
    limit = getattr(field.field, "max_length", None)
    return limit if typed and limit else None


@register.filter
def uswds_input_class(field: BoundField) -> str:
    """The USWDS class of a field's control, with its error state."""
    widget = field.field.widget.__class__.__name__.lower()
    css = _INPUT_CLASSES.get(widget, "usa-input")
    if character_limit(field):
        css += " usa-character-count__field"
    if field.errors:
        css += " usa-input--error"
    return css


@register.filter
def uswds_describedby(field: BoundField) -> str:
    """Ids of the hint, character count and error message that describe a field, for
    aria-describedby."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if character_limit(field):
        ids.append(f"{field.auto_id}-info")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.filter
def widget_kind(field: BoundField) -> str:
    """checkbox, radios, checkboxes or input: decides which USWDS component renders it."""
    widget = field.field.widget
    name = widget.__class__.__name__
    if name == "CheckboxInput":
        return "checkbox"
    if name == "RadioSelect":
        return "radios"
    if name == "CheckboxSelectMultiple":
        return "checkboxes"
    if getattr(widget, "input_type", "") == "hidden":
        return "hidden"
    return "input"


@register.filter
def marking_class(marking: str) -> str:
    """Colour of the marking banner: green for UNCLASSIFIED, purple for CUI, else grey."""
    upper = marking.upper()
    if upper.startswith("UNCLASSIFIED"):
        return "marking--unclassified"
    if upper.startswith("CUI"):
        return "marking--cui"
    return "marking--other"
