"""The guided form: create an initiative, edit it step by step, resume where you were."""

from django.urls import path

from idd.views import guided_form

urlpatterns = [
    path("initiatives/new/", guided_form.initiative_create, name="initiative_create"),
    path("initiatives/<int:pk>/resume/", guided_form.resume, name="initiative_resume"),
    path("initiatives/<int:pk>/edit/<slug:step>/", guided_form.edit_step, name="wizard_step"),
]
