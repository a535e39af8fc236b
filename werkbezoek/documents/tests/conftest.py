# The visit fixtures (places, people, a visit) are the planner's own.
from werkbezoek.visits.tests.conftest import people, places, visit  # noqa: F401
