"""Imports every app's world builder so the world holds each capability's objects (in dependency order)."""

from importlib import import_module

BUILDER_MODULES = (
    "tashil.units.tests.world",
    "tashil.notifications.tests.world",
    "tashil.accounts.tests.world",
    "tashil.obstacles.tests.world",
    "tashil.meetings.tests.world",
    "tashil.letters.tests.world",
    "tashil.clinic.tests.world",
    "tashil.impact.tests.world",
    "tashil.catalog.tests.world",
    "tashil.workshops.tests.world",
)

for module in BUILDER_MODULES:
    import_module(module)
