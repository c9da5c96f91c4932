from functools import partial

from django.core.paginator import Paginator
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from tashil.core.tables import SEARCH_COUNT_CAP, SearchPaginator


class TashilPagination(PageNumberPagination):
    """Pages of 50 (up to 500 on request). A searched list (``q``) counts its matches only up to
    SEARCH_COUNT_CAP, as the pages do: a common word matches a hundred thousand of the nation's obstacles,
    and counting them all was most of the call's time. ``count`` then stops at the cap and ``count_capped``
    says there are more; the pages run to the cap."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    search_param = "q"
    search_count_cap = SEARCH_COUNT_CAP

    def paginate_queryset(self, queryset, request, view=None):
        searched = bool(str(request.query_params.get(self.search_param, "")).strip())
        self.django_paginator_class = (
            partial(SearchPaginator, counted=queryset, cap=self.search_count_cap) if searched else Paginator
        )
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        paginator = self.page.paginator
        capped = getattr(paginator, "capped", False)
        return Response(
            {
                "count": paginator.cap if capped else paginator.count,
                "count_capped": capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count_capped"] = {
            "type": "boolean",
            "example": False,
            "description": "A search counted up to `count` matches and found more.",
        }
        response["required"] = [*response.get("required", []), "count_capped"]
        return response
