# The places and people of the visits' tests: a council, party groups and politicians.
from werkbezoek.visits.tests.conftest import people, places  # noqa: F401
