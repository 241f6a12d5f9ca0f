"""`make run`: SQLite and the filesystem broker unless the environment says otherwise."""

from .base import *
from .base import env

DEBUG = env.bool("DEBUG", default=True)

# The demo logins stay one-step; set REQUIRE_TWO_FACTOR=1 to try the second
# factor locally. Production and the test suite require it.
REQUIRE_TWO_FACTOR = env.bool("REQUIRE_TWO_FACTOR", default=False)
