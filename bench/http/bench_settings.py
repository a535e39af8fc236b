"""Settings for the HTTP benchmark: the project's settings plus two baseline views and the
people in Django's own admin (bench_urls). Nothing here is used by the app itself."""

from werkbezoek.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
