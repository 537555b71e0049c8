from django.urls import path

from idd.views import export

urlpatterns = [
    path("print/browser.css", export.browser_print_stylesheet, name="browser_print_css"),
    path("<int:pk>/print/", export.print_view, name="initiative_print"),
    path("<int:pk>/pdf/", export.pdf_download, name="initiative_pdf"),
]
