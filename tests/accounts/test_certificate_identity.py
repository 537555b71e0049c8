"""The EDIPI is read from the parsed certificate: hostile subjects and alternative names
name nobody, however their printed form looks."""

from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID

from deploy import pki
from idd.sign_in import certificates
from idd.sign_in.certificates import UPN_OID


@pytest.fixture(scope="module")
def ca():
    return pki.make_ca()


def person(ca, common_name="DOE.JANE.A.1234567890", **kwargs) -> x509.Certificate:
    return pki.issue_person(ca, common_name, **kwargs).certificate


@pytest.mark.parametrize(
    ("common_name", "edipi"),
    [
        ("DOE.JANE.A.1234567890", "1234567890"),
        ("DOE.JANE.1234567890", "1234567890"),
        ("DOE.JANE.A.JR.1234567890", "1234567890"),
        ("O'BRIEN-SMITH.MARY ANN.B.1234567890", "1234567890"),
        ("MÜLLER.JÖRG.Ł.1234567890", "1234567890"),  # names in any script
        ("DOE.JANE.A.123456789", None),  # 9 digits
        ("DOE.JANE.A.12345678901", None),  # 11 digits
        ("DOE.JANE.A.١٢٣٤٥٦٧٨٩٠", None),  # Arabic-Indic digits are not an EDIPI
        ("DOE.JANE.A.１２３４５６７８９０", None),  # nor full-width ones
        ("1234567890", None),  # no name
        ("JANE.1234567890", None),  # one name part only
        ("DOE,JANE.A.1234567890", None),  # a comma inside the CN
        ("EVIL.ONE.9999999999,CN=DOE.JANE.A.1234567890", None),  # a second "CN" smuggled in
        ("DOE\\,JANE.A.1234567890", None),  # an escaped comma, literally
        ("DOE.JANE.A.1234567890\n", None),
        ("DOE.JANE.A.1234567890 ", None),
        ("DOE.JANE.A.12345\x0067890", None),
        ("DOE..A.1234567890", None),
        ("Jane Doe", None),
    ],
)
def test_edipi_from_the_common_name(ca, common_name, edipi):
    assert certificates.edipi_from_common_name(person(ca, common_name)) == edipi


def test_a_subject_with_two_common_names_names_nobody(ca):
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "DOE.JANE.A.1234567890"),
            x509.NameAttribute(NameOID.COMMON_NAME, "EVIL.ONE.B.9999999999"),
        ]
    )
    assert certificates.edipi_from_common_name(person(ca, subject=subject)) is None


def test_an_edipi_in_another_attribute_is_not_read(ca):
    """The printed subject shows "CN=DOE.JANE.A.1234567890" inside the OU; a string-
    splitting reader would take it, the parsed subject does not."""
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "X+CN=DOE.JANE.A.1234567890"),
            x509.NameAttribute(NameOID.COMMON_NAME, "Jane Doe"),
        ]
    )
    certificate = person(ca, subject=subject)
    assert "DOE.JANE.A.1234567890" in certificate.subject.rfc4514_string()
    assert certificates.edipi_from_common_name(certificate) is None


def other_name(der: bytes) -> x509.OtherName:
    return x509.OtherName(UPN_OID, der)


@pytest.mark.parametrize(
    ("alternative", "edipi"),
    [
        ([pki.upn_name("1234567890@mil")], "1234567890"),
        ([pki.upn_name("1234567890@MIL")], "1234567890"),
        ([pki.upn_name("123456789@mil")], None),
        ([pki.upn_name("12345678901@mil")], None),
        ([pki.upn_name("1234567890@mil.example.com")], None),
        ([pki.upn_name("1234567890@mil\x00")], None),
        ([pki.upn_name("١٢٣٤٥٦٧٨٩٠@mil")], None),
        ([pki.upn_name("1234567890@mil"), pki.upn_name("9999999999@mil")], None),
        ([x509.RFC822Name("1234567890@mil")], None),  # an e-mail address is not a UPN
        ([other_name(b"\x16\x0e1234567890@mil")], None),  # IA5String, not UTF8String
        ([other_name(b"\x0c\x0e1234567890@\xff\xfe\xfd")], None),  # not UTF-8
        ([], None),
    ],
)
def test_edipi_from_the_upn(ca, alternative, edipi):
    certificate = person(ca, "Jane Doe", alternative=alternative)
    assert certificates.edipi_from_upn(certificate) == edipi


def test_cert_identity_chooses_where_the_edipi_is_read(ca):
    certificate = person(ca, "DOE.JANE.A.1234567890", upn="2345678901@mil")
    assert certificates.edipi_of(certificate, certificates.EDIPI) == "1234567890"
    assert certificates.edipi_of(certificate, certificates.UPN) == "2345678901"


def test_validity_dates(ca):
    now = datetime.now(UTC)
    certificate = person(ca, not_before=now - timedelta(days=2), not_after=now - timedelta(days=1))
    assert not certificates.in_validity_period(certificate, now)
    assert certificates.in_validity_period(certificate, now - timedelta(days=1, hours=12))


def test_what_is_not_a_pem_certificate_is_refused():
    for text in (
        "",
        "garbage",
        "-----BEGIN CERTIFICATE-----%0Azzz%0A-----END CERTIFICATE-----",
        "é",
    ):
        with pytest.raises(certificates.CertificateError):
            certificates.read_escaped_pem(text)
