"""The site's URLs: the admin and the idd app's, named by string (config never imports
the app; `tests/test_import_graph.py` checks it)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("idd.urls.accounts")),
    path("admin/", admin.site.urls),
    path("", include("idd.urls")),
]
