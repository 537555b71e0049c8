"""Partner units asked for in the product, and the administrators' decisions."""

from django.urls import path

from idd.views import unit_requests

urlpatterns = [
    path("partner-units/request/", unit_requests.request_unit, name="unit_request"),
    path(
        "partner-units/requests/<int:unit_request_pk>/",
        unit_requests.decide,
        name="unit_request_decide",
    ),
]
