from django.urls import path

from patrons import views

app_name = "patrons"
urlpatterns = [
    path("new/", views.register, name="register"),
]
