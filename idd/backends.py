"""How people are authenticated: a password (where allowed) or the CAC certificate our
TLS proxy verified (idd/services/certificate_sign_in.py, docs/adr/0014)."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User

from idd.services import certificate_sign_in


class PasswordBackend(ModelBackend):
    """Django's username and password, refused where passwords are not allowed (also for a
    session signed in with one before the rule changed)."""

    def user_can_authenticate(self, user) -> bool:
        return super().user_can_authenticate(user) and certificate_sign_in.password_allowed(user)


class CertificateBackend(ModelBackend):
    """The active person whose profile holds the certificate's EDIPI. Only the sign-in
    service calls it, with a certificate the proxy verified and the dates re-checked."""

    def authenticate(self, request, certificate=None, **kwargs) -> User | None:  # type: ignore[override]
        if certificate is None:
            return None
        user = certificate_sign_in.owner_of(certificate)
        return user if user is not None and self.user_can_authenticate(user) else None
