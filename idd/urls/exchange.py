from django.urls import path

from idd.views import exchange

urlpatterns = [
    path("initiatives/<int:pk>/data.json", exchange.data_json, name="initiative_data_json"),
    path(
        "initiatives/<int:pk>/deliverables.csv",
        exchange.deliverables_csv_download,
        name="initiative_deliverables_csv",
    ),
]
