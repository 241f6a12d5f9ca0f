"""`make run`: SQLite and the filesystem broker unless the environment says otherwise."""

from .base import *
from .base import env

DEBUG = env.bool("DEBUG", default=True)
