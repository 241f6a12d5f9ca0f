from django.urls import path

from privacy import views

app_name = "privacy"
urlpatterns = [
    path("rules/simulate/", views.simulate_rules, name="simulate_rules"),
]
