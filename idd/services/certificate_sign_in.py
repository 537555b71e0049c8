"""Signing in with a CAC: the certificate our TLS proxy verified, mapped to a person by
the EDIPI on their profile (docs/adr/0014).

The proxy (deploy/nginx) always sets three headers itself: the verification result
(`$ssl_client_verify`), the certificate (`$ssl_client_escaped_cert`, only when verified)
and CERT_PROXY_SECRET. Certificate headers on a request without the secret did not come
through the proxy: they are ignored, and a sign-in with them is refused and recorded.
Every refusal says why on a page and leaves a record; nobody is signed in.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone

from idd.models import SignInRecord
from idd.reference.times import full_timestamp
from idd.services import inactive_accounts
from idd.services.sign_in_records import CERTIFICATE_BACKEND, record
from idd.sign_in import certificates
from idd.sign_in.backends import CertificateBackend, owner_of, password_allowed

Kind = SignInRecord.Kind
SECRET_HEADER = "HTTP_X_CERT_PROXY_SECRET"
VERIFY_HEADER = "HTTP_X_CLIENT_VERIFY"
CERT_HEADER = "HTTP_X_CLIENT_CERT"
SUCCESS, NONE = "SUCCESS", "NONE"

# OpenSSL's reasons (after "FAILED:" in $ssl_client_verify), as a person reads them.
REASONS = {
    "certificate revoked": "It has been revoked.",
    "certificate has expired": "It has expired.",
    "certificate is not yet valid": "It is not valid yet.",
    "self signed certificate": "It is self-signed, not issued by a DoD certificate authority.",
    "self-signed certificate": "It is self-signed, not issued by a DoD certificate authority.",
    "unable to get local issuer certificate": (
        "It was not issued by a certificate authority this site trusts."
    ),
    "unable to verify the first certificate": (
        "It was not issued by a certificate authority this site trusts."
    ),
    "certificate signature failure": "Its signature does not check out.",
    "unable to get certificate CRL": "Its revocation status could not be checked.",
    "CRL has expired": "Its revocation status could not be checked.",
}
UNVERIFIED = "It could not be verified."


@dataclass(frozen=True)
class Presented:
    """What the proxy said about the client's certificate."""

    verify: str  # SUCCESS, NONE or FAILED:reason
    escaped_pem: str


@dataclass(frozen=True)
class Refusal:
    kind: str
    title: str
    explanation: str
    edipi: str = ""


def from_proxy(request: HttpRequest) -> Presented | None:
    """The proxy's certificate headers, or None when certificates are off or the request
    did not come through the proxy."""
    if not settings.CERT_SIGN_IN:
        return None
    secret = request.META.get(SECRET_HEADER, "")
    if not hmac.compare_digest(secret.encode(), settings.CERT_PROXY_SECRET.encode()):
        return None
    return Presented(
        verify=request.META.get(VERIFY_HEADER, NONE) or NONE,
        escaped_pem=request.META.get(CERT_HEADER, ""),
    )


def forged(request: HttpRequest) -> bool:
    """Certificate headers that did not come from our proxy."""
    carries = any(request.META.get(name) for name in (VERIFY_HEADER, CERT_HEADER, SECRET_HEADER))
    return settings.CERT_SIGN_IN and carries and from_proxy(request) is None


def presented(request: HttpRequest) -> bool:
    """Whether a certificate sign-in should be tried on "I agree": a certificate came
    through the proxy, or headers claiming one came from elsewhere."""
    found = from_proxy(request)
    return forged(request) or (found is not None and found.verify != NONE)


def password_refused(request: HttpRequest, username: object, password: object) -> bool:
    """Whether a failed password sign-in had the right password of an account that must use
    its certificate (recorded as such); a wrong password learns nothing from this."""
    if not (isinstance(username, str) and isinstance(password, str)):
        return False
    user = User.objects.filter(username=username).first()
    if user is None or password_allowed(user) or not user.is_active:
        return False
    if not user.check_password(password):
        return False
    record(request, Kind.PASSWORD_REFUSED, user=user, method="password")
    return True


def refusal_reason(verify: str) -> str:
    return REASONS.get(verify.removeprefix("FAILED:"), UNVERIFIED)


def refused_by_proxy(request: HttpRequest) -> Refusal | None:
    """The refusal for a certificate the proxy could not verify (its error page), or None."""
    found = from_proxy(request)
    if found is None or not found.verify.startswith("FAILED"):
        return None
    return _refuse(
        request, Kind.CERTIFICATE_REFUSED, "Your certificate was refused",
        refusal_reason(found.verify), detail=found.verify,
    )  # fmt: skip


def sign_in(request: HttpRequest) -> Refusal | None:
    """Signs in the person the proxy's verified certificate names; or says why not."""
    if forged(request):
        return _refuse(
            request, Kind.FORGED_HEADERS, "Certificate details refused",
            "This request carried certificate details that did not come through this "
            "site's secure proxy, so they were ignored.",
        )  # fmt: skip
    found = from_proxy(request)
    if found is None or found.verify == NONE or not found.escaped_pem:
        return _refuse(
            request, Kind.CERTIFICATE_REFUSED, "No certificate was presented",
            "Your browser sent no certificate. Insert your CAC, close every window of the "
            "browser, open the site again and choose your certificate when asked.",
            detail=found.verify if found else "certificates are off",
        )  # fmt: skip
    if found.verify != SUCCESS:
        return _refuse(
            request, Kind.CERTIFICATE_REFUSED, "Your certificate was refused",
            refusal_reason(found.verify), detail=found.verify,
        )  # fmt: skip
    try:
        certificate = certificates.read_escaped_pem(found.escaped_pem)
    except certificates.CertificateError:
        return _refuse(request, Kind.CERTIFICATE_REFUSED, "Your certificate was refused",
                       "It could not be read.", detail="unreadable")  # fmt: skip
    subject = certificate.subject.rfc4514_string()
    now = timezone.now()
    if not certificates.in_validity_period(certificate, now):
        ends = certificate.not_valid_after_utc
        starts = certificate.not_valid_before_utc
        why = (
            f"It expired on {full_timestamp(ends)}."
            if now > ends
            else f"It is not valid until {full_timestamp(starts)}."
        )
        return _refuse(request, Kind.CERTIFICATE_REFUSED, "Your certificate was refused", why,
                       detail=f"{subject}: outside its validity dates")  # fmt: skip
    edipi = certificates.edipi_of(certificate, settings.CERT_IDENTITY)
    if edipi is None:
        where = (
            "a UPN such as 1234567890@mil in its alternative names"
            if settings.CERT_IDENTITY == certificates.UPN
            else "a name ending in the 10-digit DoD ID, such as DOE.JANE.A.1234567890"
        )
        return _refuse(request, Kind.NO_IDENTITY, "Your certificate names no DoD ID",
                       f"This site needs a certificate with {where}: use your CAC's "
                       "authentication certificate.", detail=subject)  # fmt: skip
    user = CertificateBackend().authenticate(request, certificate=certificate)
    owner = user or owner_of(certificate)
    if owner is None:
        return _refuse(
            request, Kind.NOT_REGISTERED, "Your certificate is not registered here",
            f"Your certificate (EDIPI {edipi}) is not registered here: ask an administrator.",
            edipi=edipi, detail=subject,
        )  # fmt: skip
    if user is None:
        why = (
            inactive_accounts.message()
            if inactive_accounts.disabled_for_inactivity(owner)
            else "Your certificate is registered here, but the account is disabled: ask an "
            "administrator."
        )
        return _refuse(
            request, Kind.ACCOUNT_DISABLED, "Your account is disabled", why,
            edipi=edipi, user=owner, detail=subject,
        )  # fmt: skip
    login(request, user, backend=CERTIFICATE_BACKEND)
    return None


def _refuse(
    request: HttpRequest,
    kind: str,
    title: str,
    explanation: str,
    *,
    edipi: str = "",
    user: User | None = None,
    detail: str = "",
) -> Refusal:
    username = f"EDIPI {edipi}" if edipi and user is None else ""
    record(request, kind, user=user, username=username, method="certificate", detail=detail)
    return Refusal(kind, title, explanation, edipi)
