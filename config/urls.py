from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kernel.favicon import favicon
from organisation import directory, security, two_factor, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("accounts/login/", security.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("oidc/authenticate/", directory.oidc_start, name="oidc_authentication_init"),
    path("oidc/callback/", directory.oidc_callback, name="oidc_authentication_callback"),
    path("accounts/two-factor/", two_factor.verify, name="two_factor_verify"),
    path("accounts/two-factor/setup/", two_factor.setup, name="two_factor_setup"),
    path(
        "accounts/set-password/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/set-password/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("staff-access/", views.staff_access, name="staff_access"),
    path("staff-access/pending/", views.staff_changes, name="staff_changes"),
    path("staff-access/pending/<int:change_id>/", views.staff_change, name="staff_change"),
    path("admin/login/", security.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("desk/", include("desk.urls")),
    path("patrons/", include("patrons.urls")),
    path("sip2/", include("sip2.urls")),
    path("circulation/", include("circulation.urls")),
    path("privacy/", include("privacy.urls")),
    path("complaints/", include("complaints.urls")),
    path("notices/", include("notices.urls")),
    path("patron-notices/", include("patronnotices.urls")),
    path("legal/", include("legal.urls")),
    path("reports/", include("reports.urls")),
    path("programs/", include("programs.urls")),
    path("computers/", include("computers.urls")),
]
