from django.urls import path

from complaints.views import complaints as views
from complaints.views import desk_records, reconsideration, review

app_name = "complaints"
urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("new/", views.complaint_create, name="create"),
    path("<int:complaint_id>/", views.complaint_detail, name="detail"),
    path("<int:complaint_id>/resolve/", views.complaint_resolve, name="resolve"),
    path("<int:complaint_id>/escalate/", views.complaint_escalate, name="escalate"),
    path("<int:complaint_id>/update/", views.complaint_update, name="update"),
    path("<int:complaint_id>/pause/", views.complaint_pause, name="pause"),
    path("<int:complaint_id>/resume/", views.complaint_resume, name="resume"),
    path("<int:complaint_id>/decide/", views.complaint_decide, name="decide"),
    path("<int:complaint_id>/appeal/", views.complaint_appeal, name="appeal"),
    path("<int:complaint_id>/close/", views.complaint_close, name="close"),
    path("<int:complaint_id>/letter/", views.complaint_letter, name="letter"),
    path("<int:complaint_id>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("review/", review.review, name="review"),
    path("review/complaints.csv", review.review_csv, name="review_csv"),
    path("reconsideration/", reconsideration.reconsideration_list, name="reconsideration_list"),
    path(
        "reconsideration/new/",
        reconsideration.reconsideration_create,
        name="reconsideration_create",
    ),
    path(
        "reconsideration/<int:request_id>/",
        reconsideration.reconsideration_detail,
        name="reconsideration_detail",
    ),
    path(
        "reconsideration/<int:request_id>/acknowledge/",
        reconsideration.reconsideration_acknowledge,
        name="reconsideration_acknowledge",
    ),
    path(
        "reconsideration/<int:request_id>/committee/",
        reconsideration.reconsideration_member,
        name="reconsideration_member",
    ),
    path(
        "reconsideration/<int:request_id>/decide/",
        reconsideration.reconsideration_decide,
        name="reconsideration_decide",
    ),
    path(
        "reconsideration/<int:request_id>/appeal/",
        reconsideration.reconsideration_appeal,
        name="reconsideration_appeal",
    ),
    path(
        "reconsideration/<int:request_id>/close/",
        reconsideration.reconsideration_close,
        name="reconsideration_close",
    ),
    path(
        "reconsideration/<int:request_id>/letter/<str:kind>/",
        reconsideration.reconsideration_letter,
        name="reconsideration_letter",
    ),
    path("comments/new/", desk_records.comment_card_create, name="comment_create"),
    path("comments/", desk_records.comment_report, name="comment_report"),
    path("incidents/new/", desk_records.incident_create, name="incident_create"),
    path("incidents/", desk_records.incident_list, name="incident_list"),
    path("incidents/<int:incident_id>/", desk_records.incident_detail, name="incident_detail"),
]
