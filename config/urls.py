"""The site's URLs: the admin and the idd app's, named by string (config never imports
the app; `tests/test_import_graph.py` checks it)."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", include("idd.urls.accounts")),
    # The admin's "Change password" is the site's page, where the rules for a person
    # changing their own password apply (STIG V-222541, V-222544; idd/sign_in/passwords.py).
    path(
        "admin/password_change/",
        RedirectView.as_view(pattern_name="password_change"),
        name="admin_password_change",
    ),
    path("admin/", admin.site.urls),
    path("", include("idd.urls")),
]
