"""Template helpers for the USWDS template pack (templates/uswds/).

All USWDS form markup is produced by that pack; these filters only pick classes
and describe fields for assistive technology.
"""

from django import template
from django.forms import BoundField

from idd.forms import differences

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
    if getattr(field.field, differences.MARK, False):
        ids.append(f"{field.auto_id}_differs")
    return " ".join(ids)


def marked_required(field: BoundField) -> bool:
    """Needed to save: shown with the asterisk, and said in code (required, aria-required),
    in formset rows too, where Django leaves `required` off (a page saved with novalidate
    still reaches the server, which names what is missing)."""
    return field.field.required and not field.field.disabled


@register.simple_tag
def uswds_control(field: BoundField) -> str:
    """A text input, text area or select with its USWDS class, what describes it, its error
    state and whether it is required, in code as on screen."""
    widget = field.field.widget
    classes = [widget.attrs.get("class", ""), widget.__class__.__name__.lower()]
    attrs: dict[str, str | bool] = {
        "class": " ".join([*filter(None, classes), uswds_input_class(field)])
    }
    if describedby := uswds_describedby(field):
        attrs["aria-describedby"] = describedby
    if field.errors:
        attrs["aria-invalid"] = "true"
    # Not on a select whose first option is a choice: it cannot be left empty, and HTML
    # allows `required` there only above a placeholder option (Django's own rule).
    if marked_required(field) and widget.use_required_attribute(field.initial):
        attrs["required"] = True
        attrs["aria-required"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def choice_hint(field: BoundField, value: object) -> str:
    """The hint under one radio choice (a field's `choice_hints`, by value), or ""."""
    return getattr(field.field, "choice_hints", {}).get(str(value), "")


@register.filter
def has_marked_fields(form) -> bool:
    """Whether a form shows a field marked required (so its legend explains the mark)."""
    return any(marked_required(field) for field in form.visible_fields())


@register.filter
def is_marked_required(field: BoundField) -> bool:
    return marked_required(field)


@register.filter
def widget_kind(field: BoundField) -> str:
    """checkbox, radios, checkboxes or input: decides which USWDS component renders it."""
    widget = field.field.widget
    name = widget.__class__.__name__
    if name == "CheckboxInput":
        return "checkbox"
    if name == "RadioSelect":
        return "radios"
    if hasattr(widget, "groups") and hasattr(widget, "follows"):
        return "grouped"  # idd.forms.basics.UnitsByPartner
    if name == "CheckboxSelectMultiple":
        return "checkboxes"
    if getattr(widget, "input_type", "") == "hidden":
        return "hidden"
    return "input"


@register.filter
def checkbox_groups(field: BoundField) -> list[tuple[int, str, list]]:
    """A grouped checkbox field's options, group by group: (key, legend, options)."""
    options = {str(option.data["value"]): option for option in field}
    return [
        (key, legend, [options[str(v)] for v in values if str(v) in options])
        for key, legend, values in field.field.widget.groups
    ]


@register.filter
def marking_class(marking: str) -> str:
    """Color of the marking banner: green for UNCLASSIFIED, purple for CUI, else gray."""
    upper = marking.upper()
    if upper.startswith("UNCLASSIFIED"):
        return "marking--unclassified"
    if upper.startswith("CUI"):
        return "marking--cui"
    return "marking--other"
