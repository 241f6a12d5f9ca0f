from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from libraryservice import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("desk/", include("desk.urls")),
    path("patrons/", include("patrons.urls")),
    path("circulation/", include("circulation.urls")),
    path("privacy/", include("privacy.urls")),
    path("complaints/", include("complaints.urls")),
    path("retention/", include("retention.urls")),
]
