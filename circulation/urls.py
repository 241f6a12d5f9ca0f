from django.urls import path

from circulation import views

app_name = "circulation"
urlpatterns = [
    path("titles/", views.title_search, name="title_search"),
    path("titles/<int:title_id>/", views.title_detail, name="title_detail"),
    path("titles/<int:title_id>/hold/", views.title_hold, name="title_hold"),
    path("copies/<int:item_id>/", views.copy_detail, name="copy_detail"),
]
