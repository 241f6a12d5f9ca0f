"""Logging filters named in the LOGGING setting."""

from __future__ import annotations

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    """Log a 4xx response of `django.request` as its one line, no traceback.

    Django attaches the exception to "Forbidden (Permission denied): <path>";
    a refused request is routine (a volunteer opening a supervisor's page), so
    its traceback is noise in the server log, and the exception's message is
    free text that should not reach the log. The line keeps the path, which
    holds opaque ids only. Server errors (5xx) keep their traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
