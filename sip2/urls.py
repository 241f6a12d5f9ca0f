from django.urls import path

from sip2 import views

app_name = "sip2"
urlpatterns = [
    path("patrons/<int:patron_id>/pin/", views.pin, name="pin"),
    path("patrons/<int:patron_id>/pin/unlock/", views.pin_unlock, name="pin_unlock"),
]
