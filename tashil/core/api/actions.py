"""The API side of a workflow action declared once (``core.actions.Action``): a DRF ``@action`` that reads
the action's body with its serializer and calls the same ``perform`` as the page.

    class ObstacleViewSet(TashilModelViewSet):
        refer = api_action(actions.REFER, status_code=201, response=referrals_response)

The role action the caller needs is the declaration's (``ScopedActionPermission`` reads it from the
view), the object comes through the scoped queryset (404 out of sight), and a refusal of the service is a
400 with its Persian message, as on the page.
"""

import re

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action as drf_action
from rest_framework.response import Response

from .exceptions import run


def api_action(
    declared,
    *,
    name=None,
    url_path=None,
    url_name=None,
    response=None,
    response_schema=None,
    status_code=status.HTTP_200_OK,
):
    """A detail ``@action`` (POST) for ``declared``, at ``<object>/<name>/``. ``name``: the attribute it is
    assigned to when that is not the action's name (``object_ = api_action(OBJECT, name="object_")``);
    ``url_name``: the route's name (``api:<basename>-<url_name>``) when it is not ``url_path``, kept as an older
    route named it.
    ``response(view, obj, result)`` builds the answer; by default the object as the view serializes it, read
    again after the change."""

    def handler(self, request, pk=None):
        obj = self.get_object()
        data = {}
        if declared.serializer_class is not None:
            payload = declared.serializer_class(data=request.data, context={"request": request, "object": obj})
            payload.is_valid(raise_exception=True)
            data = payload.validated_data
        result = run(lambda: declared.perform(obj, request.user, data))
        if response is not None:
            return response(self, obj, result)
        fresh = self.get_queryset().filter(pk=obj.pk).first() or obj
        return Response(self.get_serializer(fresh).data, status=status_code)

    handler.__name__ = name or declared.name
    # The page's title without the object's name: «ارجاع «%(object)s»» documents the action as «ارجاع».
    handler.__doc__ = re.sub(r"«?%\(object\)s»?", "", str(declared.title)).strip(" :") or declared.name
    schema = extend_schema(request=declared.serializer_class, responses=response_schema)
    return drf_action(
        detail=True,
        methods=["post"],
        url_path=url_path or declared.name.replace("_", "-"),
        url_name=url_name or url_path or declared.name.replace("_", "-"),
        workflow_permission=declared.required_permission,
    )(schema(handler))
