from django.urls import path

from retention import views

app_name = "retention"
urlpatterns = [
    path(
        "patrons/<int:patron_id>/loan-history/withdraw/",
        views.withdraw_history,
        name="withdraw_history",
    ),
]
