"""`python manage.py sip2_server --host 127.0.0.1 --port 6001
[--certfile cert.pem --keyfile key.pem] [--idle-timeout 300] [--workers N]`:
serve self-check machines and PC-reservation systems over SIP2 until
stopped (SIGTERM or Ctrl-C: each connection finishes the message in hand).
The certificate and key default to the SIP2_CERTFILE and SIP2_KEYFILE
settings (from the environment): TLS wherever they are set. `--workers`
(default: the number of CPUs) processes share the listening socket."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sip2.server import Sip2Server, serve


class Command(BaseCommand):
    help = "Serve SIP2 terminals (self-check, PC reservation) on a TCP port, TLS if set."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=6001)
        parser.add_argument("--certfile", default=settings.SIP2_CERTFILE)
        parser.add_argument("--keyfile", default=settings.SIP2_KEYFILE)
        parser.add_argument("--idle-timeout", type=float, default=300.0)
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="processes sharing the port (default: the number of CPUs)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if bool(options["certfile"]) != bool(options["keyfile"]):
            raise CommandError("Give both --certfile and --keyfile, or neither.")
        workers = options["workers"]
        if not 1 <= workers <= 64:
            raise CommandError("--workers is a number from 1 to 64.")
        try:
            server = Sip2Server(
                (options["host"], options["port"]),
                certfile=options["certfile"] or None,
                keyfile=options["keyfile"] or None,
                idle_timeout=options["idle_timeout"],
            )
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot serve SIP2: {error}") from error
        host, port = (str(part) for part in server.server_address[:2])
        mode = "TLS" if server.tls else "plain TCP"

        def started(pids: list[int]) -> None:
            listed = ", ".join(str(pid) for pid in pids)
            self.stdout.write(
                f"SIP2 server on {host}:{port} ({mode}), {len(pids)} worker"
                f"{'s' if len(pids) != 1 else ''} (pid {listed})"
            )
            self.stdout.flush()

        try:
            serve(server, workers=workers, on_start=started)
        finally:
            server.server_close()
