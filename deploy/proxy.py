"""nginx in front of several gunicorn processes, all under one folder of ours: for
`make run-tls` (deploy/run_tls.py) and the TLS tests (tests/tls)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "deploy" / "nginx"


@dataclass(frozen=True)
class ProxyConfig:
    run_dir: Path  # config, pid, logs and temporary files
    https_port: int
    http_port: int
    app_ports: tuple[int, ...]
    server_cert: Path
    server_key: Path
    client_ca_file: Path
    client_crl_file: Path
    secret: str
    host: str = "127.0.0.1"

    @property
    def origin(self) -> str:
        return f"https://{self.host}:{self.https_port}"


def render(template: Path, values: dict[str, str]) -> str:
    """The template with its ${NAMES} filled in; nginx's own $variables are left alone."""
    return Template(template.read_text()).safe_substitute(values)


def write_config(config: ProxyConfig) -> Path:
    """nginx.conf and idd.conf in the run folder; returns nginx.conf's path."""
    run = config.run_dir
    run.mkdir(parents=True, exist_ok=True)
    values = {
        "IDD_RUN_DIR": str(run),
        "IDD_USER_DIRECTIVE": "user root;" if os.geteuid() == 0 else "",
        "IDD_UPSTREAM_SERVERS": " ".join(
            f"server {config.host}:{port};" for port in config.app_ports
        ),
        "IDD_HTTP_LISTEN": f"{config.host}:{config.http_port}",
        "IDD_HTTPS_LISTEN": f"{config.host}:{config.https_port}",
        "IDD_HTTPS_PORT_SUFFIX": "" if config.https_port == 443 else f":{config.https_port}",
        "IDD_SERVER_CERT": str(config.server_cert),
        "IDD_SERVER_KEY": str(config.server_key),
        "IDD_CLIENT_CA_FILE": str(config.client_ca_file),
        "IDD_CLIENT_CRL_FILE": str(config.client_crl_file),
        "IDD_PROXY_SECRET": config.secret,
    }
    (run / "idd.conf").write_text(render(TEMPLATES / "idd.conf.template", values))
    main = run / "nginx.conf"
    main.write_text(render(TEMPLATES / "nginx.conf.template", values))
    return main


def nginx_binary() -> str:
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found is None:
        raise FileNotFoundError("nginx is not installed (make system installs Debian's package)")
    return found


def start_nginx(config: ProxyConfig) -> subprocess.Popen:
    main = write_config(config)
    command = [nginx_binary(), "-p", str(config.run_dir), "-c", str(main)]
    command += ["-e", str(config.run_dir / "error.log")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    if check.returncode != 0:
        raise RuntimeError(f"nginx refused its configuration:\n{check.stderr}")
    process = subprocess.Popen(command)
    wait_for_port(config.host, config.https_port, process)
    return process


def app_environment(config: ProxyConfig, base: dict[str, str] | None = None) -> dict[str, str]:
    """The app's settings behind this proxy: certificates on, the consent banner on, TLS
    ended at the proxy, the client's address from its X-Forwarded-For."""
    environment = dict(os.environ if base is None else base)
    environment.update(
        CERT_SIGN_IN="true",
        CERT_PROXY_SECRET=config.secret,
        CONSENT_BANNER="true",
        TRUSTED_PROXY_COUNT="1",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        SECURE_COOKIES="true",
        SECURE_SSL_REDIRECT="true",  # nginx redirects plain HTTP itself, and says https
    )
    environment.setdefault("SITE_URL", f"https://127.0.0.1:{config.https_port}")  # e-mails' links
    return environment


def start_gunicorn(port: int, environment: dict[str, str], log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", "2", "--timeout", "120", "--access-logfile", "-"]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    wait_for_port("127.0.0.1", port, process)
    return process


def wait_for_port(host: str, port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} stopped with {process.returncode}")
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing listens on {host}:{port} after {seconds} s")


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
