from django.urls import path

from idd.views import organizations, partner_nations, people, route_templates

urlpatterns = [
    path("organizations/", organizations.organization_list, name="organization_list"),
    path(
        "organizations/<int:organization_pk>/",
        organizations.organization_page,
        name="organization_page",
    ),
    # Its people (idd.services.people).
    path("organizations/<int:organization_pk>/people/add/", people.person_add, name="person_add"),
    path("organizations/people/<int:person_pk>/", people.person_page, name="person_page"),
    # Its staffing route templates (idd.services.route_templates).
    path(
        "organizations/<int:organization_pk>/routes/add/",
        route_templates.route_add,
        name="route_add",
    ),
    path(
        "organizations/routes/<int:template_pk>/",
        route_templates.route_template,
        name="route_template",
    ),
    path(
        "organizations/routes/<int:template_pk>/default/",
        route_templates.route_make_default,
        name="route_make_default",
    ),
    path(
        "organizations/routes/<int:template_pk>/copy/",
        route_templates.route_copy,
        name="route_copy",
    ),
    # The partner nations a command keeps, and their units (idd.services.partners).
    path(
        "organizations/<int:command_pk>/partners/add/",
        partner_nations.partner_add,
        name="partner_add",
    ),
    path(
        "organizations/partners/<int:partner_pk>/",
        partner_nations.partner_page,
        name="partner_page",
    ),
    path(
        "organizations/partners/<int:partner_pk>/remove/",
        partner_nations.partner_remove,
        name="partner_remove",
    ),
    path(
        "organizations/partners/units/<int:unit_pk>/",
        partner_nations.partner_unit,
        name="partner_unit",
    ),
    path(
        "organizations/partners/units/<int:unit_pk>/remove/",
        partner_nations.partner_unit_remove,
        name="partner_unit_remove",
    ),
]
