from django.urls import path

from programs import views

app_name = "programs"
urlpatterns = [
    path("", views.program_list, name="list"),
    path("report/", views.report, name="report"),
    path("new/", views.program_new, name="create"),
    path("<int:program_id>/", views.program_detail, name="detail"),
    path("<int:program_id>/signup/", views.signup_card, name="signup"),
    path("<int:program_id>/signup-by-name/", views.signup_name, name="signup_name"),
    path("<int:program_id>/signups/<int:signup_id>/cancel/", views.cancel, name="cancel"),
    path("<int:program_id>/signups/<int:signup_id>/called/", views.called, name="called"),
    path("<int:program_id>/attendance/scan/", views.attend_scan, name="attend_scan"),
    path("<int:program_id>/attendance/", views.attend_tick, name="attend_tick"),
    path("<int:program_id>/walk-ins/", views.walk_ins, name="walk_ins"),
    path("<int:program_id>/cancel/", views.program_cancel, name="cancel_program"),
]
