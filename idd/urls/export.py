from django.urls import path

from idd.views import export

urlpatterns = [
    path(
        "initiatives/print/browser.css", export.browser_print_stylesheet, name="browser_print_css"
    ),
    path("initiatives/<int:pk>/print/", export.print_view, name="initiative_print"),
    path("initiatives/<int:pk>/pdf/", export.pdf_download, name="initiative_pdf"),
    # What the "Preparing the PDF" page polls (JSON).
    path("initiatives/<int:pk>/pdf/status/", export.pdf_status, name="initiative_pdf_status"),
    # Its Word copy, to paste sections into memos.
    path("initiatives/<int:pk>/docx/", export.initiative_docx, name="initiative_docx"),
    # The Section 333 notification draft: print view, PDF, Word copy.
    path(
        "initiatives/<int:pk>/notification/",
        export.notification_print,
        name="notification_print",
    ),
    path(
        "initiatives/<int:pk>/notification/pdf/", export.notification_pdf, name="notification_pdf"
    ),
    path(
        "initiatives/<int:pk>/notification/pdf/status/",
        export.notification_pdf_status,
        name="notification_pdf_status",
    ),
    path(
        "initiatives/<int:pk>/notification/docx/",
        export.notification_docx,
        name="notification_docx",
    ),
]
