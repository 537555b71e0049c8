"""Review and approval: the queue, the IDD under review, its workflow steps, comments,
approved revisions, their diff and the History tab."""

from django.urls import path

from idd.views import review

urlpatterns = [
    path("review/", review.review_queue, name="review_queue"),
    path("initiatives/<int:pk>/review/", review.initiative_review, name="initiative_review"),
    *(
        path(f"initiatives/<int:pk>/{segment}/", review.transition, {"action": action}, name=name)
        for action, (_, segment, name) in review.STEPS.items()
    ),
    path("initiatives/<int:pk>/decision/", review.decide, name="initiative_decide"),
    path("initiatives/<int:pk>/comments/<slug:section>/", review.add_comment, name="comment_add"),
    path(
        "initiatives/<int:pk>/comments/<int:comment_pk>/reply/",
        review.reply,
        name="comment_reply",
    ),
    path(
        "initiatives/<int:pk>/comments/<int:comment_pk>/resolve/",
        review.resolve,
        name="comment_resolve",
    ),
    path("initiatives/<int:pk>/revisions/", review.revisions, name="revision_list"),
    path("initiatives/<int:pk>/revisions/compare/", review.revision_diff, name="revision_diff"),
    path(
        "initiatives/<int:pk>/revisions/<int:number>/",
        review.revision_detail,
        name="revision_detail",
    ),
    path(
        "initiatives/<int:pk>/revisions/<int:number>/pdf/",
        review.revision_pdf,
        name="revision_pdf",
    ),
    path("initiatives/<int:pk>/history/", review.history, name="initiative_history"),
]
