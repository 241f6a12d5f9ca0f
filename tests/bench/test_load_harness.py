"""The load benchmark's pieces, without running a load: the mix resolves
and each of its requests is answered as the plan expects, the results are
read back, and the two-node run's network stays inside its own namespaces
and is removed however often cleanup runs."""

from __future__ import annotations

import io
import ipaddress
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.urls import resolve, reverse

from bench.load import cluster, harness, mix, run
from circulation.models import Item
from tests import factories


@pytest.mark.urls("bench.urls")
def test_every_action_of_the_mix_resolves_to_a_view():
    plan = mix.resolve(reverse)
    assert [a["name"] for a in plan] == [a.name for a in mix.MIX]
    names = [a["name"] for a in plan]
    assert len(names) == len(set(names)), "Locust's statistics are keyed by name"
    assert {mix.SCAN, mix.BASELINE} <= set(names)
    for action in plan:
        assert action["needs"] in mix.NEEDS
        path = mix.fill(action["path"], {"loan_id": 1})
        assert resolve(path).url_name, action["name"]


@pytest.mark.urls("bench.urls")
def test_an_optional_action_whose_view_is_missing_is_left_out():
    missing = mix.Action("inquiry", "desk:no-such-view", "POST", 1, optional=True)
    assert mix.resolve(reverse, (missing,)) == []
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        mix.resolve(reverse, (mix.Action("x", "desk:no-such-view", "POST", 1),))


@pytest.mark.django_db
@pytest.mark.urls("bench.urls")
def test_each_planned_request_is_answered_as_the_plan_expects(branch, supervisor):
    """The plan's method, path and form, sent the way the Locust desks send
    them, get a status the action counts as correct: a view that changes
    its method or form fails here before a load run counts it as errors."""
    patron = factories.PatronFactory(home_branch=branch)
    card = factories.CardFactory(patron=patron)
    lend = factories.ItemFactory(home_branch=branch)
    loan = factories.LoanFactory(patron=patron, item__home_branch=branch)
    assert lend.status == Item.Status.AVAILABLE
    client = Client()
    client.force_login(supervisor)
    actions = {a["name"]: a for a in mix.resolve(reverse)}
    values = {
        "baseline": {"barcode": card.barcode},
        "scan_card": {"barcode": card.barcode},
        "checkout": {"barcode": lend.barcode},
        "checkin": {"barcode": lend.barcode},
        "renew": {"loan_id": loan.pk},
        "disclosure": {"patron_id": patron.pk},
    }
    order = ["baseline", "scan_card", "checkout", "checkin", "renew", "disclosure"]
    order += [name for name in actions if name not in order]
    for name in order:
        action = actions[name]
        method, path, body, headers = mix.request_for(action, values.get(name, {}))
        response = client.generic(
            method,
            path,
            body,
            content_type=headers.pop("Content-Type", "application/octet-stream"),
            headers=headers,
        )
        assert response.status_code in action["ok"], (name, response.status_code)
        if name == "scan_card":
            # The Locust desk reads the patron in view from the summary.
            assert f'name="patron" value="{patron.pk}"' in response.text
        if name == "checkout":
            lend.refresh_from_db()
            assert lend.status == Item.Status.ON_LOAN
        if name == "checkin":
            lend.refresh_from_db()
            assert lend.status != Item.Status.ON_LOAN


def test_locust_statistics_are_read_per_request_name(tmp_path):
    prefix = tmp_path / "n5"
    Path(f"{prefix}_stats.csv").write_text(
        "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
        "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
        "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%\n"
        "POST,scan_card,100,1,12,14.2,5,80.5,4000,4.0,0.04,12,14,15,16,20,31,40,55,80,80,80\n"
        ",Aggregated,100,1,12,14.2,5,80.5,4000,4.0,0.04,12,14,15,16,20,31,40,55,80,80,N/A\n"
    )
    stats = harness.read_stats(prefix)
    assert stats["scan_card"] == {
        "requests": 100,
        "failures": 1,
        "rps": 4.0,
        "p50": 12.0,
        "p95": 31.0,
        "p99": 55.0,
        "max": 80.5,
    }
    assert harness.read_failures(prefix) == []


def _step(desks: int, rps: float, scan_p95: float) -> dict:
    return {"desks": desks, "rps": rps, "stats": {mix.SCAN: {"p95": scan_p95}}}


def test_the_knee_is_the_first_step_whose_scan_p95_passes_100_ms():
    steps = [_step(5, 5, 20), _step(10, 10, 40), _step(20, 18, 140), _step(40, 17, 900)]
    knee = run.knee(steps)
    assert knee["first_desks_over_100ms"] == 20
    assert knee["last_desks_under_100ms"] == 10
    assert knee["rps_per_core_under_100ms"] == round(10 / (os.cpu_count() or 1), 1)


def test_the_balancer_and_relays_listen_only_on_loopback_and_the_runs_own_addresses():
    topo = cluster.Topology()
    config = cluster.haproxy_config(topo, port=18123, pidfile=Path("/nonexistent/pid"))
    own = ipaddress.ip_network(f"10.{topo.net}.0.0/16")
    addresses = re.findall(r"(\d+\.\d+\.\d+\.\d+):\d+", config)
    assert addresses
    for address in addresses:
        ip = ipaddress.ip_address(address)
        assert ip.is_loopback or ip in own, address
    if shutil.which("haproxy"):
        path = Path(os.environ.get("TMPDIR", "/tmp")) / f"lsd-haproxy-{os.getpid()}.cfg"
        path.write_text(config)
        try:
            checked = subprocess.run(
                ["haproxy", "-c", "-f", str(path)], capture_output=True, text=True, check=False
            )
        finally:
            path.unlink()
        assert checked.returncode == 0, checked.stderr


def _namespaces() -> str:
    return subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout


@pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("ip"), reason="network namespaces need root and ip"
)
def test_cleanup_removes_the_namespaces_and_can_run_again():
    from tests import network_quiet

    topo = cluster.Topology(prefix="lsdtest", net=232)
    # Chromium fails the pages it is loading when links come and go: no
    # browser test runs meanwhile.
    with network_quiet.changing_links():
        cluster.cleanup(topo)  # nothing there yet: no error
        try:
            cluster.setup(topo)
        except subprocess.CalledProcessError as exc:
            pytest.skip(f"this machine refuses network namespaces: {exc.stderr}")
        assert all(topo.ns(node) in _namespaces() for _, node in topo.nodes)
        cluster.cleanup(topo)
        cluster.cleanup(topo)
    assert "lsdtest-" not in _namespaces()
    links = subprocess.run(["ip", "link"], capture_output=True, text=True).stdout
    assert "lsdtest-" not in links


def test_the_load_run_refuses_unbounded_or_unknown_settings():
    with pytest.raises(SystemExit):
        run.parse_args(["--seconds", "0"])
    with pytest.raises(SystemExit):
        run.parse_args(["--desks", "5,100000"])
    with pytest.raises(SystemExit):
        run.parse_args(["--compare", "--variants", "no such variant"])
    args = run.parse_args(["--quick"])
    assert args.desks == [2, 4] and args.seconds == 6


def test_the_servers_times_are_read_whole_inside_django_and_as_cpu(tmp_path):
    log = tmp_path / "access.log"
    log.write_text(
        "scan_card 200 9100 7200 3100\n"
        "baseline 200 5400 3300 1900\n"
        "login 302 120000 - -\n"  # a response without the bench's headers
        "scan_card 200 8800\n"  # a log written before the headers existed
    )
    total, end = harness.server_times(log)
    assert total == {"scan_card": [9.1, 8.8], "baseline": [5.4], "login": [120.0]}
    assert end == log.stat().st_size
    assert harness.server_times(log, field="django")[0] == {"scan_card": [7.2], "baseline": [3.3]}
    assert harness.server_times(log, field="cpu")[0] == {"scan_card": [3.1], "baseline": [1.9]}
    assert harness.server_times(log, since=end)[0] == {}


@pytest.mark.django_db
def test_the_bench_wsgi_application_says_how_long_django_took():
    from bench.load import wsgi

    seen: dict[str, str] = {}

    def start_response(status, headers, *exc_info):
        seen.update(headers)
        seen["status"] = status

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/healthz",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
    }
    b"".join(wsgi.application(environ, start_response))
    assert int(seen["X-Bench-Django-Us"]) > 0
    # CPU time is counted in clock ticks: it may pass the wall time by one.
    assert 0 <= int(seen["X-Bench-Cpu-Us"]) <= int(seen["X-Bench-Django-Us"]) + 20_000
