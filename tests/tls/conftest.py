"""The real path for certificate sign-in: nginx (TLS, client certificates, a CA and a
revocation list made here) in front of two gunicorn processes, for this folder's tests.

The app servers are separate processes, so they cannot use pytest-django's test
database: they get their own, migrated here (a SQLite file, or a fresh database on the
PostgreSQL server DATABASE_URL names, as in CI), and the people in it are made through
`manage.py shell`, as an administrator would."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import environ
import psycopg
import pytest
from cryptography.hazmat.primitives import serialization

from deploy import pki, proxy

PASSWORD = "tls-test-password-2026"
REGISTERED_EDIPI = "1234567890"
PEOPLE = """
from django.contrib.auth.models import Group, User
from idd.reference import roles
from idd.models import Organization, Profile
pat = User.objects.create_user("pat", password={password!r}, first_name="Pat", last_name="Planner")
pat.groups.add(Group.objects.get(name=roles.PLANNER))
office = Organization.add("Test Command")  # what pat has a need to know
Profile.objects.create(user=pat, edipi={edipi!r}, member_of=office)
from idd.services import password_rules
password_rules.renew(pat)  # pat's own password, not a temporary one
"""


@dataclass(frozen=True)
class Stack:
    origin: str
    http_origin: str
    app_urls: tuple[str, ...]
    folder: Path
    environment: dict[str, str]

    def cert(self, name: str) -> dict[str, str]:
        """Playwright's client certificate for this origin."""
        return {
            "origin": self.origin,
            "certPath": str(self.folder / f"{name}.pem"),
            "keyPath": str(self.folder / f"{name}.key"),
        }

    def pair(self, name: str) -> tuple[str, str]:
        return str(self.folder / f"{name}.pem"), str(self.folder / f"{name}.key")

    @property
    def ca_file(self) -> str:
        return str(self.folder / "ca.pem")

    def django(self, code: str) -> str:
        """Runs Python in the app servers' database (manage.py shell); its output."""
        done = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=proxy.ROOT,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return done.stdout

    def records(self) -> list[dict]:
        code = (
            "import json; from idd.models import SignInRecord; print(json.dumps(list("
            "SignInRecord.objects.order_by('pk').values('kind', 'username', 'detail', 'address'))))"
        )
        return json.loads(self.django(code).strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_pki(folder: Path) -> None:
    """A CA and what it issued: the server, a registered, an unregistered, a revoked, an
    expired and a not-yet-valid person; and one person from a CA nobody trusts."""
    ca = pki.make_ca()
    pki.write_issued(ca, folder, "ca")
    pki.write_issued(pki.issue_server(ca), folder, "server")
    now = datetime.now(UTC)
    people = {
        "registered": pki.issue_person(ca, f"PLANNER.PAT.Q.{REGISTERED_EDIPI}"),
        "unregistered": pki.issue_person(ca, "STRANGER.SAM.R.2345678901"),
        "revoked": pki.issue_person(ca, "FORMER.FRAN.S.3456789012"),
        "expired": pki.issue_person(
            ca, f"PLANNER.PAT.Q.{REGISTERED_EDIPI}",
            not_before=now - timedelta(days=60), not_after=now - timedelta(days=1),
        ),
        "not_yet_valid": pki.issue_person(
            ca, f"PLANNER.PAT.Q.{REGISTERED_EDIPI}",
            not_before=now + timedelta(days=1), not_after=now + timedelta(days=60),
        ),
        "unknown_issuer": pki.issue_person(
            pki.make_ca("Elsewhere CA"), f"PLANNER.PAT.Q.{REGISTERED_EDIPI}"
        ),
    }  # fmt: skip
    for name, issued in people.items():
        pki.write_issued(issued, folder, name)
    crl = pki.revocation_list(ca, [people["revoked"].certificate])
    (folder / "ca.crl").write_bytes(crl.public_bytes(serialization.Encoding.PEM))


def app_database(folder: Path) -> tuple[str, str | None]:
    """A database for the app servers: (its URL, the PostgreSQL database to drop after)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{folder / 'tls.sqlite3'}", None
    config = environ.Env.db_url_config(url)
    name = f"idd_tls_{os.getpid()}"
    with _maintenance(config) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name, name


def _maintenance(config: dict) -> psycopg.Connection:
    return psycopg.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        autocommit=True,
    )


@pytest.fixture(scope="session")
def tls_stack(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    make_pki(folder)
    database_url, postgres_name = app_database(folder)
    ports = (free_port(), free_port())
    config = proxy.ProxyConfig(
        run_dir=folder / "nginx",
        https_port=free_port(),
        http_port=free_port(),
        app_ports=ports,
        server_cert=folder / "server.pem",
        server_key=folder / "server.key",
        client_ca_file=folder / "ca.pem",
        client_crl_file=folder / "ca.crl",
        secret=secrets.token_urlsafe(32),
    )
    environment = proxy.app_environment(config)
    environment.update(
        DATABASE_URL=database_url,
        PASSWORD_SIGN_IN="true",
        MEDIA_ROOT=str(folder / "media"),
        DEBUG="true",
        # The tests also call the app servers directly over plain HTTP, as a local process could.
        SECURE_SSL_REDIRECT="false",
    )
    http_origin = f"http://127.0.0.1:{config.http_port}"
    stack = Stack(
        config.origin,
        http_origin,
        tuple(f"http://127.0.0.1:{p}" for p in ports),
        folder,
        environment,
    )
    processes: list[subprocess.Popen] = []
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=proxy.ROOT, env=environment, check=True, timeout=300,
        )  # fmt: skip
        stack.django(PEOPLE.format(password=PASSWORD, edipi=REGISTERED_EDIPI))
        for port in ports:
            processes.append(proxy.start_gunicorn(port, environment, folder / f"app-{port}.log"))
        processes.append(proxy.start_nginx(config))
        yield stack
    finally:
        proxy.stop(processes)
        if postgres_name is not None:
            config_pg = environ.Env.db_url_config(os.environ["DATABASE_URL"])
            with _maintenance(config_pg) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{postgres_name}" WITH (FORCE)')
