"""`make run-tls`: the demo behind nginx at https://127.0.0.1:8443 with CAC sign-in, two
gunicorn processes and the worker; a throwaway PKI in var/pki (README, "Signing in with a
CAC"). Ctrl-C stops everything."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import django

from deploy import pki, proxy

VAR = proxy.ROOT / "var"
PKI_DIR = VAR / "pki"
HTTPS_PORT, HTTP_PORT, APP_PORTS = 8443, 8080, (8001, 8002)


def demo_pki() -> pki.DemoPKI:
    """The PKI from an earlier run (certificates already imported keep working), or a new one."""
    if (PKI_DIR / "ca.pem").exists() and (PKI_DIR / "registered.p12").exists():
        return pki.DemoPKI(
            PKI_DIR, PKI_DIR / "ca.pem", PKI_DIR / "ca.crl", PKI_DIR / "server.pem",
            PKI_DIR / "server.key",
        )  # fmt: skip
    return pki.write_demo_pki(PKI_DIR)


def register_demo_planner() -> None:
    """The demo planner's profile holds the registered certificate's EDIPI."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.contrib.auth.models import User

    from idd.models import Profile

    Profile.objects.filter(edipi=pki.REGISTERED[2]).update(edipi="")
    Profile.objects.update_or_create(
        user=User.objects.get(username="planner"), defaults={"edipi": pki.REGISTERED[2]}
    )


def main() -> None:
    made = demo_pki()
    register_demo_planner()
    config = proxy.ProxyConfig(
        run_dir=VAR / "tls",
        https_port=HTTPS_PORT,
        http_port=HTTP_PORT,
        app_ports=APP_PORTS,
        server_cert=made.server_cert,
        server_key=made.server_key,
        client_ca_file=made.ca_file,
        client_crl_file=made.crl_file,
        secret=secrets.token_urlsafe(32),
    )
    environment = proxy.app_environment(config)
    environment["PASSWORD_SIGN_IN"] = "true"  # the demo's users sign in with passwords too
    processes: list[subprocess.Popen] = []
    try:
        for port in APP_PORTS:
            processes.append(proxy.start_gunicorn(port, environment, config.run_dir / "app.log"))
        processes.append(
            subprocess.Popen(
                [sys.executable, "manage.py", "db_worker"], cwd=proxy.ROOT, env=environment
            )
        )
        processes.append(proxy.start_nginx(config))
        print(instructions(config))
        processes[-1].wait()
    except KeyboardInterrupt:
        pass
    finally:
        proxy.stop(processes)


def instructions(config: proxy.ProxyConfig) -> str:
    folder = PKI_DIR.relative_to(proxy.ROOT)
    return f"""
IDD Workbench behind nginx: {config.origin}/  (http://127.0.0.1:{HTTP_PORT} redirects there)
Two app servers (127.0.0.1:{APP_PORTS[0]}, :{APP_PORTS[1]}) and the worker.
Logs: {config.run_dir}.

Import a certificate into your browser (password "{pki.P12_PASSWORD}"), then open the site:
  {folder}/registered.p12    PLANNER.PAT.Q.1234567890: signs in as the demo planner
  {folder}/unregistered.p12  STRANGER.SAM.R.2345678901: "not registered here"
  {folder}/revoked.p12       FORMER.FRAN.S.3456789012: revoked, refused
The server's certificate is issued by {folder}/ca.pem: trust it, or accept the warning.
With curl: curl --cacert {folder}/ca.pem --cert {folder}/registered.pem \\
  --key {folder}/registered.key {config.origin}/accounts/notice/
Without a certificate, the demo's passwords still work (README, "Demo users"). Ctrl-C stops.
"""


if __name__ == "__main__":
    main()
