"""Log-in lock-out, the second factor, the Content Security Policy, deploy checks."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisation.roles import Role
from organisation.security import LOCKED_OUT, LOCKED_OUT_ADDRESS
from organisation.two_factor import WRONG_CODE

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)
PASSWORD = "pw-for-tests-1"


def _login(client, username, password=PASSWORD, ip="10.0.0.1", next_url=None):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data, REMOTE_ADDR=ip)


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


# --- django-axes lock-out ---------------------------------------------------


def test_repeated_failures_lock_the_username_on_that_computer(client, desk_staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "t-desk", "wrong").status_code == 400
    locked = _login(client, "t-desk", "wrong")
    assert locked.status_code == 429
    assert LOCKED_OUT in locked.content.decode()
    # Even the right password is refused while locked, with the same page.
    again = _login(client, "t-desk", PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lock_out_is_per_username_and_address(client, desk_staff, volunteer):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "t-desk", "wrong", ip="10.0.0.1")
    # A colleague at the same terminal is not locked out...
    assert _login(client, "t-volunteer", ip="10.0.0.1").status_code == 302
    client.logout()
    # ...nor is the same username from another computer.
    assert _login(client, "t-desk", ip="10.0.0.2").status_code == 302


def test_a_successful_log_in_resets_the_failure_count(client, desk_staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "t-desk", "wrong")
    assert _login(client, "t-desk").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "t-desk", "wrong").status_code == 400


def test_password_spraying_from_one_address_is_locked_across_usernames(client, desk_staff):
    """Issue 11 finding 6: a few guesses at many usernames never hit the
    per-username limit; the address as a whole is refused after
    AXES_ADDRESS_FAILURE_LIMIT failures."""
    per_user = settings.AXES_FAILURE_LIMIT - 1
    usernames = [f"guess-{n}" for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT // per_user)]
    guesses = [u for u in usernames for _ in range(per_user)]
    assert len(guesses) == settings.AXES_ADDRESS_FAILURE_LIMIT
    for n, username in enumerate(guesses, start=1):
        expected = 429 if n == len(guesses) else 400  # the last failure locks, as per user
        assert _login(client, username, "Winter2026!", ip="10.6.6.6").status_code == expected, n
    # Now any username from that address is refused, even with its password...
    locked = _login(client, "t-desk", ip="10.6.6.6")
    assert locked.status_code == 429
    assert LOCKED_OUT_ADDRESS in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # ...while the same account from another computer logs in.
    assert _login(client, "t-desk", ip="10.6.6.7").status_code == 302


def test_colleagues_mistyping_at_a_shared_terminal_are_not_locked_out(client, make_staff):
    """More mistypes in total than the address limit, each colleague's
    cleared by their own successful log-in: the terminal stays usable."""
    colleagues = [
        make_staff(Role.DESK_STAFF, username=f"t-colleague-{n}").username for n in range(8)
    ]
    assert 8 * (settings.AXES_FAILURE_LIMIT - 2) > settings.AXES_ADDRESS_FAILURE_LIMIT
    for username in colleagues:
        for _ in range(settings.AXES_FAILURE_LIMIT - 2):
            assert _login(client, username, "typo", ip="10.0.0.9").status_code == 400
        assert _login(client, username, ip="10.0.0.9").status_code == 302, username
        client.logout()


def test_locked_out_page_never_leaks_a_server_error_for_unknown_users(client):
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        response = _login(client, "nobody-" + "x" * 300, "wrong")
        assert response.status_code in (400, 429)


# --- two-factor log-in -----------------------------------------------------


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.ADMINISTRATOR])
def test_first_log_in_of_a_second_factor_role_must_enroll(client, make_staff, role):
    user = make_staff(role, username="t-2fa")
    response = _login(client, "t-2fa")
    assert response.status_code == 302
    # The landing page is held back until the second factor is done.
    landing = client.get(response["Location"])
    assert landing.status_code == 302
    assert landing["Location"].startswith(reverse("two_factor_setup"))
    page = client.get(reverse("two_factor_setup"))
    assert page.status_code == 200
    body = page.content.decode()
    assert '<svg class="qr-code" role="img"' in body
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", body).group(1).replace(" ", "")
    import base64

    assert base64.b32decode(secret + "=" * (-len(secret) % 8)) == device.bin_key


def test_enrolling_needs_a_right_code_and_then_opens_the_site(client, director):
    _login(client, "t-director")
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=director)
    wrong = client.post(reverse("two_factor_setup"), {"token": "000000"})
    assert wrong.status_code == 400
    assert WRONG_CODE in wrong.content.decode()
    device.refresh_from_db()
    assert device.confirmed is False
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    ok = client.post(reverse("two_factor_setup"), {"token": _code(device), "next": "/desk/"})
    assert ok.status_code == 302
    assert ok["Location"] == "/desk/"
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get(reverse("desk:screen")).status_code == 200


def test_enrolled_user_must_enter_a_code_before_any_page(client, director):
    device = TOTPDevice.objects.create(user=director, name="phone", confirmed=True)
    response = _login(client, "t-director", next_url="/desk/")
    assert response.status_code == 302
    for path in ("/", "/desk/", "/admin/", "/privacy/", "/no-such-page/"):
        held = client.get(path)
        assert held.status_code == 302, path
        assert held["Location"].startswith(reverse("two_factor_verify")), path
    # The enrolment page cannot be used to replace a confirmed device.
    assert client.get(reverse("two_factor_setup"))["Location"] == reverse("two_factor_verify")
    wrong = client.post(reverse("two_factor_verify"), {"token": "12345x"})
    assert wrong.status_code == 400
    assert client.get("/desk/").status_code == 302
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    ok = client.post(reverse("two_factor_verify"), {"token": _code(device), "next": "/desk/"})
    assert ok["Location"] == "/desk/"
    assert client.get("/desk/").status_code == 200


def test_verify_refuses_an_off_site_next(client, director):
    device = TOTPDevice.objects.create(user=director, name="phone", confirmed=True)
    _login(client, "t-director")
    ok = client.post(
        reverse("two_factor_verify"),
        {"token": _code(device), "next": "https://evil.example/"},
    )
    assert ok["Location"] == reverse(settings.LOGIN_REDIRECT_URL)


def test_repeated_wrong_codes_are_throttled(client, director):
    device = TOTPDevice.objects.create(user=director, name="phone", confirmed=True)
    _login(client, "t-director")
    client.post(reverse("two_factor_verify"), {"token": "000000"})
    throttled = client.post(reverse("two_factor_verify"), {"token": _code(device)})
    assert throttled.status_code == 400
    assert "Too many wrong codes" in throttled.content.decode()


def test_htmx_requests_of_an_unverified_session_redirect_the_whole_page(client, director):
    TOTPDevice.objects.create(user=director, name="phone", confirmed=True)
    _login(client, "t-director")
    response = client.get("/desk/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("two_factor_verify"))


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.DESK_STAFF, Role.SUPERVISOR])
def test_desk_roles_log_in_with_the_password_alone(client, make_staff, role):
    make_staff(role, username="t-one-step")
    _login(client, "t-one-step")
    assert client.get("/desk/").status_code == 200


def test_second_factor_can_be_switched_off_for_the_demo(client, director, settings):
    settings.REQUIRE_TWO_FACTOR = False
    _login(client, "t-director")
    assert client.get("/desk/").status_code == 200


def test_second_factor_is_required_by_default_outside_the_demo():
    env = {k: v for k, v in os.environ.items() if k != "REQUIRE_TWO_FACTOR"}
    code = "import django, os;from django.conf import settings;print(settings.REQUIRE_TWO_FACTOR)"
    results = {}
    for module in ("base", "local", "production"):
        env.update(
            DJANGO_SETTINGS_MODULE=f"config.settings.{module}",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="desk.example.org",
            EMAIL_URL="smtp+tls://mailer:secret@mail.example.org:587",
            SITE_URL="https://desk.example.org",
        )
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, cwd=BASE_DIR, capture_output=True, text=True
        )
        results[module] = out.stdout.strip().splitlines()[-1]
    assert results == {"base": "True", "local": "False", "production": "True"}
    assert settings.REQUIRE_TWO_FACTOR is True


# --- Content Security Policy -------------------------------------------------


def test_every_page_carries_a_strict_content_security_policy(client):
    header = client.get(reverse("login"))["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in header.split(";") if part.strip()
    )
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert "unsafe" not in header
    assert not re.search(r"https?:|\*", header)


def _templates():
    roots = [BASE_DIR / "templates", *BASE_DIR.glob("*/templates")]
    for root in roots:
        if ".venv" in root.parts:
            continue
        yield from root.rglob("*.html")


def test_no_template_needs_inline_script_or_style():
    """The CSP refuses inline code: every template keeps JS and CSS in static files."""
    offenders = []
    for path in _templates():
        text = path.read_text()
        rel = path.relative_to(BASE_DIR)
        for match in re.finditer(r"<script\b([^>]*)>", text):
            attrs = match.group(1)
            if "src=" not in attrs and "application/json" not in attrs:
                offenders.append(f"{rel}: inline <script>")
        if re.search(r"<style\b", text):
            offenders.append(f"{rel}: <style> element")
        if re.search(r"\sstyle\s*=", text):
            offenders.append(f"{rel}: style= attribute")
        for handler in re.findall(r"\s(on[a-z]+)\s*=", text):
            offenders.append(f"{rel}: inline event handler {handler}")
        if re.search(r"\shx-on[:-]", text):
            offenders.append(f"{rel}: hx-on (needs eval)")
        if re.search(r"(src|href)=[\"']https?://", text):
            offenders.append(f"{rel}: third-party URL")
    assert offenders == []


# --- production settings ---------------------------------------------------------


def test_deploy_check_is_clean_under_production_settings():
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="desk.example.org",
        CSRF_TRUSTED_ORIGINS="https://desk.example.org",
        EMAIL_URL="smtp+tls://mailer:secret@mail.example.org:587",
        SITE_URL="https://desk.example.org",
        # Stored files in object storage, as a multi-node deployment has them.
        STORAGE_S3_BUCKET="desk-files",
    )
    env.pop("DEBUG", None)
    env.pop("MEDIA_ROOT_SHARED", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def _compose_healthcheck(service: str) -> list[str]:
    """The health-check command of a docker-compose service, read as text
    (a JSON-style list on the `test:` line) so no YAML parser is needed."""
    text = (BASE_DIR / "docker-compose.yml").read_text()
    service_block = re.search(rf"\n  {service}:\n(.*?)(?=\n  \w|\Z)", text, re.S)
    assert service_block, f"no service {service}"
    match = re.search(r"healthcheck:\s*\n\s*test:\s*(\[.*\])", service_block.group(1))
    assert match, f"no healthcheck test for {service}"
    import json

    return json.loads(match.group(1))


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# gunicorn is another process: it cannot open SQLite's in-memory test
# database, only a PostgreSQL one.
@pytest.mark.postgres
def test_the_compose_health_check_passes_under_production_settings_over_plain_http():
    """Issue 11 finding 8: SECURE_SSL_REDIRECT answered the container's own
    plain-HTTP health check with a 301 to https, so the container was
    unhealthy. gunicorn serves production settings; the exact command from
    docker-compose.yml runs against it (only the port is the test's)."""
    import tempfile

    from django.db import connection

    command = _compose_healthcheck("web")
    assert command[:3] == ["CMD", "python", "-c"]
    port = _free_port()
    script = command[3]
    assert "http://127.0.0.1:8000/healthz" in script
    script = script.replace("127.0.0.1:8000", f"127.0.0.1:{port}")
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        # As .env.example has it: the container's own address is not a host
        # the site answers to, so the check must name an allowed one.
        ALLOWED_HOSTS="library.example.org,desk.example.org",
        SITE_URL="https://desk.example.org",
        EMAIL_URL="smtp://127.0.0.1:2525",
        DATABASE_URL=(
            f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
            if connection.vendor == "postgresql"
            else f"sqlite:///{db['NAME']}"
        ),
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
    )
    env.pop("DEBUG", None)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with tempfile.TemporaryFile() as log:
        _serve_and_check(gunicorn, port, env, script, log)


def _serve_and_check(gunicorn: Path, port: int, env: dict, script: str, log: Any) -> None:
    import http.client
    import time

    server = subprocess.Popen(
        [str(gunicorn), "config.wsgi:application", "--bind", f"127.0.0.1:{port}"],
        env=env,
        cwd=BASE_DIR,
        stdout=log,
        stderr=log,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/accounts/login/", headers={"Host": "library.example.org"})
                status = conn.getresponse().status
                conn.close()
                break
            except OSError:
                assert server.poll() is None, _read(log)
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        # Every other plain-HTTP page is still sent to https.
        assert status == 301
        check = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=30
        )
        assert check.returncode == 0, check.stderr + _read(log)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _read(log: Any) -> str:
    log.seek(0)
    return log.read().decode(errors="replace")


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, cwd=BASE_DIR, capture_output=True
    )
    assert result.returncode != 0
    assert b"SECRET_KEY" in result.stderr


def _production_check(**overrides: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("EMAIL_URL", "EMAIL_BACKEND")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="desk.example.org",
        SITE_URL="https://desk.example.org",
    )
    env.update(overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, cwd=BASE_DIR, capture_output=True
    )


@pytest.mark.parametrize("email_url", ["", "consolemail://", "filemail:///tmp/mail"])
def test_production_refuses_to_start_without_a_real_smtp_server(email_url):
    """Letters carry names and addresses: never into a worker's log."""
    result = _production_check(EMAIL_URL=email_url)
    assert result.returncode != 0
    assert b"EMAIL_URL" in result.stderr


def test_production_starts_with_an_smtp_url_and_parses_it():
    code = (
        "import django;django.setup();from django.conf import settings as s;"
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.SITE_URL)"
    )
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="desk.example.org",
        SITE_URL="https://desk.example.org/",
        EMAIL_URL="smtp+tls://mailer:secret@mail.example.org:587",
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=BASE_DIR, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.org",
        "587",
        "True",
        "https://desk.example.org",
    ]


def test_production_links_in_email_must_be_https():
    result = _production_check(
        EMAIL_URL="smtp://mail.example.org:25", SITE_URL="http://desk.example.org"
    )
    assert result.returncode != 0
    assert b"SITE_URL" in result.stderr


def test_the_admin_logs_in_through_the_guarded_log_in_page(client):
    response = client.get("/admin/login/?next=/admin/auth/user/")
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=%2Fadmin%2Fauth%2Fuser%2F"
    off_site = client.get("/admin/login/?next=https://evil.example/")
    assert "evil" not in off_site["Location"]
    # The admin's own pages send anonymous users there too.
    assert client.get("/admin/").status_code == 302


def test_the_second_factor_roles_are_exactly_those_holding_its_capabilities():
    from organisation.roles import CAPABILITIES
    from organisation.security import SECOND_FACTOR_CAPABILITIES, SECOND_FACTOR_ROLES

    holders = {role for cap in SECOND_FACTOR_CAPABILITIES for role in CAPABILITIES[cap]}
    assert holders == set(SECOND_FACTOR_ROLES)


@pytest.mark.parametrize("next_url", ["a b", "home", "a\x00b", "//evil.example/", "javascript:x"])
def test_a_strange_next_never_breaks_the_log_in_steps(client, director, next_url):
    """Found by the form fuzzer: a bare word was taken for a view name (500)."""
    device = TOTPDevice.objects.create(user=director, name="phone", confirmed=True)
    _login(client, "t-director")
    response = client.post(reverse("two_factor_verify"), {"token": _code(device), "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    director.is_staff = True
    director.save()
    admin_page = client.get(reverse("admin_login"), {"next": next_url})
    assert admin_page.status_code in (302, 403)
