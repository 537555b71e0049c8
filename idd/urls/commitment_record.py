from django.urls import path

from idd.views import commitment_record, lessons, measurements

urlpatterns = [
    path(
        "initiatives/<int:pk>/commitment/", commitment_record.overview, name="commitment_overview"
    ),
    path(
        "initiatives/<int:pk>/commitment/record/",
        commitment_record.record_assessment,
        name="commitment_record",
    ),
    path(
        "initiatives/<int:pk>/commitment/assessments/<int:assessment_pk>/",
        commitment_record.assessment_detail,
        name="commitment_assessment",
    ),
    path(
        "initiatives/<int:pk>/commitment/deliverables/<int:deliverable_pk>/",
        commitment_record.record_delivery,
        name="deliverable_record",
    ),
    path(
        "initiatives/<int:pk>/commitment/us-inputs/<int:us_input_pk>/",
        commitment_record.record_us_delivery,
        name="us_input_record",
    ),
    path(
        "initiatives/<int:pk>/indicators/<int:indicator_pk>/measurements/new/",
        measurements.record_measurement,
        name="measurement_record",
    ),
    path(
        "initiatives/<int:pk>/indicators/<int:indicator_pk>/measurements/<int:measurement_pk>/",
        measurements.correct_measurement,
        name="measurement_correct",
    ),
    path("initiatives/<int:pk>/lessons/new/", lessons.record_lesson, name="lesson_record"),
    path(
        "initiatives/<int:pk>/lessons/<int:lesson_pk>/",
        lessons.correct_lesson,
        name="lesson_correct",
    ),
]
