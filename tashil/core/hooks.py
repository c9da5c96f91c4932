"""What a higher app does after a lower app's business event, without the lower app importing it.

A lower app keeps one ``Hooks`` per kind of event and calls ``run`` once per event (or once per batch) inside the
event's transaction; a higher app registers its function from its AppConfig.ready(). The reports app, for
one, refreshes the figures of the counties an obstacle, meeting or clinic event changed:

    # obstacles/services.py
    changed_hooks = Hooks()
    after_obstacles_changed = changed_hooks.register
    ...
    changed_hooks.run(Changed([obstacle], {obstacle.county_id}))

    # reports/apps.py
    after_obstacles_changed(counties_changed)
"""

from dataclasses import dataclass, field


@dataclass
class Changed:
    """What one event (or one batch) changed: the rows it wrote, and every county whose figures count them
    (both counties of a row that moved)."""

    rows: list = field(default_factory=list)
    counties: set = field(default_factory=set)

    def __post_init__(self):
        self.counties = {county for county in self.counties if county}

    def __bool__(self):
        return bool(self.rows or self.counties)


class Hooks:
    """The functions registered for one kind of event, called in the order they were registered."""

    def __init__(self):
        self.hooks = []

    def register(self, hook):
        """Register ``hook(changed)`` (from an AppConfig.ready()); registering it again changes nothing."""
        if hook not in self.hooks:
            self.hooks.append(hook)
        return hook

    def run(self, changed):
        """Tell every hook what the event changed (nothing when it changed nothing)."""
        if changed:
            for hook in self.hooks:
                hook(changed)

    def save(self, obj):
        """Save ``obj`` (a row with a ``county``: added or edited through a form, the API or the admin) and tell
        the hooks of its county, and of the county it left when it moved."""
        before = getattr(obj, "_loaded_values", {}).get("county_id")
        obj.save()
        self.run(Changed([obj], {obj.county_id, before}))
        return obj
