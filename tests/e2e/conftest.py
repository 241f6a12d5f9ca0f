"""A real headless Chromium (Debian's) driven by Playwright against live_server.

Chromium comes from the system (CHROMIUM_PATH, default /usr/bin/chromium);
Playwright never downloads a browser. Without Chromium the tests skip with a
reason, unless E2E_REQUIRED=1 (CI), where they fail instead.

Every page a test visits through `Browse.visit`/`Browse.audit` is checked by
axe-core (no serious or critical violation) and every page load is watched
for Content Security Policy violations and JavaScript errors, which fail the
test. A failing test leaves a screenshot and the page HTML in test-artifacts/.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.e2e.browse import Browse

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# The pages this run audited; one file per xdist worker, which run at once.
PAGES_FILE = ARTIFACTS / (
    f"e2e-pages-{os.environ['PYTEST_XDIST_WORKER']}.txt"
    if os.environ.get("PYTEST_XDIST_WORKER")
    else "e2e-pages.txt"
)
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _why_not_runnable() -> str | None:
    if not Path(CHROMIUM_PATH).exists():
        return f"Chromium not found at {CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (requirements/dev.txt)"
    return None


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    reason = _why_not_runnable()
    if reason is None:
        return
    e2e = [item for item in items if "e2e" in item.keywords]
    if not e2e:
        return
    if os.environ.get("E2E_REQUIRED") == "1":
        raise pytest.UsageError(f"E2E_REQUIRED=1 but the end-to-end tests cannot run: {reason}")
    for item in e2e:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    # The sync API runs an event loop in this thread; the test's own ORM
    # calls (seeding, assertions) are still synchronous and safe.
    PAGES_FILE.unlink(missing_ok=True)  # this run's list only
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _no_link_changes_meanwhile():  # type: ignore[no-untyped-def]
    """No test on another worker adds or removes network links while this
    browser test runs (tests/network_quiet.py says why)."""
    from tests import network_quiet

    with network_quiet.browsing():
        yield


@pytest.fixture
def browse(browser, live_server, request):
    """A fresh browser context (no cookies) on the live server, audited as it goes.

    live_server's database is transactional; tests/conftest.py puts back what
    migrations created after each test's flush, as a fresh installation has it."""
    from patrons.models import Patron
    from tests.security.logscan import capture_all_logs, leaks, patron_secrets

    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    session = Browse(page=page, base_url=live_server.url)
    request.node._e2e_browse = session
    # Every log record of the run (the live server logs in this process) is
    # searched for the patrons' names, barcodes and contacts.
    with capture_all_logs() as logs:
        yield session
        context.close()
    session.record_pages(PAGES_FILE)
    problems = session.console_problems()
    assert problems == [], "browser console:\n" + "\n".join(problems)
    leaked = leaks(logs.texts, patron_secrets(Patron.objects.prefetch_related("cards")))
    assert leaked == [], "patron data in the logs:\n" + "\n".join(leaked)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    session = getattr(item, "_e2e_browse", None)
    if session is None:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid)[-150:]
    try:
        session.page.screenshot(path=str(ARTIFACTS / f"{stem}.png"), full_page=True)
        (ARTIFACTS / f"{stem}.html").write_text(session.page.content())
    except Exception as exc:  # noqa: BLE001 - an artifact must not hide the failure
        (ARTIFACTS / f"{stem}.txt").write_text(f"could not capture the page: {exc!r}")


@pytest.fixture
def demo(live_server, settings):
    """seed_demo's branches, logins, patrons and items; TOTP devices for the
    Director and the administrator, whose keys the test uses to log in."""
    from django.core.management import call_command
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from organisation.management.commands.seed_demo import DemoContext  # noqa: F401

    call_command("seed_demo", "--force", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from django.contrib.auth import get_user_model

    users = {u.username: u for u in get_user_model().objects.all()}
    keys = {}
    for username in ("director", "admin"):
        device = TOTPDevice.objects.create(user=users[username], name="phone", confirmed=True)
        keys[username] = device.bin_key
    return Demo(password=settings.DEMO_PASSWORD, users=users, totp_keys=keys)


class Demo:
    def __init__(self, password: str, users: dict, totp_keys: dict[str, bytes]) -> None:
        self.password = password
        self.users = users
        self.totp_keys = totp_keys

    def key(self, username: str) -> bytes | None:
        return self.totp_keys.get(username)
