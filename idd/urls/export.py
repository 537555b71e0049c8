from django.urls import path

from idd.views import export

urlpatterns = [
    path("print/marking.css", export.marking_stylesheet, name="print_marking_css"),
    path("<int:pk>/print/", export.print_view, name="initiative_print"),
    path("<int:pk>/pdf/", export.pdf_download, name="initiative_pdf"),
]
