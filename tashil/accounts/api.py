from rest_framework import serializers

from tashil.core.api.serializers import TashilModelSerializer
from tashil.core.api.viewsets import TashilReadOnlyViewSet

from . import filtersets
from .models import Membership, User


class MembershipSerializer(TashilModelSerializer):
    class Meta:
        model = Membership
        fields = ("id", "role", "level", "province", "county", "agency", "is_active")


class UserSerializer(TashilModelSerializer):
    memberships = MembershipSerializer(many=True, read_only=True)
    full_name = serializers.CharField(source="get_full_name", read_only=True)

    class Meta:
        model = User
        fields = (
            "id",
            "url",
            "username",
            "full_name",
            "email",
            "mobile",
            "national_code",
            "position",
            "is_active",
            "memberships",
        )


class UserViewSet(TashilReadOnlyViewSet):
    """Users in your scope (read-only: accounts are managed on the pages)."""

    queryset = User.objects.prefetch_related("memberships")
    serializer_class = UserSerializer
    filterset_class = filtersets.UserFilterSet


ROUTES = [("accounts/users", UserViewSet, "user")]
