"""How people are authenticated: a password (where allowed) or the CAC certificate our
TLS proxy verified (idd/services/certificate_sign_in.py, docs/adr/0014)."""

from __future__ import annotations

from cryptography import x509
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User

from idd.services import lockout
from idd.sign_in import certificates


def password_allowed(user: User) -> bool:
    """The one rule for passwords: break-glass accounts always; otherwise only while
    PASSWORD_SIGN_IN is on, and never an administrator's once certificates are on."""
    if user.username in settings.BREAK_GLASS_ACCOUNTS:
        return True
    if not settings.PASSWORD_SIGN_IN:
        return False
    return not (settings.CERT_SIGN_IN and (user.is_staff or user.is_superuser))


def owner_of(certificate: x509.Certificate) -> User | None:
    """The person whose profile holds the certificate's EDIPI (read as CERT_IDENTITY says),
    active or not."""
    edipi = certificates.edipi_of(certificate, settings.CERT_IDENTITY)
    if edipi is None:
        return None
    return User.objects.filter(profile__edipi=edipi).first()


class PasswordBackend(ModelBackend):
    """Django's username and password, refused where passwords are not allowed (also for a
    session signed in with one before the rule changed), and never for a locked username
    (the password is not even checked; a session already signed in carries on)."""

    def authenticate(self, request, username=None, password=None, **kwargs) -> User | None:
        if isinstance(username, str) and lockout.is_locked(username):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def user_can_authenticate(self, user) -> bool:
        return super().user_can_authenticate(user) and password_allowed(user)


class CertificateBackend(ModelBackend):
    """The active person whose profile holds the certificate's EDIPI; never a password.
    The sign-in service calls it with a certificate the proxy verified, dates re-checked."""

    def authenticate(self, request, certificate=None, **credentials) -> User | None:  # type: ignore[override]
        if certificate is None:
            return None
        user = owner_of(certificate)
        return user if user is not None and self.user_can_authenticate(user) else None
