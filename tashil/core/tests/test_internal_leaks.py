"""Nothing internal reaches a role that may not read it, in any rendering.

A value is planted in every internal field (``internal_fields``) and every internal child (``internal_flag``)
of every model, and in a referral of the obstacle to another agency (its note and its answer). Then every
page of the permission matrix that a unit's representative or an agency officer opens, each tab of it, its
CSV export, and every API list (every page) and object they open are searched for those values: the
representative must find none of the internal ones, the officer none of the other agency's.
"""

from django.apps import apps
from django.core.files.base import ContentFile
from django.urls import reverse

from tashil.core.changelog import acting_as
from tashil.core.persian import to_persian_digits
from tashil.core.testing.matrix import OK
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.choices import ReferralStatus
from tashil.obstacles.models import Attachment

from .test_permission_matrix import ROUTES


def plant_unit_notes(world):
    """Two saves, so the history holds the value both before and after."""
    with acting_as(user=world.users["secretariat"], source="web"):
        for text in ("یادداشت‌داخلی‌کاشته‌نخست", "یادداشت‌داخلی‌کاشته‌دوم"):
            world.unit_a.notes = text
            world.unit_a.save()
    return ["یادداشت‌داخلی‌کاشته‌نخست", "یادداشت‌داخلی‌کاشته‌دوم"]


def plant_internal_attachment(world):
    with acting_as(user=world.users["secretariat"], source="web"):
        Attachment.objects.create(
            obstacle=world.obstacle_a,
            file=ContentFile(b"%PDF-1.4 test", name="x.pdf"),
            name="پیوست‌داخلی‌کاشته.pdf",
            size=13,
            content_type="application/pdf",
            internal=True,
        )
    return ["پیوست‌داخلی‌کاشته"]


def plant_internal_comment(world):
    obstacle_services.comment(world.obstacle_a, "نظر‌داخلی‌کاشته", user=world.users["secretariat"], internal=True)
    return ["نظر‌داخلی‌کاشته"]


# What each model declares internal, planted on county A's objects that unit A's representative can open.
INTERNAL_PLANTERS = {
    "units.industrialunit": plant_unit_notes,
    "obstacles.attachment": plant_internal_attachment,
    "obstacles.obstacleevent": plant_internal_comment,
}


def plant_foreign_referral(world):
    """Obstacle A also referred to agency A2 (no officer of agency A's sees it), answered by A2."""
    secretariat = world.users["secretariat"]
    with acting_as(user=secretariat, source="web"):
        referral = obstacle_services.refer(
            world.obstacle_a, [world.agency_a2], user=secretariat, note="توضیح‌ارجاع‌بیگانه‌کاشته"
        )[0]
        obstacle_services.answer(referral, ReferralStatus.REJECTED, "پاسخ‌دستگاه‌بیگانه‌کاشته", user=secretariat)
    return ["توضیح‌ارجاع‌بیگانه‌کاشته", "پاسخ‌دستگاه‌بیگانه‌کاشته"]


def test_every_model_with_something_internal_has_a_planted_value():
    declared = {
        model._meta.label_lower
        for model in apps.get_models()
        if getattr(model, "internal_fields", ()) or getattr(model, "internal_flag", None)
    }
    assert declared == set(INTERNAL_PLANTERS), "plant a value for each model that declares something internal"


def body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", errors="ignore")


def renderings(client, url):
    """(where, text) of a URL and of what it opens: each tab, its CSV export, each page of an API list."""
    response = client.get(url)
    if response.status_code != OK:
        return
    yield url, body(response)
    context = response.context or {}
    for tab in context.get("tabs") or ():
        tab_url = f"{url}{'&' if '?' in url else '?'}tab={tab.name}"
        yield tab_url, body(client.get(tab_url))
    if context.get("can_export"):
        yield f"{url} (CSV)", body(client.get(url, {"export": "csv"}))
    if url.startswith("/api/") and response.get("Content-Type", "").startswith("application/json"):
        data = response.json()
        while isinstance(data, dict) and data.get("next"):
            page = client.get(data["next"])
            yield data["next"], body(page)
            data = page.json()


def leaks(world, client_as, role, planted):
    client = client_as(role)
    found = []
    for route in ROUTES:
        if route.method != "get" or route.expect.get(role) != OK:
            continue
        url = reverse(route.name, kwargs=route.url_kwargs(world) or None) + route.query
        for where, text in renderings(client, url):
            found.extend(f"{where}: {value}" for value in planted if value in text)
    return found


def test_no_internal_value_reaches_the_units_representative(world, client_as):
    planted = [value for planter in INTERNAL_PLANTERS.values() for value in planter(world)]
    # The values are there to be found: the secretariat reads them.
    assert set(leaks(world, client_as, "secretariat", planted)) >= {
        f"{reverse('units:industrialunit', kwargs={'pk': world.unit_a.pk})}?tab=history: {value}"
        for value in planted[:2]
    }
    found = leaks(world, client_as, "unit_rep", planted)
    assert not found, "internal values shown to the unit's representative:\n" + "\n".join(found)


def test_no_other_agencys_referral_reaches_an_officer(world, client_as):
    planted = plant_foreign_referral(world)
    obstacle = reverse("obstacles:obstacle", kwargs={"pk": world.obstacle_a.pk})
    assert any(hit.startswith(f"{obstacle}?tab=timeline") for hit in leaks(world, client_as, "secretariat", planted))
    found = leaks(world, client_as, "agency_officer", planted)
    assert not found, "another agency's referral shown to an officer:\n" + "\n".join(found)


# Unit A's numbers at each agency, saved twice so its history holds each value before and after: the tax office's
# officer may read the economic code and the postal code, none of the others.
OTHER_AGENCIES_NUMBERS = {
    "workshop_code": ("7391827465", "7391827466"),
    "production_id": ("73918274650000000001", "73918274650000000002"),
    "electricity_subscription": ("739182746512341", "739182746512342"),
    "gas_subscription": ("739182746554321", "739182746554322"),
    "water_subscription": ("739182746599991", "739182746599992"),
}
TAX_OFFICES_NUMBERS = {"economic_code": ("411114111111", "411114111112")}


def plant_identifiers(world, numbers):
    with acting_as(user=world.users["secretariat"], source="web"):
        for index in (0, 1):
            for name, values in numbers.items():
                setattr(world.unit_a, name, values[index])
            world.unit_a.save()
    return [form for values in numbers.values() for value in values for form in (value, to_persian_digits(value))]


def test_no_other_agencys_number_for_a_unit_reaches_an_officer(world, client_as):
    """Every page, tab, CSV export and API list or object the tax office's officer opens: the unit's economic code
    (his office's) is there, the social-security workshop code, the production ID and the subscriptions are not."""
    others = plant_identifiers(world, OTHER_AGENCIES_NUMBERS)
    own = plant_identifiers(world, TAX_OFFICES_NUMBERS)
    # Each value is there to be found, in Latin or Persian digits: the secretariat reads them all, the officer his.
    for role, planted in (("secretariat", others), ("agency_officer", own)):
        seen = {to_persian_digits(hit.rsplit(": ", 1)[1]) for hit in leaks(world, client_as, role, planted)}
        assert seen == {to_persian_digits(value) for value in planted}, role
    found = leaks(world, client_as, "agency_officer", others)
    assert not found, "another agency's number for the unit shown to an officer:\n" + "\n".join(found)
