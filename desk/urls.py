from django.urls import path

from desk.scan import records as views_records
from desk.scan import views
from desk.statistics import views as views_stats
from desk.work import views as views_work

app_name = "desk"
urlpatterns = [
    path("", views.screen, name="screen"),
    path("scan/", views.scan, name="scan"),
    path("next/", views.next_patron, name="next"),
    path("patron/<int:patron_id>/", views.patron, name="patron"),
    path("override/", views.override, name="override"),
    path("hold/", views_records.hold_place, name="hold_place"),
    path("hold/<int:hold_id>/cancel/", views_records.hold_cancel, name="hold_cancel"),
    path("loan/<int:loan_id>/renew/", views_records.renew, name="renew"),
    path("loan/<int:loan_id>/lost/", views_records.loan_lost, name="loan_lost"),
    path("fee/<int:fee_id>/pay/", views_records.fee_pay, name="fee_pay"),
    path("fee/<int:fee_id>/waive/", views_records.fee_waive, name="fee_waive"),
    # The summary's one form per action: the pressed button names the row.
    path("loan/renew/", views_records.renew, name="renew_chosen"),
    path("loan/lost/", views_records.loan_lost, name="loan_lost_chosen"),
    path("hold/cancel/", views_records.hold_cancel, name="hold_cancel_chosen"),
    path("fee/pay/", views_records.fee_pay, name="fee_pay_chosen"),
    path("fee/waive/", views_records.fee_waive, name="fee_waive_chosen"),
    # The desk's own work (DESIGN section 8).
    path("inquiries/", views_work.inquiries, name="inquiries"),
    path("tally/", views_work.tally, name="tally"),
    path("callbacks/", views_work.callbacks, name="callbacks"),
    path("callbacks/<int:callback_id>/done/", views_work.callback_done, name="callback_done"),
    path("callbacks/<int:callback_id>/cancel/", views_work.callback_cancel, name="callback_cancel"),
    path("waiting/", views_work.waiting, name="waiting"),
    path("waiting/next/", views_work.waiting_next, name="waiting_next"),
    path("waiting/<int:entry_id>/left/", views_work.waiting_left, name="waiting_left"),
    path("work/", views_work.panel, name="work_panel"),
    path("stats/", views_stats.stats, name="stats"),
    path("stats/<slug:report>.csv", views_stats.stats_csv, name="stats_csv"),
]
