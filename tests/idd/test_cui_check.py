"""`manage.py check` warns when the marking is CUI and the cover's CUI block is not configured."""

from django.core.checks import run_checks
from django.test import override_settings

CONFIGURED = {
    "controlled_by": "USAFRICOM, J5",
    "category": "CTI",
    "dissemination": "FEDCON",
    "poc": "J5 desk",
}


def warnings() -> list[str]:
    return [m.msg for m in run_checks() if m.id == "idd.W001"]


def test_a_cui_marking_without_its_designation_indicator_is_warned_about():
    with override_settings(MARKING="CUI//SP-CTI", CUI_DESIGNATION=CONFIGURED | {"poc": ""}):
        assert warnings() == [
            "MARKING is 'CUI//SP-CTI' but the CUI designation indicator printed on the IDD's "
            "cover is incomplete: set CUI_POC."
        ]


def test_no_warning_when_configured_or_not_cui():
    with override_settings(MARKING="CUI", CUI_DESIGNATION=CONFIGURED):
        assert warnings() == []
    with override_settings(MARKING="UNCLASSIFIED", CUI_DESIGNATION={}):
        assert warnings() == []
