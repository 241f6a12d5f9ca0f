from django.urls import path

from notices import views

app_name = "notices"

urlpatterns = [
    path("", views.notice_list, name="list"),
    path("<int:notice_id>/read/", views.notice_read, name="read"),
    path("read-all/", views.notice_read_all, name="read_all"),
]
