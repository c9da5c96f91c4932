"""The public boundary, in one place: which units, products, projects and exhibitions a visitor may see,
how they are searched and ranked, and which fields may leave the building.

Every public page, the sitemap and the public API fetch through these functions; an object outside them
answers 404. Internal fields (obstacles, debts, notes, statistics, status history, national ID...) are
never read here, so they cannot reach a public page.
"""

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.http import Http404

from tashil.core.persian import normalize, search_key
from tashil.units.choices import UnitStatus
from tashil.units.models import IndustrialUnit, Product, Project

from .choices import Moderation, Proximity
from .models import Exhibition, PublicProfile, UnitInput

# Units that no longer exist are not introduced to the public, whatever their profile says.
HIDDEN_STATUSES = (UnitStatus.CLOSED,)

# The unit fields a public page may show, and the profile flag that must be on for each contact.
PUBLIC_UNIT_FIELDS = ("name", "activity", "isic_code", "knowledge_based", "exporter", "nominal_capacity")
CONTACT_FLAGS = {
    "address": "show_address",
    "phone": "show_phone",
    "mobile": "show_mobile",
    "email": "show_email",
    "website": "show_website",
    "manager_name": "show_manager",
}


def published_profiles():
    return PublicProfile.objects.filter(listed=True, moderation=Moderation.PUBLISHED).exclude(
        unit__status__in=HIDDEN_STATUSES
    )


def public_units():
    """Units a visitor may see: listed by the unit, not hidden by the secretariat, not closed."""
    return IndustrialUnit.objects.filter(
        public_profile__listed=True, public_profile__moderation=Moderation.PUBLISHED
    ).exclude(status__in=HIDDEN_STATUSES)


def public_products():
    """Products the unit marked public, of public units."""
    return Product.objects.filter(is_public=True, unit__in=public_units())


# Units that can supply today: an inactive unit, or one still being built, would only waste the buyer's call.
SUPPLYING_STATUSES = (UnitStatus.ACTIVE, UnitStatus.SEMI_ACTIVE)


def supplier_products():
    """Public products of units that are producing: the only ones matching proposes as suppliers."""
    return public_products().filter(unit__status__in=SUPPLYING_STATUSES)


def public_projects():
    """Projects seeking an investor (of a public unit, or of a new investor with no unit yet)."""
    return Project.objects.filter(seeks_investor=True).filter(Q(unit__isnull=True) | Q(unit__in=public_units()))


def public_exhibitions():
    return Exhibition.objects.filter(is_public=True)


def get_public(queryset, **lookup):
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def terms(text):
    """The search keys of each word typed, and of the whole phrase (for ranking)."""
    words = [search_key(word) for word in str(text or "").split()]
    return [w for w in words if w], search_key(text)


def search_units(queryset, text):
    """Units whose public text holds every word typed (in any spelling), ranked: names that start with it,
    then whole-word matches, then words that start with it, then names that hold it, then the rest."""
    words, phrase = terms(text)
    if not words:
        return queryset.annotate(rank=Value(9, output_field=IntegerField()))
    for word in words:
        queryset = queryset.filter(public_profile__search_text__contains=word)
    spaced = normalize(text)
    return queryset.annotate(
        rank=Case(
            When(public_profile__name_key__startswith=phrase, then=Value(0)),
            When(public_profile__words__contains=f" {spaced} ", then=Value(1)),
            When(public_profile__words__contains=f" {spaced}", then=Value(2)),
            When(public_profile__name_key__contains=phrase, then=Value(3)),
            default=Value(4),
            output_field=IntegerField(),
        )
    )


def search_products(queryset, text):
    """Products whose name or code holds every word typed; names that start with the phrase first."""
    words, phrase = terms(text)
    if not words:
        return queryset.annotate(rank=Value(9, output_field=IntegerField()))
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset.annotate(
        rank=Case(
            When(search_text__startswith=phrase, then=Value(0)),
            When(search_text__contains=phrase, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    )


def contacts(unit, profile):
    """The contact fields the unit chose to show, as (field name, label, value)."""
    shown = []
    for field, flag in CONTACT_FLAGS.items():
        value = getattr(unit, field)
        if value and getattr(profile, flag):
            shown.append((field, unit._meta.get_field(field).verbose_name, value))
    return shown


def location(unit, profile):
    if profile.show_location and unit.latitude is not None and unit.longitude is not None:
        return {"lat": float(unit.latitude), "lng": float(unit.longitude)}
    return None


# Complementary matching ---------------------------------------------------------------------------------


def proximity_to(county, path="unit__county"):
    """Same county first, then the same province, then the rest of the nation."""
    return Case(
        When(**{f"{path}_id": county.pk}, then=Value(Proximity.COUNTY)),
        When(**{f"{path}__province_id": county.province_id}, then=Value(Proximity.PROVINCE)),
        default=Value(Proximity.NATION),
        output_field=IntegerField(),
    )


def supplies(prefix, key):
    """A product that makes an input with this ISIC class (``prefix``) or whose name holds the input's name."""
    q = Q()
    if prefix:
        q |= Q(code__startswith=prefix) | Q(isic_class_id=prefix)
    if key:
        q |= Q(search_text__contains=key)
    return q


def producers_of(unit_input):
    """Public products of other units that could supply ``unit_input``, nearest first."""
    q = supplies(unit_input.code_prefix, unit_input.search_text)
    if not q:
        return Product.objects.none()
    return (
        supplier_products()
        .filter(q)
        .exclude(unit_id=unit_input.unit_id)
        .select_related("unit__county__province")
        .annotate(proximity=proximity_to(unit_input.unit.county))
        .order_by("proximity", "unit__name", "name")
    )


def buyers_of(product):
    """Declared inputs of other public units that ``product`` could supply, nearest first."""
    from .models import code_prefix

    prefixes = {prefix for prefix in (code_prefix(product.code), product.isic_class_id) if prefix}
    q = Q(product_key__contains=F("search_text")) & ~Q(search_text="")
    if prefixes:
        q |= Q(code_prefix__in=prefixes)
    return (
        UnitInput.objects.filter(unit__in=public_units())
        .exclude(unit_id=product.unit_id)
        .alias(product_key=Value(product.search_text))
        .filter(q)
        .select_related("unit__county__province")
        .annotate(proximity=proximity_to(product.unit.county))
        .order_by("proximity", "unit__name", "name")
    )
