"""A fictional demo scenario, and bulk volume for load and query-count tests.

Kestrela and Solmara are fictional coastal states under AFRICOM. Everything here is
invented. `seed_demo` loads the scenario (`make run`, `manage.py seed_demo`);
`seed_volume` adds generated partners and initiatives for load tests.
"""

from demo.scenario.loader import seed_demo
from demo.scenario.people import DEMO_USERS, DemoUser
from demo.scenario.volume import LOAD_PREFIX, seed_volume

__all__ = ["DEMO_USERS", "LOAD_PREFIX", "DemoUser", "seed_demo", "seed_volume"]
