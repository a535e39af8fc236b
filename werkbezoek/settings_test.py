"""The test suite's settings: the one settings file, read with plain http (test servers
speak no TLS). pytest-django loads settings before any conftest runs, hence this module."""

import os

os.environ.setdefault("WERKBEZOEK_HTTPS", "0")
os.environ.setdefault("WERKBEZOEK_LOG_LEVEL", "WARNING")

from werkbezoek.settings import *  # noqa: E402, F403
