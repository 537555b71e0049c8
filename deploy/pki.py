"""A throwaway PKI for trying and testing certificate sign-in: a CA, a server certificate,
people's certificates shaped like a CAC's (CN `LAST.FIRST.MIDDLE.EDIPI`, UPN
`EDIPI@mil`) and a revocation list. Never for real use: the keys sit unencrypted on disk.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from idd.sign_in.certificates import UPN_OID

# The PKCS#12 copies' password (browsers ask for one when importing).
P12_PASSWORD = "idd-demo"
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Issued:
    certificate: x509.Certificate
    key: rsa.RSAPrivateKey


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "U.S. Government"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "IDD Workbench test PKI"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def make_ca(common_name: str = "IDD Workbench Test Root CA") -> Issued:
    key = _key()
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(_name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - DAY)
        .not_valid_after(now + 365 * DAY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(certificate, key)


def _issue(
    ca: Issued,
    subject: x509.Name,
    usage: x509.ObjectIdentifier,
    alternative: list[x509.GeneralName],
    not_before: datetime,
    not_after: datetime,
) -> Issued:
    key = _key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
            critical=False,
        )
    )
    if alternative:
        builder = builder.add_extension(x509.SubjectAlternativeName(alternative), critical=False)
    return Issued(builder.sign(ca.key, hashes.SHA256()), key)


def issue_server(ca: Issued, host: str = "127.0.0.1") -> Issued:
    now = datetime.now(UTC)
    names: list[x509.GeneralName] = [
        x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
        x509.DNSName("localhost"),
    ]
    if host not in ("127.0.0.1", "localhost"):
        names.append(x509.DNSName(host))
    return _issue(
        ca, _name(host), ExtendedKeyUsageOID.SERVER_AUTH, names, now - DAY, now + 365 * DAY
    )


def upn_name(upn: str) -> x509.OtherName:
    """A UPN as certificates carry it: an otherName holding a DER UTF8String."""
    text = upn.encode("utf-8")
    if len(text) >= 0x80:
        raise ValueError("a UPN this long needs the long DER length form")
    return x509.OtherName(UPN_OID, bytes([0x0C, len(text)]) + text)


def issue_person(
    ca: Issued,
    common_name: str,
    *,
    upn: str | None = None,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
    subject: x509.Name | None = None,
    alternative: list[x509.GeneralName] | None = None,
) -> Issued:
    """A person's certificate: the CN (or whole subject) as given, and the UPN (or other
    alternative names) when given."""
    now = datetime.now(UTC)
    if alternative is None:
        alternative = [upn_name(upn)] if upn else []
    return _issue(
        ca,
        subject or _name(common_name),
        ExtendedKeyUsageOID.CLIENT_AUTH,
        alternative,
        not_before or now - DAY,
        not_after or now + 365 * DAY,
    )


def revocation_list(ca: Issued, revoked: list[x509.Certificate]) -> x509.CertificateRevocationList:
    now = datetime.now(UTC)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.certificate.subject)
        .last_update(now - DAY)
        .next_update(now + 365 * DAY)  # a CRL past its next update fails every certificate
    )
    for certificate in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(certificate.serial_number)
            .revocation_date(now - DAY)
            .build()
        )
    return builder.sign(ca.key, hashes.SHA256())


def pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def write_issued(issued: Issued, folder: Path, name: str, *, p12: bool = False) -> None:
    """name.pem and name.key (unencrypted, owner only), and name.p12 to import in a browser."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.pem").write_bytes(pem(issued.certificate))
    key = folder / f"{name}.key"
    key.write_bytes(
        issued.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key.chmod(0o600)
    if p12:
        (folder / f"{name}.p12").write_bytes(
            pkcs12.serialize_key_and_certificates(
                name.encode(),
                issued.key,
                issued.certificate,
                None,
                serialization.BestAvailableEncryption(P12_PASSWORD.encode()),
            )
        )


@dataclass(frozen=True)
class DemoPKI:
    folder: Path
    ca_file: Path
    crl_file: Path
    server_cert: Path
    server_key: Path


# The people `make run-tls` issues certificates to: file name, CN, EDIPI.
REGISTERED = ("registered", "PLANNER.PAT.Q.1234567890", "1234567890")
UNREGISTERED = ("unregistered", "STRANGER.SAM.R.2345678901", "2345678901")
REVOKED = ("revoked", "FORMER.FRAN.S.3456789012", "3456789012")


def write_demo_pki(folder: Path) -> DemoPKI:
    """A CA, the server's certificate, the three people's certificates with PKCS#12 copies,
    and a revocation list naming the revoked one."""
    ca = make_ca()
    write_issued(ca, folder, "ca")
    write_issued(issue_server(ca), folder, "server")
    people = {}
    for name, common_name, edipi in (REGISTERED, UNREGISTERED, REVOKED):
        people[name] = issue_person(ca, common_name, upn=f"{edipi}@mil")
        write_issued(people[name], folder, name, p12=True)
    crl = revocation_list(ca, [people[REVOKED[0]].certificate])
    (folder / "ca.crl").write_bytes(crl.public_bytes(serialization.Encoding.PEM))
    return DemoPKI(
        folder, folder / "ca.pem", folder / "ca.crl", folder / "server.pem", folder / "server.key"
    )
