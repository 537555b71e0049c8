"""Each step's validation, in the words a planner reads."""

import pytest

from assessments.models import CommitmentRatings
from idd.forms.basics import BasicsForm
from idd.forms.commitment import CommitmentRatingsForm
from idd.forms.context import ContextForm, PriorAssistanceForm
from idd.forms.deliverables import DeliverableForm
from idd.forms.objectives import ObjectivesStep
from idd.forms.risks import RiskForm
from idd.forms.sustainment import SustainmentForm
from idd.forms.us_inputs import USInputForm
from idd.models import PartnerDeliverable, PartnerUnit, PriorAssistance, Risk, USInput
from tests import factories

pytestmark = pytest.mark.django_db


def basics_data(initiative, **changes) -> dict:
    data = {
        "title": initiative.title,
        "partner": initiative.partner.country,
        "ccmd": initiative.ccmd,
        "funding_authority": initiative.funding_authority,
        "first_fiscal_year": initiative.first_fiscal_year,
        "last_fiscal_year": initiative.last_fiscal_year,
    }
    return data | changes


class TestBasics:
    def test_the_last_fiscal_year_cannot_come_first(self, initiative, owner):
        form = BasicsForm(
            basics_data(initiative, last_fiscal_year=2026), instance=initiative, user=owner
        )
        assert form.errors["last_fiscal_year"] == [
            "The last fiscal year (FY2026) cannot come before the first (FY2027)."
        ]

    def test_at_most_five_fiscal_years(self, initiative, owner):
        form = BasicsForm(
            basics_data(initiative, last_fiscal_year=2032), instance=initiative, user=owner
        )
        assert form.errors["last_fiscal_year"] == [
            "An initiative spans at most 5 fiscal years: starting in FY2027, the last can be "
            "FY2031 at the latest."
        ]

    def test_a_new_span_names_every_row_left_outside(self, initiative, owner):
        factories.PartnerDeliverableFactory(initiative=initiative, title="Designate the unit")
        factories.USInputFactory(initiative=initiative, title="Boats")
        factories.YearlyObjectiveFactory(initiative=initiative)
        PriorAssistance.objects.create(
            initiative=initiative, fiscal_year=2025, authority="333", description="RHIBs", amount=1
        )
        form = BasicsForm(
            basics_data(initiative, first_fiscal_year=2029, last_fiscal_year=2033),
            instance=initiative,
            user=owner,
        )
        (error,) = form.non_field_errors()
        assert "partner deliverable “Designate the unit” (due FY2027)" in error
        assert "U.S. input “Boats” (FY2027)" in error
        assert "yearly objective for FY2027" in error
        assert "prior assistance “RHIBs” (FY2025" in error

    def test_shrinking_the_span_around_the_rows_is_fine(self, initiative, owner):
        factories.PartnerDeliverableFactory(initiative=initiative, due_fiscal_year=2028)
        form = BasicsForm(
            basics_data(initiative, first_fiscal_year=2028, last_fiscal_year=2029),
            instance=initiative,
            user=owner,
        )
        assert form.is_valid(), form.errors

    def test_the_command_defaults_to_the_partners(self, owner):
        partner = factories.PartnerFactory(ccmd="INDOPACOM")
        form = BasicsForm(
            {
                "title": "Littoral",
                "partner": partner.country,
                "ccmd": "",
                "funding_authority": "333",
                "first_fiscal_year": 2027,
                "last_fiscal_year": 2029,
            },
            user=owner,
        )
        assert form.is_valid(), form.errors
        assert form.cleaned_data["ccmd"] == "INDOPACOM"

    def test_team_members_are_chosen_from_planners(self, initiative, owner, reviewer, outsider):
        form = BasicsForm(instance=initiative, user=owner)
        choices = set(form.fields["team_members"].queryset)
        assert outsider in choices
        assert reviewer not in choices and owner not in choices
        refused = BasicsForm(
            basics_data(initiative, team_members=[reviewer.pk]), instance=initiative, user=owner
        )
        assert "team_members" in refused.errors

    def test_only_the_owner_changes_the_team(self, initiative, teammate, outsider):
        form = BasicsForm(
            basics_data(initiative, team_members=[outsider.pk]), instance=initiative, user=teammate
        )
        assert form.is_valid(), form.errors
        form.save()
        assert list(initiative.team_members.all()) == [teammate]

    def test_targeted_units_are_the_partners_own(self, initiative, owner):
        # Every partner's units are offered (one pass: partner and units together), but
        # only the chosen partner's are accepted.
        own = factories.PartnerUnitFactory(partner=initiative.partner, name="Coast guard")
        other = factories.PartnerUnitFactory(name="Someone else's unit")
        form = BasicsForm(
            basics_data(initiative, targeted_units=[own.pk]), instance=initiative, user=owner
        )
        assert set(form.fields["targeted_units"].queryset) == {own, other}
        assert form.is_valid(), form.errors
        form.save()
        assert [u.name for u in initiative.targeted_units.all()] == ["Coast guard"]
        refused = BasicsForm(
            basics_data(initiative, targeted_units=[own.pk, other.pk]),
            instance=initiative,
            user=owner,
        )
        assert refused.errors["targeted_units"] == [
            f"Tick only units of {initiative.partner}, the partner chosen: “Someone else's "
            f"unit” ({other.partner}) is a unit of another partner. Untick it, or choose its "
            "partner."
        ]

    def test_a_new_partner_and_its_units_are_saved_in_one_pass(self, initiative, owner):
        old = factories.PartnerUnitFactory(partner=initiative.partner, name="Old unit")
        initiative.targeted_units.add(old)
        new_partner = factories.PartnerFactory(country="Norland")
        new = factories.PartnerUnitFactory(partner=new_partner, name="Norland navy")
        form = BasicsForm(
            basics_data(initiative, partner=new_partner.country, targeted_units=[new.pk]),
            instance=initiative,
            user=owner,
        )
        assert form.is_valid(), form.errors
        form.save()
        initiative.refresh_from_db()
        assert initiative.partner == new_partner
        assert list(initiative.targeted_units.all()) == [new]

    def test_planners_do_not_add_units_they_are_told_whom_to_ask(self, initiative, owner):
        """Units are shared by every initiative with the partner: administrators add them."""
        form = BasicsForm(
            basics_data(initiative, new_unit="Port police"), instance=initiative, user=owner
        )
        assert form.non_field_errors() == [
            "“Port police” was not added. A unit that is not listed is added by an "
            "administrator, since every initiative with this partner shares its units: request "
            "it with “My unit is not listed” below."
        ]
        assert "“My unit is not listed”" in form.fields["targeted_units"].help_text
        assert not PartnerUnit.objects.exists()


def prior_form(initiative, **values):
    data = {"fiscal_year": 2026, "authority": "333", "description": "RHIBs", "amount": 1000}
    return PriorAssistanceForm(
        data | values, instance=PriorAssistance(initiative=initiative), initiative=initiative
    )


class TestPriorAssistance:
    def test_one_of_the_three_years_before(self, initiative):
        assert prior_form(initiative, fiscal_year=2024).is_valid()
        form = prior_form(initiative, fiscal_year=2027)
        assert form.errors["fiscal_year"] == [
            "Prior assistance covers the three fiscal years before the initiative: FY2024–FY2026."
        ]

    def test_amount_cannot_be_negative(self, initiative):
        assert prior_form(initiative, amount=-5).errors["amount"] == [
            "The amount cannot be negative."
        ]


def deliverable_form(initiative, **values):
    data = {
        "title": "Fund fuel and parts",
        "category": "sustainment_funding",
        "due_fiscal_year": 2028,
        "due_quarter": 1,
        "verification_method": "Enacted budget line",
        "political_risk": 3,
    }
    instance = PartnerDeliverable(initiative=initiative)
    return DeliverableForm(data | values, instance=instance, initiative=initiative)


class TestDeliverable:
    def test_a_complete_deliverable_is_valid(self, initiative):
        assert deliverable_form(initiative).is_valid()

    def test_no_verification_method_is_an_error(self, initiative):
        form = deliverable_form(initiative, verification_method="  ")
        assert form.errors["verification_method"][0].startswith(
            "Say how delivery will be verified: the observable evidence"
        )
        assert "A verbal assurance counts for nothing." in form.errors["verification_method"][0]

    def test_due_outside_the_fiscal_years_is_an_error(self, initiative):
        form = deliverable_form(initiative, due_fiscal_year=2033)
        assert form.errors["due_fiscal_year"] == [
            "FY2033 is outside this initiative's fiscal years (FY2027–FY2031)."
        ]

    def test_political_risk_runs_from_one_to_five(self, initiative):
        assert "political_risk" in deliverable_form(initiative, political_risk=6).errors
        assert "political_risk" in deliverable_form(initiative, political_risk="").errors

    def test_quarter_is_one_to_four(self, initiative):
        assert "due_quarter" in deliverable_form(initiative, due_quarter=5).errors

    def test_a_stored_year_outside_the_span_stays_selectable(self, initiative):
        stored = factories.PartnerDeliverableFactory(initiative=initiative)
        PartnerDeliverable.objects.filter(pk=stored.pk).update(due_fiscal_year=2035)
        stored.refresh_from_db()
        form = DeliverableForm(instance=stored, initiative=initiative)
        choices = dict(form.fields["due_fiscal_year"].widget.choices)
        assert choices["2035"] == "FY2035 (outside this initiative's fiscal years)"


def us_input_form(initiative, **values):
    data = {"title": "Boats", "category": "equipment", "fiscal_year": 2027, "authority": "333"}
    choices = [(d.pk, d.title) for d in initiative.partner_deliverables.all()]
    return USInputForm(
        data | values,
        instance=USInput(initiative=initiative),
        initiative=initiative,
        deliverable_choices=choices,
    )


class TestUSInput:
    def test_matched_to_its_own_initiatives_deliverables(self, initiative):
        own = factories.PartnerDeliverableFactory(initiative=initiative)
        form = us_input_form(initiative, matched_deliverables=[own.pk])
        assert form.is_valid(), form.errors
        assert list(form.cleaned_data["matched_deliverables"]) == [own]

    def test_another_initiatives_deliverable_is_refused(self, initiative):
        other = factories.PartnerDeliverableFactory()
        form = us_input_form(initiative, matched_deliverables=[other.pk])
        assert form.errors["matched_deliverables"] == [
            "Match only partner deliverables of this initiative: the choice "
            f"{other.pk} is not one of them."
        ]

    def test_fiscal_year_inside_the_span(self, initiative):
        form = us_input_form(initiative, fiscal_year=2026)
        assert form.errors["fiscal_year"] == [
            "FY2026 is outside this initiative's fiscal years (FY2027–FY2031)."
        ]

    def test_the_authority_defaults_to_the_initiatives(self, initiative):
        form = USInputForm(
            instance=USInput(initiative=initiative), initiative=initiative, deliverable_choices=[]
        )
        assert form["authority"].value() == initiative.funding_authority


class TestObjectives:
    def objectives_data(self, **values) -> dict:
        data = {}
        for year in range(2027, 2032):
            data |= {f"fy{year}-TOTAL_FORMS": "1", f"fy{year}-INITIAL_FORMS": "0"}
            data |= {f"fy{year}-0-ind-TOTAL_FORMS": "1", f"fy{year}-0-ind-INITIAL_FORMS": "0"}
        return data | values

    def test_empty_blocks_are_ignored(self, initiative, owner):
        step = ObjectivesStep(initiative, owner, data=self.objectives_data())
        assert step.is_valid()
        assert not step.has_changed()

    def test_an_indicator_needs_its_objective(self, initiative, owner):
        step = ObjectivesStep(
            initiative, owner, data=self.objectives_data(**{"fy2028-0-ind-0-target": "20"})
        )
        assert not step.is_valid()
        errors = {f.prefix: f.errors for f in step.error_forms()}
        assert "objective" in errors["fy2028-0"]
        assert "description" in errors["fy2028-0-ind-0"]

    def test_a_removed_objective_is_not_validated(self, initiative, owner):
        objective = factories.YearlyObjectiveFactory(initiative=initiative)
        data = self.objectives_data(
            **{
                "fy2027-INITIAL_FORMS": "1",
                "fy2027-0-id": str(objective.pk),
                "fy2027-0-objective": "",
                "fy2027-0-DELETE": "on",
                f"ind{objective.pk}-TOTAL_FORMS": "0",
                f"ind{objective.pk}-INITIAL_FORMS": "0",
            }
        )
        step = ObjectivesStep(initiative, owner, data=data)
        assert step.is_valid(), [f.errors for f in step.error_forms()]


class TestCommitmentRatings:
    def form(self, initiative, **values):
        return CommitmentRatingsForm(values, instance=CommitmentRatings(subject=initiative))

    def test_a_rating_needs_its_evidence(self, initiative):
        form = self.form(initiative, motivation="4")
        assert form.errors["motivation_justification"] == [
            "Give the evidence for this rating: what you observed, not what you were told."
        ]

    def test_nothing_rated_yet_is_fine(self, initiative):
        assert self.form(initiative).is_valid()

    def test_ratings_run_from_one_to_five(self, initiative):
        form = self.form(initiative, budget="6", budget_justification="x")
        assert "budget" in form.errors

    def test_labels_come_from_the_method(self, initiative):
        form = self.form(initiative)
        assert form.fields["salience"].label == "Salience to the decision maker"
        assert form.fields["maintenance"].label == "Maintenance and logistics"


class TestRisk:
    def test_the_dilemmas_risks_are_offered(self):
        offered = dict(RiskForm().fields["category"].choices)
        assert offered["entrapment"].startswith("Entrapment")
        assert offered["abandonment"].startswith("Abandonment")
        assert offered["sovereignty"].startswith("Sovereignty")

    def test_likelihood_and_impact_run_from_one_to_five(self, initiative):
        form = RiskForm(
            {"category": "entrapment", "description": "x", "likelihood": 7, "impact": 3},
            instance=Risk(initiative=initiative),
        )
        assert "likelihood" in form.errors


class TestTextSteps:
    def test_a_draft_may_leave_the_context_for_later(self, initiative):
        assert ContextForm({}, instance=initiative).is_valid()

    def test_sustainment_cost_cannot_be_negative(self, initiative):
        form = SustainmentForm({"sustainment_annual_cost": "-1"}, instance=initiative)
        assert form.errors["sustainment_annual_cost"] == [
            "The sustainment cost cannot be negative."
        ]
