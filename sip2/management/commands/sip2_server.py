"""`python manage.py sip2_server --host 127.0.0.1 --port 6001
[--certfile cert.pem --keyfile key.pem] [--idle-timeout 300]`: serve
self-check machines and PC-reservation systems over SIP2 until stopped.
The certificate and key default to the SIP2_CERTFILE and SIP2_KEYFILE
settings (from the environment): TLS wherever they are set."""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sip2.server import Sip2Server


class Command(BaseCommand):
    help = "Serve SIP2 terminals (self-check, PC reservation) on a TCP port, TLS if set."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=6001)
        parser.add_argument("--certfile", default=settings.SIP2_CERTFILE)
        parser.add_argument("--keyfile", default=settings.SIP2_KEYFILE)
        parser.add_argument("--idle-timeout", type=float, default=300.0)

    def handle(self, *args: Any, **options: Any) -> None:
        if bool(options["certfile"]) != bool(options["keyfile"]):
            raise CommandError("Give both --certfile and --keyfile, or neither.")
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
        self.stdout.write(f"SIP2 server on {host}:{port} ({mode})")
        self.stdout.flush()

        def stop(*_: object) -> None:
            threading.Thread(target=server.shutdown, daemon=True).start()

        signal.signal(signal.SIGTERM, stop)
        try:
            server.serve_forever(poll_interval=0.5)
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
