"""The guided form: create an initiative, edit it step by step, resume where you were."""

from django.urls import path

from idd.views import wizard

urlpatterns = [
    path("new/", wizard.initiative_create, name="initiative_create"),
    path("<int:pk>/resume/", wizard.resume, name="initiative_resume"),
    path("<int:pk>/edit/<slug:step>/", wizard.wizard_step, name="wizard_step"),
]
