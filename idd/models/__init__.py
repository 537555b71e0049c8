from idd.models.audit import AuditRecord
from idd.models.initiative import Initiative, InitiativeQuerySet
from idd.models.lesson import LessonLearned
from idd.models.measurement import IndicatorMeasurement
from idd.models.organization import Organization
from idd.models.partner import Partner, PartnerUnit
from idd.models.password import PasswordRecord
from idd.models.people import Profile
from idd.models.plan import (
    Indicator,
    PartnerDeliverable,
    PriorAssistance,
    Risk,
    USInput,
    YearlyObjective,
)
from idd.models.review import ReviewComment, ReviewDecision, Revision, Submission
from idd.models.section_333 import ProgramComponent
from idd.models.signin import AccountSession, SignInRecord
from idd.models.staffing import (
    OfficeDecision,
    Route,
    RouteReminder,
    RouteStage,
    RouteTemplate,
    StageOffice,
)
from idd.models.summary import InitiativeSummary
from idd.models.unfinished import UnfinishedInput
from idd.models.unit_request import PartnerUnitRequest

__all__ = [
    "AccountSession",
    "AuditRecord",
    "Indicator",
    "IndicatorMeasurement",
    "Initiative",
    "InitiativeQuerySet",
    "InitiativeSummary",
    "LessonLearned",
    "OfficeDecision",
    "Organization",
    "Partner",
    "PartnerDeliverable",
    "PartnerUnit",
    "PartnerUnitRequest",
    "PasswordRecord",
    "PriorAssistance",
    "ProgramComponent",
    "Profile",
    "Revision",
    "ReviewComment",
    "ReviewDecision",
    "Risk",
    "Route",
    "RouteReminder",
    "RouteStage",
    "RouteTemplate",
    "SignInRecord",
    "StageOffice",
    "Submission",
    "UnfinishedInput",
    "USInput",
    "YearlyObjective",
]
