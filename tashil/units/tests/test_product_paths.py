"""A product renamed or deleted, through its page, the API or the Django admin (and the unit admin's inline), is
one units event (``services.save_product`` / ``delete_product``): the public directory finds the unit under the
product's new name and no longer under the old one or a deleted product's, and so does the registry's search.
Each way in is walked as a person does (the page's own links and forms, the admin's own form)."""

import pytest
from django.test import Client
from django.urls import reverse

from tashil.core.persian import search_key
from tashil.core.testing.pages import form, link
from tashil.site.testing.factories import UserFactory
from tashil.units.models import IndustrialUnit, Product

OLD = "محصول آزمایشی الف"
NEW = "شیر خشک نوزاد"


def directory_finds(name):
    """The units the public directory's search for ``name`` lists, as a visitor sees them."""
    return [unit.name for unit in Client().get("/directory/units/", {"q": name}).context["page"].object_list]


def registry_finds(unit, name):
    return search_key(name) in IndustrialUnit.objects.get(pk=unit.pk).search_text


@pytest.fixture
def superuser_client(world):
    """The Django admin, signed in as a superuser (the site's own «مدیر سامانه» role has no admin access)."""
    client = Client()
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def rename_by_page(world, client_as, api_as, superuser_client, product):
    client = client_as("unit_rep")
    edit = client.get(link(client.get(product.get_absolute_url()), testid="edit-button"))
    assert form(edit).submit(client, name=NEW).status_code == 302


def rename_by_api(world, client_as, api_as, superuser_client, product):
    url = reverse("api:product-detail", kwargs={"pk": product.pk})
    assert api_as("unit_rep").patch(url, {"name": NEW}, format="json").status_code == 200


def rename_by_admin(world, client_as, api_as, superuser_client, product):
    change = superuser_client.get(reverse("admin:units_product_change", args=[product.pk]))
    assert form(change, form_id="product_form").submit(superuser_client, name=NEW).status_code == 302


def delete_by_page(world, client_as, api_as, superuser_client, product):
    client = client_as("unit_rep")
    confirm = client.get(link(client.get(product.get_absolute_url()), href_contains="/delete/"))
    assert form(confirm, button_testid="confirm-delete").submit(client).status_code == 302


def delete_by_api(world, client_as, api_as, superuser_client, product):
    url = reverse("api:product-detail", kwargs={"pk": product.pk})
    assert api_as("unit_rep").delete(url).status_code == 204


def delete_by_admin(world, client_as, api_as, superuser_client, product):
    """The change list's «delete selected» action (the admin's ``delete_queryset``)."""
    listing = reverse("admin:units_product_changelist")
    data = {"action": "delete_selected", "_selected_action": [product.pk]}
    confirm = superuser_client.post(listing, data)
    assert confirm.status_code == 200
    assert superuser_client.post(listing, {**data, "post": "yes"}).status_code == 302


@pytest.mark.parametrize("rename", [rename_by_page, rename_by_api, rename_by_admin], ids=["page", "api", "admin"])
def test_a_renamed_product_finds_its_unit_under_the_new_name(world, client_as, api_as, superuser_client, rename):
    product = world.product_a
    assert world.unit_a.name in directory_finds(OLD)
    assert world.unit_a.name not in directory_finds(NEW)
    rename(world, client_as, api_as, superuser_client, product)
    product.refresh_from_db()
    assert product.name == NEW
    assert world.unit_a.name in directory_finds(NEW)
    assert world.unit_a.name not in directory_finds(OLD)
    assert registry_finds(world.unit_a, NEW) and not registry_finds(world.unit_a, OLD)


@pytest.mark.parametrize("delete", [delete_by_page, delete_by_api, delete_by_admin], ids=["page", "api", "admin"])
def test_a_deleted_product_no_longer_finds_its_unit(world, client_as, api_as, superuser_client, delete):
    assert world.unit_a.name in directory_finds(OLD)
    delete(world, client_as, api_as, superuser_client, world.product_a)
    assert not Product.objects.filter(pk=world.product_a.pk).exists()
    assert world.unit_a.name not in directory_finds(OLD)
    assert not registry_finds(world.unit_a, OLD)


def test_the_unit_admin_s_inline_adds_and_deletes_through_the_events(world, superuser_client):
    """The unit's admin page lists its products in an inline: one added and one ticked for deletion on the same
    save are found, and no longer found, in the directory."""
    change = superuser_client.get(reverse("admin:units_industrialunit_change", args=[world.unit_a.pk]))
    page = form(change, form_id="industrialunit_form")
    prefix = "products"
    existing = int(page.values[f"{prefix}-INITIAL_FORMS"][0])
    page.fill(**{f"{prefix}-0-DELETE": "on", f"{prefix}-TOTAL_FORMS": existing + 1})
    page.values[f"{prefix}-{existing}-unit"] = [str(world.unit_a.pk)]
    page.values[f"{prefix}-{existing}-name"] = [NEW]
    page.values[f"{prefix}-{existing}-capacity_unit"] = ["ton"]
    page.values[f"{prefix}-{existing}-is_public"] = ["on"]
    response = page.submit(superuser_client)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(world.unit_a.products.values_list("name", flat=True)) == [NEW]
    assert world.unit_a.name in directory_finds(NEW)
    assert world.unit_a.name not in directory_finds(OLD)
