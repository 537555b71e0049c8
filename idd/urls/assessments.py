from django.urls import path

from idd.views import assessments, monitoring

urlpatterns = [
    path("initiatives/<int:pk>/commitment/", assessments.overview, name="commitment_overview"),
    path(
        "initiatives/<int:pk>/commitment/record/",
        assessments.record_assessment,
        name="commitment_record",
    ),
    path(
        "initiatives/<int:pk>/commitment/assessments/<int:assessment_pk>/",
        assessments.assessment_detail,
        name="commitment_assessment",
    ),
    path(
        "initiatives/<int:pk>/commitment/deliverables/<int:deliverable_pk>/",
        assessments.record_delivery,
        name="deliverable_record",
    ),
    path(
        "initiatives/<int:pk>/indicators/<int:indicator_pk>/measurements/new/",
        monitoring.record_measurement,
        name="measurement_record",
    ),
    path(
        "initiatives/<int:pk>/indicators/<int:indicator_pk>/measurements/<int:measurement_pk>/",
        monitoring.correct_measurement,
        name="measurement_correct",
    ),
]
