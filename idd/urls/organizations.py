from django.urls import path

from idd.views import organizations

urlpatterns = [
    path("organizations/", organizations.organization_list, name="organization_list"),
    path(
        "organizations/<int:organization_pk>/",
        organizations.organization_page,
        name="organization_page",
    ),
]
