"""The SIP2 server as a process of its own: `make run` starts it and says
where, docker-compose runs it as a service with a health check."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from config import devserver

ROOT = Path(__file__).resolve().parents[2]


def test_the_make_run_banner_gives_the_sip2_port():
    text = devserver.banner(
        port="8000",
        password="pw",
        logins=[("desk", "desk staff")],
        broker="Redis",
        sip2_port="6123",
    )
    assert "SIP2 server for self-check and PC reservation: 127.0.0.1:6123" in text


def test_docker_compose_runs_the_sip2_server_as_a_service_with_a_health_check():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    service = compose["services"]["sip2"]
    assert "sip2_server" in service["command"]
    assert "6001" in " ".join(service["healthcheck"]["test"])


def test_a_certificate_without_its_key_is_refused():
    with pytest.raises(CommandError, match="both --certfile and --keyfile"):
        call_command("sip2_server", "--port", "0", "--certfile", "cert.pem")


def test_a_port_in_use_is_a_clear_error():
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(CommandError, match="Cannot serve SIP2"):
            call_command("sip2_server", "--port", str(port))
