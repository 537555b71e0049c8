"""URLs of the idd app, one module per area."""

from django.urls import include, path

from idd.views import dashboard

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("initiatives/", include("idd.urls.initiatives")),
    path("initiatives/", include("idd.urls.guided_form")),
    path("", include("idd.urls.review")),
    path("initiatives/", include("idd.urls.assessments")),
    path("initiatives/", include("idd.urls.export")),
]
