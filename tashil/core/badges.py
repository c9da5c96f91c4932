"""Bootstrap colours for status badges, registered by each app for its own status values."""

COLOURS = {}


def register_colours(mapping):
    COLOURS.update({str(key): value for key, value in mapping.items()})
