from rest_framework.routers import APIRootView as DRFAPIRootView


class APIRootView(DRFAPIRootView):
    """Tashil's REST API. Every list is limited to your scope; see /api/docs/ for the schema."""
