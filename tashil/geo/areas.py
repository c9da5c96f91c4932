"""The area a report is about — the nation, a province or a county — and how it narrows each model.

Every report first restricts each model to the user's scope (core.scope), then to the area. An area the
user may not see answers 404, as any other object out of scope.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from tashil.core import person, scope
from tashil.core.choices import ScopeLevel
from tashil.geo.models import County, Province

# The path from each model to its County, for narrowing to an area.
COUNTY_PATHS = {
    "units.IndustrialUnit": "county",
    "units.UnitStatusChange": "unit__county",
    "obstacles.Obstacle": "county",
    "obstacles.Referral": "obstacle__county",
    "meetings.Resolution": "county",
    "meetings.Meeting": "county",
    "meetings.Attendance": "meeting__county",
    "clinic.ClinicCase": "county",
}


@dataclass(frozen=True)
class Area:
    level: str
    province: Province | None = None
    county: County | None = None

    @property
    def label(self):
        if self.county:
            return _("شهرستان %(county)s") % {"county": self.county.name}
        if self.province:
            return _("استان %(province)s") % {"province": self.province.name}
        return _("کل کشور")

    @property
    def query(self):
        """The query string that selects this area on any report page."""
        if self.county:
            return f"county={self.county.pk}"
        if self.province:
            return f"province={self.province.pk}"
        return ""

    @property
    def child_level(self):
        return {ScopeLevel.NATION: ScopeLevel.PROVINCE, ScopeLevel.PROVINCE: ScopeLevel.COUNTY}.get(self.level)

    def q(self, model):
        """The filter that keeps ``model``'s rows in this area."""
        # A model not listed narrows by its declared path to its county (scope_county_path).
        path = COUNTY_PATHS.get(model._meta.label) or model.scope_county_path
        if self.county:
            return Q(**{f"{path}_id": self.county.pk})
        if self.province:
            return Q(**{f"{path}__province_id": self.province.pk})
        return Q()

    def rows(self, queryset, user, action="view"):
        """``queryset`` in the user's scope and in this area."""
        return scope.restrict(queryset, user, action).filter(self.q(queryset.model))

    def breadcrumbs(self, user):
        """The areas above this one, each with its query, or None where the user may not open it (no link)."""
        nation = default_area(user).level == ScopeLevel.NATION
        crumbs = [(_("کل کشور"), "" if nation else None)]
        if self.province or self.county:
            province = self.province or self.county.province
            crumbs.append((province.name, f"province={province.pk}" if holds_province(user, province) else None))
        if self.county:
            crumbs.append((self.county.name, f"county={self.county.pk}"))
        return crumbs


def holds_province(user, province):
    """Whether the user's scope covers the whole province: a province report needs all of it. Worked out once per
    version of the person (``core.person.remember``): it follows their memberships and the counties' table."""

    def compute():
        counties = scope.counties_in_scope(user)
        return counties.filter(province=province).count() == province.counties.count()

    return person.remember(user, f"holds_province:{province.pk}", compute)


def default_area(user):
    """The widest area the user works in: the nation, their province, or their county. Worked out once per version
    of the person (``core.person.remember``): the home page, the breadcrumbs and the boards ask for it."""
    return person.remember(user, "default_area", lambda: widest_area(user))


def widest_area(user):
    levels = {m.level for m in scope.memberships(user)}
    if user.is_superuser or ScopeLevel.NATION in levels:
        return Area(ScopeLevel.NATION)
    # The counties in scope: one for a county's staff, a province's few dozen at most otherwise.
    counties = list(scope.counties_in_scope(user).order_by().values_list("pk", "province_id"))
    provinces = {province_id for _pk, province_id in counties}
    if len(provinces) != 1:
        return Area(ScopeLevel.NATION)
    (province_id,) = provinces
    single = len(counties) == 1
    # Whether they hold the whole province matters to a province's staff or to someone given several of its
    # counties; a county's staff are shown their county without asking.
    province_counties = County.objects.filter(province_id=province_id)
    whole = (not single or ScopeLevel.PROVINCE in levels) and len(counties) == province_counties.count()
    if whole:
        return Area(ScopeLevel.PROVINCE, province=Province.objects.get(pk=province_id))
    if single:
        return Area(ScopeLevel.COUNTY, county=County.objects.select_related("province").get(pk=counties[0][0]))
    return Area(ScopeLevel.NATION)


def area_from(request):
    """The area a report page asks for (?county= or ?province=), or the user's own; 404 when out of scope."""
    user = request.user
    counties = scope.counties_in_scope(user)
    county_id, province_id = request.GET.get("county"), request.GET.get("province")
    if county_id:
        county = counties.filter(pk=county_id).first() if county_id.isdigit() else None
        if county is None:
            raise Http404
        return Area(ScopeLevel.COUNTY, county=county)
    if province_id:
        province = Province.objects.filter(pk=province_id).first() if province_id.isdigit() else None
        # A province report needs the whole province in scope: a county's staff see their county, not a part
        # of the province dressed up as all of it.
        if province is None or not holds_province(user, province):
            raise Http404
        return Area(ScopeLevel.PROVINCE, province=province)
    return default_area(user)
