"""URLs of the idd app, one module per area."""

from django.urls import include, path

from idd.views import dashboard

# Each module writes its paths in full ("initiatives/<int:pk>/review/"), so a search for
# a URL finds its view.
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("", include("idd.urls.initiatives")),
    path("", include("idd.urls.guided_form")),
    path("", include("idd.urls.review")),
    path("", include("idd.urls.commitment_record")),
    path("", include("idd.urls.export")),
    path("", include("idd.urls.exchange")),
    path("", include("idd.urls.portfolio")),
    path("", include("idd.urls.organizations")),
]
