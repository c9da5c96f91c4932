"""The demo county: shared context passed from app to app by ``manage.py load_demo``."""

import random
from dataclasses import dataclass, field

DEMO_PASSWORD = "Tashil-1405"
DEMO_COUNTY_CODE = 2313  # Pakdasht, Tehran province
DEMO_SEED = 1405


@dataclass
class DemoContext:
    """What one app's demo loader leaves for the next: the county, its users, its agencies..."""

    county: object = None
    users: dict = field(default_factory=dict)
    agencies: dict = field(default_factory=dict)
    zones: list = field(default_factory=list)
    logins: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    rng: random.Random = field(default_factory=lambda: random.Random(DEMO_SEED))
