from django.urls import path

from computers import api, views

app_name = "computers"
urlpatterns = [
    path("", views.board, name="board"),
    path("report/", views.report, name="report"),
    path("stations/<int:station_id>/start/", views.start, name="start"),
    path("sessions/<int:session_id>/extend/", views.extend, name="extend"),
    path("sessions/<int:session_id>/end/", views.end, name="end"),
    path("guest-pass/", views.guest_pass, name="guest_pass"),
    path("queue/", views.queue_join, name="queue_join"),
    path("queue/<int:entry_id>/cancel/", views.queue_cancel, name="queue_cancel"),
    # The station endpoint: a station's token, not a user (computers/api.py).
    path("station-api/v1/state", api.state, name="api_state"),
    path("station-api/v1/sessions", api.session_start, name="api_start"),
    path("station-api/v1/sessions/<int:session_id>/end", api.session_end, name="api_end"),
    path("station-api/", api.not_found, name="api_root"),
    path("station-api/<path:rest>", api.not_found, name="api_other"),
]
