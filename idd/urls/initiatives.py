from django.urls import path

from idd.views import drafts, initiatives, partners

urlpatterns = [
    path("initiatives/", initiatives.initiative_list, name="initiative_list"),
    path("initiatives/<int:pk>/", initiatives.initiative_detail, name="initiative_detail"),
    path("partners/search/", partners.partner_search, name="partner_search"),
    # Managing drafts (idd.views.drafts): GET confirms, POST acts.
    path("initiatives/<int:pk>/delete/", drafts.delete, name="initiative_delete"),
    path("initiatives/<int:pk>/copy/", drafts.copy, name="initiative_copy"),
    path(
        "initiatives/<int:pk>/submit/confirm/",
        drafts.confirm_submit,
        name="initiative_submit_confirm",
    ),
]
