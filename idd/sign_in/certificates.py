"""Who a DoD certificate names: the EDIPI (the 10 digits ending the subject's common name,
`LAST.FIRST.MIDDLE.1234567890`) or the UPN in its subjectAltName (`1234567890@mil`).

Read from the parsed certificate (`cryptography`), never by splitting the subject's
printed form: a comma, an escaped character or a second CN inside a name cannot smuggle
in someone else's number. Anything that is not exactly one well-formed identity is none.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import unquote

from cryptography import x509
from cryptography.x509.oid import NameOID, ObjectIdentifier

EDIPI, UPN = "edipi", "upn"
# Microsoft's UPN otherName, which DoD certificates carry: a DER UTF8String.
UPN_OID = ObjectIdentifier("1.3.6.1.4.1.311.20.2.3")
_UTF8_STRING = 0x0C
# LAST.FIRST, LAST.FIRST.MIDDLE or LAST.FIRST.MIDDLE.SUFFIX, then the EDIPI. Names are
# letters of any script, spaces, hyphens and apostrophes; digits are ASCII only.
_NAME_PART = r"[^\W\d_](?:[^\W\d_]|[ '-])*"
_COMMON_NAME = re.compile(rf"(?:{_NAME_PART}\.){{2,4}}([0-9]{{10}})")
_UPN = re.compile(r"([0-9]{10})@mil", re.IGNORECASE)


class CertificateError(ValueError):
    """The certificate could not be read."""


def read_escaped_pem(escaped: str) -> x509.Certificate:
    """The certificate nginx passes as `$ssl_client_escaped_cert` (URL-encoded PEM)."""
    try:
        return x509.load_pem_x509_certificate(unquote(escaped).encode("ascii"))
    except (ValueError, UnicodeEncodeError) as error:
        raise CertificateError("not a PEM certificate") from error


def edipi_from_common_name(certificate: x509.Certificate) -> str | None:
    """The EDIPI ending the subject's only common name, or None."""
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if len(names) != 1 or not isinstance(names[0].value, str):
        return None
    match = _COMMON_NAME.fullmatch(names[0].value)
    return match.group(1) if match else None


def edipi_from_upn(certificate: x509.Certificate) -> str | None:
    """The EDIPI of the certificate's only UPN `1234567890@mil`, or None."""
    try:
        alternative = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    except x509.ExtensionNotFound:
        return None
    upns = [
        name.value
        for name in alternative.value.get_values_for_type(x509.OtherName)
        if name.type_id == UPN_OID
    ]
    if len(upns) != 1:
        return None
    text = _der_utf8_string(upns[0])
    match = _UPN.fullmatch(text) if text is not None else None
    return match.group(1) if match else None


def edipi_of(certificate: x509.Certificate, identity: str) -> str | None:
    """The EDIPI the certificate names, read the way CERT_IDENTITY says (edipi or upn)."""
    if identity == UPN:
        return edipi_from_upn(certificate)
    return edipi_from_common_name(certificate)


def in_validity_period(certificate: x509.Certificate, now: datetime) -> bool:
    return certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc


def _der_utf8_string(der: bytes) -> str | None:
    """The text of one DER UTF8String (tag, definite length, nothing after), or None."""
    if len(der) < 2 or der[0] != _UTF8_STRING:
        return None
    length, start = der[1], 2
    if length & 0x80:  # long form: the next (length & 0x7F) bytes give the length
        count = length & 0x7F
        if count == 0 or count > 2 or len(der) < 2 + count:
            return None
        length, start = int.from_bytes(der[2 : 2 + count], "big"), 2 + count
    if len(der) != start + length:
        return None
    try:
        return der[start:].decode("utf-8")
    except UnicodeDecodeError:
        return None
