from django.urls import path

from privacy import views

app_name = "privacy"
urlpatterns = [
    path("rules/simulate/", views.simulate_rules, name="simulate_rules"),
    path("disclose/", views.disclose, name="disclose"),
    path("sharing/", views.guardian_sharing, name="guardian_sharing"),
    path("patron/<int:patron_id>/history/", views.loan_history, name="loan_history"),
    path("patron/<int:patron_id>/access-report/", views.access_report, name="access_report"),
]
