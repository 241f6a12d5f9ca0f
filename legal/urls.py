from django.urls import path

from legal import views

app_name = "legal"
urlpatterns = [
    path("intake/", views.intake, name="intake"),
    path("", views.queue, name="queue"),
    path("<int:request_id>/", views.detail, name="detail"),
    path("<int:request_id>/counsel/", views.counsel, name="counsel"),
    path("<int:request_id>/designee/", views.designee, name="designee"),
    path(
        "<int:request_id>/designee/<int:user_id>/remove/",
        views.designee_remove,
        name="designee_remove",
    ),
    path("<int:request_id>/scope/", views.scope, name="scope"),
    path("<int:request_id>/documents/", views.document_upload, name="document_upload"),
    path("documents/<int:document_id>/", views.document, name="document"),
    path("<int:request_id>/warrant/", views.warrant, name="warrant"),
    path("<int:request_id>/seize/", views.seize, name="seize"),
    path("<int:request_id>/nondisclosure/", views.nondisclosure, name="nondisclosure"),
    path("<int:request_id>/produce/", views.produce, name="produce"),
    path("productions/<int:production_id>/hand-over/", views.hand_over, name="hand_over"),
    path("files/<int:file_id>/", views.production_file, name="production_file"),
    path("productions/<int:production_id>/zip/", views.production_zip, name="production_zip"),
    path("<int:request_id>/refuse/", views.refuse, name="refuse"),
    path("<int:request_id>/close/", views.close, name="close"),
    path("<int:request_id>/holds/place/", views.hold_place, name="hold_place"),
    path("<int:request_id>/holds/release/", views.hold_release, name="hold_release"),
    path("<int:request_id>/acknowledgement/", views.acknowledgement, name="acknowledgement"),
    path("notices/<int:notice_id>/letter/", views.notice_letter, name="notice_letter"),
]
