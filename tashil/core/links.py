"""Object URLs for lists of objects: ``reverse(viewname, kwargs={"pk": pk})``, the pattern reversed once.

A list page links every row to its object, and often to a second one (a resolution and its meeting): fifty
``reverse()`` calls of 25 µs each, every one matching the same pattern again. The URL of an object is its
view's URL with the key put in, so the pattern is reversed once per view name, script prefix and URLconf,
and the key joined in after."""

from django.urls import get_script_prefix, get_urlconf, reverse

# A key no URL pattern holds in its fixed text: where it shows, the key goes.
_MARK = "7319864250"
_PATTERNS = {}


def object_url(viewname, pk):
    """The URL of the object ``pk`` at ``viewname`` (a URL pattern with one argument, pk)."""
    if type(pk) is not int:
        return reverse(viewname, kwargs={"pk": pk})
    key = (viewname, get_script_prefix(), get_urlconf())
    parts = _PATTERNS.get(key)
    if parts is None:
        parts = reverse(viewname, kwargs={"pk": int(_MARK)}).split(_MARK)
        _PATTERNS[key] = parts = parts if len(parts) == 2 else ()
    if not parts:
        return reverse(viewname, kwargs={"pk": pk})
    return f"{parts[0]}{pk}{parts[1]}"
