"""One browser tab on the live server, with axe-core and console checks."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")
# WCAG 2.0/2.1/2.2 A and AA rules plus axe's best practices.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


class AccessibilityViolation(AssertionError):
    pass


@dataclass
class Browse:
    page: Any
    base_url: str
    audited: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    _auditing: bool = False

    def __post_init__(self) -> None:
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console.append(f"page error: {error}"))

    def _on_console(self, message: Any) -> None:
        text = message.text
        if self._auditing:
            return  # axe-core itself sets inline styles while it measures
        if message.type == "error" or "Content Security Policy" in text:
            # A 4xx answer to a form post is expected and logged by Chromium.
            if "Failed to load resource" in text and "status of 4" in text:
                return
            self.console.append(f"{message.type}: {text} ({self.page.url})")

    def console_problems(self) -> list[str]:
        return list(self.console)

    # --- navigation -----------------------------------------------------------

    def visit(self, path: str, *, audit: bool = True) -> Any:
        response = self.page.goto(path)
        if audit:
            self.audit()
        return response

    def audit(self, label: str | None = None) -> None:
        """Run axe-core on the page as it is now; fail on serious or critical."""
        page = self.page
        page.wait_for_load_state("load")
        # Evaluated through DevTools, not injected as a <script>: the page's
        # Content Security Policy stays in force for the rest of the test.
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(AXE_JS.read_text())
        self._auditing = True
        try:
            result = page.evaluate(
                "async (options) => await window.axe.run(document, options)", AXE_OPTIONS
            )
            page.wait_for_timeout(50)  # deliver the console events of the run
        finally:
            self._auditing = False
        path = urlsplit(page.url).path
        self.audited.append(f"{path}{' [' + label + ']' if label else ''}")
        blocking = [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            raise AccessibilityViolation(
                f"axe-core: {len(blocking)} serious/critical violation(s) on {page.url}:\n"
                + format_violations(blocking)
            )

    def record_pages(self, path: Path) -> None:
        if not self.audited:
            return
        path.parent.mkdir(exist_ok=True)
        with path.open("a") as out:
            for line in self.audited:
                out.write(line + "\n")

    # --- log-in -----------------------------------------------------------------

    def log_in(self, username: str, password: str, *, totp_key: bytes | None = None) -> None:
        """Log in through the form, with the second factor when the role needs it."""
        page = self.page
        self.visit("/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state("load")
        if "/accounts/two-factor/" in page.url:
            assert totp_key is not None, f"{username} was asked for a second factor"
            self.audit("second factor")
            page.get_by_label("6-digit code").fill(current_code(totp_key))
            page.get_by_role("button", name="Verify").click()
            page.wait_for_load_state("load")
        assert "/accounts/" not in page.url, f"still at {page.url} after logging in"


def current_code(key: bytes) -> str:
    from django_otp.oath import totp

    return f"{totp(key):06d}"


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary']!r}")
    return "\n".join(lines)
