"""A local HTTP server standing in for the SMS provider's API: it records
every message it receives (the JSON and the bearer token) and answers
503 for the first `fail_first` requests, or 400 for numbers in `refuse`."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Recorded:
    messages: list[dict[str, Any]] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)
    requests: int = 0
    fail_first: int = 0
    refuse: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


class SmsProviderServer:
    def __init__(self) -> None:
        self.recorded = Recorded()
        recorded = self.recorded

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length) or b"{}")
                with recorded.lock:
                    recorded.requests += 1
                    failing = recorded.requests <= recorded.fail_first
                    refused = payload.get("to") in recorded.refuse
                    if not failing and not refused:
                        recorded.messages.append(payload)
                        recorded.tokens.append(self.headers.get("Authorization", ""))
                status = 503 if failing else 400 if refused else 201
                body = json.dumps({"status": status}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                return  # no numbers in the test output

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/v1/messages"

    @property
    def messages(self) -> list[dict[str, Any]]:
        with self.recorded.lock:
            return list(self.recorded.messages)

    def start(self) -> SmsProviderServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
