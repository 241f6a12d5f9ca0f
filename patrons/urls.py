from django.urls import path

from patrons import views, views_history

app_name = "patrons"
urlpatterns = [
    path("new/", views.register, name="register"),
    path("search/", views.search, name="search"),
    path("<int:patron_id>/", views.detail, name="detail"),
    path("<int:patron_id>/edit/", views.edit, name="edit"),
    path("<int:patron_id>/card/", views.card_new, name="card_new"),
    path("<int:patron_id>/guardian/", views.guardian_add, name="guardian_add"),
    path("<int:patron_id>/proxy/", views.proxy_add, name="proxy_add"),
    path("<int:patron_id>/proxy/<int:proxy_id>/revoke/", views.proxy_revoke, name="proxy_revoke"),
    path(
        "<int:patron_id>/loan-history/withdraw/",
        views_history.withdraw_history,
        name="withdraw_history",
    ),
]
