"""Review and approval: the queue, the IDD under review, its workflow steps, comments,
approved revisions, their diff and the History tab."""

from django.urls import path

from idd.views.review import comments, history, page, revisions, routes, steps

urlpatterns = [
    path("review/", page.review_queue, name="review_queue"),
    path("initiatives/<int:pk>/review/", page.initiative_review, name="initiative_review"),
    # The one-button steps (idd.views.review.common.STEPS): GET confirms, POST takes it.
    path(
        "initiatives/<int:pk>/submit/",
        steps.transition,
        {"action": "submit"},
        name="initiative_submit",
    ),
    path(
        "initiatives/<int:pk>/resubmit/",
        steps.transition,
        {"action": "resubmit"},
        name="initiative_resubmit",
    ),
    path(
        "initiatives/<int:pk>/start-review/",
        steps.transition,
        {"action": "start_review"},
        name="initiative_start_review",
    ),
    path(
        "initiatives/<int:pk>/withdraw/",
        steps.transition,
        {"action": "withdraw"},
        name="initiative_withdraw",
    ),
    path(
        "initiatives/<int:pk>/start-revision/",
        steps.transition,
        {"action": "start_revision"},
        name="initiative_start_revision",
    ),
    path("initiatives/<int:pk>/decision/", steps.decide, name="initiative_decide"),
    # The staffing route (idd.views.review.routes).
    path(
        "initiatives/<int:pk>/route/offices/<int:office_pk>/decision/",
        routes.office_decision,
        name="route_office_decision",
    ),
    path("initiatives/<int:pk>/route/approve/", routes.approve, name="route_approve"),
    path("initiatives/<int:pk>/route/return/", routes.send_back, name="route_return"),
    path("initiatives/<int:pk>/route/forward/", routes.forward, name="route_forward"),
    path("initiatives/<int:pk>/comments/<slug:section>/", comments.add_comment, name="comment_add"),
    path(
        "initiatives/<int:pk>/comments/<int:comment_pk>/reply/",
        comments.reply,
        name="comment_reply",
    ),
    path(
        "initiatives/<int:pk>/comments/<int:comment_pk>/resolve/",
        comments.resolve,
        name="comment_resolve",
    ),
    path("initiatives/<int:pk>/revisions/", revisions.revisions, name="revision_list"),
    path("initiatives/<int:pk>/revisions/compare/", revisions.revision_diff, name="revision_diff"),
    path(
        "initiatives/<int:pk>/revisions/<int:number>/",
        revisions.revision_detail,
        name="revision_detail",
    ),
    path(
        "initiatives/<int:pk>/revisions/<int:number>/pdf/",
        revisions.revision_pdf,
        name="revision_pdf",
    ),
    path(
        "initiatives/<int:pk>/revisions/<int:number>/docx/",
        revisions.revision_docx,
        name="revision_docx",
    ),
    path(
        "initiatives/<int:pk>/revisions/<int:number>/pdf/status/",
        revisions.revision_pdf_status,
        name="revision_pdf_status",
    ),
    path("initiatives/<int:pk>/history/", history.history, name="initiative_history"),
]
