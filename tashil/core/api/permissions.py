from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

from tashil.core import scope

METHOD_ACTIONS = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


def required_action(request, view):
    """The role action a request needs: a declared workflow action's (``core.api.actions.api_action``), the
    view's ``action_map_override`` for its other actions, else the method's."""
    declared = getattr(view, "workflow_permission", None) if view.action else None  # GET of a POST action: 405
    return (
        declared
        or getattr(view, "action_map_override", {}).get(view.action)
        or METHOD_ACTIONS.get(request.method, "view")
    )


class ScopedActionPermission(BasePermission):
    """The API applies the same role actions and scope as the pages: 403 for an action a role lacks."""

    def has_permission(self, request, view):
        """A part named into a locked whole (an agenda item given an approved meeting, added or moved) is refused
        with the lock's reason before its body is read, as the pages refuse it."""
        user = request.user
        if not getattr(user, "is_authenticated", False):
            return False
        queryset = getattr(view, "queryset", None)
        if queryset is None:
            return True
        model, action = queryset.model, required_action(request, view)
        if not scope.can(user, model, action):
            return False
        parent = getattr(model, "lock_parent", None)
        if action in ("add", "change") and parent and hasattr(request.data, "get"):
            if reason := scope.whole_locked_reason(model, user, request.data.get(parent)):
                raise PermissionDenied(reason)
        return True

    def has_object_permission(self, request, view, obj):
        """A locked object (approved minutes, a closed obstacle) refuses what its lock refuses (an edit, a delete;
        for approved minutes any action but their declared follow-up) with its reason (403), whoever asks, as the
        pages do."""
        action = required_action(request, view)
        if action == "view":
            return True  # the queryset is already scoped
        if reason := scope.locked_reason(obj, action):
            raise PermissionDenied(reason)
        return scope.reaches(request.user, obj, action)
