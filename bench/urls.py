"""The production URLs plus the baseline the scan is measured against."""

from django.urls import path

from bench import views
from config.urls import urlpatterns as production_urlpatterns

urlpatterns = [
    path("bench/baseline/", views.baseline, name="bench-baseline"),
    *production_urlpatterns,
]
