from django.urls import path

from idd.views import initiatives

urlpatterns = [
    path("initiatives/", initiatives.initiative_list, name="initiative_list"),
    path("initiatives/<int:pk>/", initiatives.initiative_detail, name="initiative_detail"),
]
