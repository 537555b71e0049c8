"""The CUI designation indicator of the printed IDD (DoD Instruction 5200.48):
shown on the cover when the marking is CUI, from `settings.CUI_DESIGNATION`."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import CheckMessage, Warning, register

# The block's lines in the instruction's order: (setting key, label, environment variable).
LINES = (
    ("controlled_by", "Controlled by", "CUI_CONTROLLED_BY"),
    ("category", "CUI Category", "CUI_CATEGORY"),
    ("dissemination", "Distribution/Dissemination Control", "CUI_DISSEMINATION"),
    ("poc", "POC", "CUI_POC"),
)


def is_cui(marking: str) -> bool:
    return marking.strip().upper().startswith("CUI")


def designation() -> list[tuple[str, str]] | None:
    """(label, value) of each line of the block, or None when the marking is not CUI.
    A line not configured reads "Not configured", so the gap shows on paper."""
    if not is_cui(settings.MARKING):
        return None
    values = settings.CUI_DESIGNATION
    return [(label, values.get(key, "") or "Not configured") for key, label, _ in LINES]


@register()
def cui_designation_configured(app_configs=None, **kwargs) -> list[CheckMessage]:
    """Warns when the marking is CUI and a line of the designation indicator is empty."""
    if not is_cui(settings.MARKING):
        return []
    values = settings.CUI_DESIGNATION
    missing = [variable for key, _, variable in LINES if not values.get(key, "").strip()]
    if not missing:
        return []
    return [
        Warning(
            f"MARKING is {settings.MARKING!r} but the CUI designation indicator printed on "
            f"the IDD's cover is incomplete: set {', '.join(missing)}.",
            hint="See README, Configuration. The cover prints “Not configured” meanwhile.",
            id="idd.W001",
        )
    ]
