"""Real directory servers for the sign-on tests, started by the tests.

- `Slapd`: Debian's OpenLDAP server (`slapd`), run as this test's own
  process on a free loopback port, with its configuration and database in a
  temporary folder (never the system service).
- `OidcProvider`: panva's `oidc-provider` (the npm package, certified by
  the OpenID Foundation) run with node, from tests/signon/oidc_provider/
  (`npm ci` there installs it; .ci/run does).

Without slapd, node or the npm package the tests skip with the reason,
unless SIGNON_SERVERS_REQUIRED=1 (CI), where they fail instead.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

OIDC_DIR = Path(__file__).resolve().parent / "oidc_provider"
SLAPD = shutil.which("slapd") or "/usr/sbin/slapd"
SCHEMA_DIR = Path("/etc/ldap/schema")
MODULE_DIR = Path("/usr/lib/ldap")
SUFFIX = "dc=library,dc=test"
ADMIN_DN = f"cn=admin,{SUFFIX}"
ADMIN_PASSWORD = "directory-admin-secret"
PEOPLE = f"ou=people,{SUFFIX}"
GROUPS = f"ou=groups,{SUFFIX}"
# How an OpenLDAP directory in these tests marks a disabled account; an
# Active Directory filter tests the ACCOUNTDISABLE bit instead (docs/sign-on.md).
USER_FILTER = "(&(uid=%(user)s)(!(employeeType=disabled)))"


def unavailable(reason: str) -> None:
    if os.environ.get("SIGNON_SERVERS_REQUIRED") == "1":
        pytest.fail(f"SIGNON_SERVERS_REQUIRED=1 but {reason}")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen, what: str, log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited: {log.read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on {port}: {log.read_text()[-2000:]}")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class Slapd:
    """One slapd process with an empty directory under `SUFFIX`."""

    folder: Path
    port: int = 0
    process: Any = None

    @property
    def uri(self) -> str:
        return f"ldap://127.0.0.1:{self.port}"

    def start(self) -> None:
        if not Path(SLAPD).exists():
            unavailable("slapd is not installed (apt-get install slapd ldap-utils)")
        data = self.folder / "data"
        data.mkdir(parents=True)
        config = self.folder / "slapd.conf"
        config.write_text(
            "\n".join(
                [
                    *(
                        f"include {SCHEMA_DIR / name}.schema"
                        for name in ("core", "cosine", "inetorgperson", "nis")
                    ),
                    f"modulepath {MODULE_DIR}",
                    "moduleload back_mdb",
                    f"pidfile {self.folder / 'slapd.pid'}",
                    "database mdb",
                    "maxsize 10485760",
                    f'suffix "{SUFFIX}"',
                    f'rootdn "{ADMIN_DN}"',
                    f"rootpw {ADMIN_PASSWORD}",
                    f"directory {data}",
                    "",
                ]
            )
        )
        self.port = free_port()
        log = self.folder / "slapd.log"
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [SLAPD, "-f", str(config), "-h", self.uri + "/", "-d", "0"],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        _wait_for_port(self.port, self.process, "slapd", log)
        self._add(SUFFIX, objectClass=["dcObject", "organization"], dc=["library"], o=["Library"])
        self._add(PEOPLE, objectClass=["organizationalUnit"], ou=["people"])
        self._add(GROUPS, objectClass=["organizationalUnit"], ou=["groups"])

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)

    def _connection(self) -> Any:
        import ldap

        connection = ldap.initialize(self.uri)
        connection.simple_bind_s(ADMIN_DN, ADMIN_PASSWORD)
        return connection

    def _add(self, dn: str, **attributes: list[str]) -> None:
        import ldap.modlist

        entry = {name: [value.encode() for value in values] for name, values in attributes.items()}
        connection = self._connection()
        try:
            connection.add_s(dn, ldap.modlist.addModlist(entry))
        finally:
            connection.unbind_s()

    def add_person(
        self, uid: str, password: str, *, given: str, family: str, email: str = ""
    ) -> str:
        dn = f"uid={uid},{PEOPLE}"
        attributes = {
            "objectClass": ["inetOrgPerson"],
            "uid": [uid],
            "cn": [f"{given} {family}"],
            "givenName": [given],
            "sn": [family],
            "userPassword": [password],
        }
        if email:
            attributes["mail"] = [email]
        self._add(dn, **attributes)
        return dn

    def add_group(self, cn: str, members: list[str]) -> str:
        dn = f"cn={cn},{GROUPS}"
        self._add(dn, objectClass=["groupOfNames"], cn=[cn], member=members)
        return dn

    def disable(self, uid: str) -> None:
        """Mark the person disabled, as the directory's administrator would."""
        import ldap

        connection = self._connection()
        try:
            connection.modify_s(
                f"uid={uid},{PEOPLE}", [(ldap.MOD_ADD, "employeeType", [b"disabled"])]
            )
        finally:
            connection.unbind_s()

    def settings(self) -> dict[str, Any]:
        """The Django settings that point sign-on at this directory."""
        return {
            "AUTH_LDAP_SERVER_URI": self.uri,
            "AUTH_LDAP_BIND_DN": ADMIN_DN,
            "AUTH_LDAP_BIND_PASSWORD": ADMIN_PASSWORD,
            "LDAP_USER_SEARCH_BASE": PEOPLE,
            "LDAP_USER_FILTER": USER_FILTER,
            "LDAP_GROUP_SEARCH_BASE": GROUPS,
            "LDAP_GROUP_TYPE": "groupOfNames",
        }


@dataclass
class OidcProvider:
    """One node process running oidc-provider with the accounts in `config`."""

    folder: Path
    redirect_uris: list[str]
    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)
    port: int = 0
    process: Any = None
    client_id: str = "library-service-desk"
    client_secret: str = "desk-client-secret-for-tests-only"

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def config_path(self) -> Path:
        return self.folder / "oidc.json"

    def write(self) -> None:
        """Write the accounts (the provider reads them at every sign-on)."""
        config = {
            "client": {
                "client_id": self.client_id,
                "client_secret": self.client_secret,
                "redirect_uris": self.redirect_uris,
            },
            "accounts": self.accounts,
        }
        tmp = self.config_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(config))
        tmp.replace(self.config_path)

    def start(self) -> None:
        node = shutil.which("node")
        if node is None:
            unavailable("node is not installed (apt-get install nodejs npm)")
        if not (OIDC_DIR / "node_modules" / "oidc-provider").is_dir():
            unavailable(f"oidc-provider is not installed: run `npm ci` in {OIDC_DIR}")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.write()
        self.port = free_port()
        log = self.folder / "oidc.log"
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [str(node), "server.mjs", str(self.port), str(self.config_path)],
                cwd=OIDC_DIR,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        _wait_for_port(self.port, self.process, "oidc-provider", log)

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)

    def add_account(self, username: str, password: str, **claims: Any) -> dict[str, Any]:
        account = {"password": password, "sub": f"sub-{username}", **claims}
        self.accounts[username] = account
        self.write()
        return account

    def disable(self, username: str) -> None:
        self.accounts[username]["disabled"] = True
        self.write()

    def settings(self) -> dict[str, Any]:
        """The Django settings that point sign-on at this provider."""
        return {
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.issuer}/auth",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.issuer}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.issuer}/me",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.issuer}/jwks",
            "OIDC_RP_SIGN_ALGO": "RS256",
            "OIDC_RP_SCOPES": "openid email profile groups",
            "OIDC_PROVIDER_NAME": "the test provider",
        }
