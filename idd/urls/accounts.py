"""The consent notice, signing in (certificate or password) and out, the password, the
session, the profile; and the health check."""

from django.contrib.auth import views as auth_views
from django.urls import path

from idd.views import accounts
from idd.views.health import health

urlpatterns = [
    path("accounts/notice/", accounts.notice, name="notice"),
    path("accounts/certificate/", accounts.certificate, name="certificate_sign_in"),
    path(
        "accounts/certificate/refused/",
        accounts.certificate_refused,
        name="certificate_refused",
    ),
    path("accounts/login/", accounts.SignInView.as_view(), name="login"),
    path("accounts/logout/", accounts.SignOutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        accounts.ChangePasswordView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/session/", accounts.session, name="session"),
    path("accounts/profile/", accounts.profile, name="profile"),
    path("healthz", health, name="health"),
]
