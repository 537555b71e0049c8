from django.urls import path

from idd.views import initiatives

urlpatterns = [
    path("", initiatives.initiative_list, name="initiative_list"),
    path("<int:pk>/", initiatives.initiative_detail, name="initiative_detail"),
]
