"""A command staffed on a route: U.S. Africa Command > J5 > J5-SC (the planners), J4, J8
and SJA (coordinators), the J5 director who approves; DSCA outside it. The route: stage 1
J4 and J8 in parallel, stage 2 SJA; approval by J5."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from idd.models import Initiative, Organization, RouteStage, RouteTemplate, StageOffice
from idd.reference import roles
from tests import factories


@dataclass
class Command:
    africom: Organization
    j5: Organization
    j5sc: Organization
    j4: Organization
    j8: Organization
    sja: Organization
    dsca: Organization
    dsca_sa: Organization
    template: RouteTemplate
    dsca_template: RouteTemplate
    planner: User
    j4_officer: User
    j8_officer: User
    sja_officer: User
    director: User
    dsca_officer: User
    dsca_director: User
    initiative: Initiative


def person(username: str, role: str, organization: Organization, **names) -> User:
    return factories.UserFactory(username=username, role=role, organization=organization, **names)


def route(organization, name, approval_authority, *stages, default=True, suspense=5):
    template = RouteTemplate.objects.create(
        organization=organization,
        name=name,
        is_default=default,
        approval_authority=approval_authority,
    )
    for position, offices in enumerate(stages, start=1):
        stage = RouteStage.objects.create(
            template=template, position=position, suspense_days=suspense
        )
        for office in offices:
            StageOffice.objects.create(stage=stage, organization=office)
    return template


@pytest.fixture
def command(db) -> Command:
    africom = Organization.add("U.S. Africa Command")
    j5 = Organization.add("J5", africom)
    j5sc = Organization.add("J5-SC", j5)
    j4, j8, sja = (Organization.add(name, africom) for name in ("J4", "J8", "SJA"))
    dsca = Organization.add("DSCA")
    dsca_sa = Organization.add("Security Assistance", dsca)
    template = route(africom, "AFRICOM staffing", j5, [j4, j8], [sja])
    dsca_template = route(dsca, "DSCA review", dsca, [dsca_sa])
    planner = person("planner", roles.PLANNER, j5sc, first_name="Pat", last_name="Planner")
    return Command(
        africom=africom,
        j5=j5,
        j5sc=j5sc,
        j4=j4,
        j8=j8,
        sja=sja,
        dsca=dsca,
        dsca_sa=dsca_sa,
        template=template,
        dsca_template=dsca_template,
        planner=planner,
        j4_officer=person("j4", roles.COORDINATOR, j4, first_name="Jo", last_name="Four"),
        j8_officer=person("j8", roles.COORDINATOR, j8, first_name="Jay", last_name="Eight"),
        sja_officer=person("sja", roles.COORDINATOR, sja, first_name="Sam", last_name="Law"),
        director=person(
            "director", roles.APPROVAL_AUTHORITY, j5, first_name="Dee", last_name="Rector"
        ),
        dsca_officer=person("dsca", roles.COORDINATOR, dsca_sa),
        dsca_director=person("dscadir", roles.APPROVAL_AUTHORITY, dsca),
        initiative=factories.complete_initiative(owner=planner),
    )
