from django.urls import path

from desk import views

app_name = "desk"
urlpatterns = [
    path("", views.screen, name="screen"),
    path("scan/", views.scan, name="scan"),
    path("next/", views.next_patron, name="next"),
    path("patron/<int:patron_id>/", views.patron, name="patron"),
    path("override/", views.override, name="override"),
    path("hold/", views.hold_place, name="hold_place"),
    path("hold/<int:hold_id>/cancel/", views.hold_cancel, name="hold_cancel"),
    path("loan/<int:loan_id>/renew/", views.renew, name="renew"),
    path("loan/<int:loan_id>/lost/", views.loan_lost, name="loan_lost"),
    path("fee/<int:fee_id>/pay/", views.fee_pay, name="fee_pay"),
    path("fee/<int:fee_id>/waive/", views.fee_waive, name="fee_waive"),
]
