"""`make run`: SQLite and the filesystem broker unless the environment says otherwise."""

from .base import *
from .base import env

DEBUG = env.bool("DEBUG", default=True)

# The demo logins stay one-step; set REQUIRE_TWO_FACTOR=1 to try the second
# factor locally. Production and the test suite require it.
REQUIRE_TWO_FACTOR = env.bool("REQUIRE_TWO_FACTOR", default=False)

# Links in e-mail point at the server `make run` started: PORT=8301 make run
# gives http://127.0.0.1:8301 unless SITE_URL (environment or .env) says
# otherwise.
SITE_URL = env("SITE_URL", default=f"http://127.0.0.1:{env('PORT', default='8000')}").rstrip("/")
