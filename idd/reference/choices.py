"""Every choice list of the IDD in one place, in the planners' words."""

from django.db import models

from assessments import fiscal, method


class CCMD(models.TextChoices):
    AFRICOM = "AFRICOM", "U.S. Africa Command (AFRICOM)"
    CENTCOM = "CENTCOM", "U.S. Central Command (CENTCOM)"
    EUCOM = "EUCOM", "U.S. European Command (EUCOM)"
    INDOPACOM = "INDOPACOM", "U.S. Indo-Pacific Command (INDOPACOM)"
    NORTHCOM = "NORTHCOM", "U.S. Northern Command (NORTHCOM)"
    SOUTHCOM = "SOUTHCOM", "U.S. Southern Command (SOUTHCOM)"


class FundingAuthority(models.TextChoices):
    SECTION_333 = "333", "10 U.S.C. 333 (build partner capacity)"
    SECTION_332 = "332", "10 U.S.C. 332 (defense institution building)"
    FMF = "FMF", "Foreign Military Financing (FMF)"
    IMET = "IMET", "International Military Education and Training (IMET)"
    USAI = "USAI", "Ukraine Security Assistance Initiative (USAI)"
    MSI = "MSI", "Maritime Security Initiative (MSI)"
    OTHER = "other", "Other authority"


class EvaluationKind(models.TextChoices):
    """Who evaluates the initiative (DoDI 5132.14): its own staff, or someone independent of it."""

    INTERNAL = "internal", "Internal (by the implementing command or agency)"
    INDEPENDENT = "independent", "Independent (by an evaluator outside the program)"


class InitiativeStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    WITHDRAWN = "withdrawn", "Withdrawn"


def _from_method(name: str, pairs, kind=models.TextChoices):
    """Database choices built from the assessment method's own (value, label) pairs."""
    return kind(name, [(str(value).upper(), (value, label)) for value, label in pairs])


# The categories, statuses and political-risk scale are part of the assessment method,
# so they are defined there (assessments.method) and only turned into choices here.
DeliverableCategory = _from_method("DeliverableCategory", method.DELIVERABLE_CATEGORIES)
DeliverableStatus = _from_method("DeliverableStatus", method.DELIVERABLE_STATUSES)
USInputCategory = _from_method("USInputCategory", method.US_INPUT_CATEGORIES)
USInputStatus = _from_method("USInputStatus", method.US_INPUT_STATUSES)
PoliticalRisk = models.IntegerChoices(  # type: ignore[call-overload]
    "PoliticalRisk",
    [(f"RISK_{value}", (value, label)) for value, label in method.POLITICAL_RISK_CHOICES],
)


class RiskCategory(models.TextChoices):
    ENTRAPMENT = "entrapment", "Entrapment (U.S. drawn into the partner's conflicts)"
    ABANDONMENT = "abandonment", "Abandonment (partner fears U.S. support will not come)"
    SOVEREIGNTY = "sovereignty", "Sovereignty (cost to the partner of accepting guarantees)"
    ABSORPTIVE_CAPACITY = "absorptive_capacity", "Absorptive capacity"
    SUSTAINMENT = "sustainment", "Sustainment"
    POLITICAL = "political", "Political"
    SECURITY = "security", "Security / physical"
    DIVERSION = "diversion", "Diversion or misuse"
    HUMAN_RIGHTS = "human_rights", "Human rights"
    # The stored value keeps its first spelling; what users read is American.
    PROGRAM = "programme", "Program (cost, schedule, performance)"


class Scale(models.IntegerChoices):
    """Likelihood and impact of a risk."""

    VERY_LOW = 1, "1 · Very low"
    LOW = 2, "2 · Low"
    MEDIUM = 3, "3 · Medium"
    HIGH = 4, "4 · High"
    VERY_HIGH = 5, "5 · Very high"


QUARTERS = [(q, f"Q{q} ({months})") for q, months in fiscal.QUARTER_MONTHS.items()]

# Fiscal years an initiative may span, and its longest span.
FIRST_ALLOWED_FY = 2000
LAST_ALLOWED_FY = 2100
MAX_SPAN_YEARS = 5


class DelayCause(models.TextChoices):
    """Why a U.S. input is late (GAO-23-106275 found most Section 333 deliveries late)."""

    FUNDING = "funding", "Funding not yet available"
    CONTRACTING = "contracting", "Contracting or procurement"
    PRODUCTION = "production", "Production or shipping"
    APPROVALS = "approvals", "Export license or transfer approval"
    PARTNER_SITE = "partner_site", "Partner site or staff not ready"
    OTHER = "other", "Other"


class StatutoryPurpose(models.TextChoices):
    """10 U.S.C. 333(a): the operations a Section 333 program builds the partner's capacity
    to conduct, in the statute's words, with air and missile defense operations, which the
    amended section names. Check against the current text when the statute changes."""

    COUNTERTERRORISM = "counterterrorism", "Counterterrorism operations"
    COUNTER_WMD = "counter_wmd", "Counter-weapons of mass destruction operations"
    COUNTER_DRUG = "counter_drug", "Counter-illicit drug trafficking operations"
    COUNTER_TOC = "counter_toc", "Counter-transnational organized crime operations"
    MARITIME_BORDER = "maritime_border", "Maritime and border security operations"
    MILITARY_INTELLIGENCE = "military_intelligence", "Military intelligence operations"
    AIR_DOMAIN = "air_domain", "Air domain awareness operations"
    AIR_MISSILE_DEFENSE = "air_missile_defense", "Air and missile defense operations"
    CYBERSPACE = "cyberspace", "Cyberspace security and defensive cyberspace operations"
    COALITION = (
        "coalition",
        (
            "Operations or activities that contribute to an international coalition operation "
            "that is determined by the Secretary of Defense to be in the national interest of "
            "the United States"
        ),
    )


class ProgramComponentKind(models.TextChoices):
    """The two components every Section 333 program includes (10 U.S.C. 333(c)(2), SAMM)."""

    LOAC = "loac", "Law of armed conflict, human rights and civilian harm training"
    ICB = "icb", "Institutional capacity building"
