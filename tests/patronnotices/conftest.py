from __future__ import annotations

import pytest

from tests.patronnotices.sms import SmsProviderServer
from tests.smtp import smtp_server  # noqa: F401 (a fixture)

SMS_TOKEN = "test-token-7f3a"


@pytest.fixture
def sms_provider(settings):
    server = SmsProviderServer().start()
    settings.SMS_PROVIDER_URL = server.url
    settings.SMS_PROVIDER_TOKEN = SMS_TOKEN
    settings.SMS_SENDER = "+15085550000"
    try:
        yield server
    finally:
        server.stop()
