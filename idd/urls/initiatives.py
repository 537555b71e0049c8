from django.urls import path

from idd.views import initiatives

urlpatterns = [
    path("<int:pk>/", initiatives.initiative_detail, name="initiative_detail"),
]
