"""Saved views (issue 26 §5): a list's filters saved under a name from the list itself, found in the side menu,
shared with colleagues of the same post and place, and counted in the daily digest."""

from django.test import Client

from tashil.accounts.models import Membership, User
from tashil.core.models import SavedView
from tashil.core.testing.pages import form, link
from tashil.notifications.digest import digest_for

LIST = "/registry/units/"


def save_from_the_list(client, query, name, **choices):
    listed = client.get(f"{LIST}?{query}")
    saving = form(client.get(link(listed, testid="save-view")), testid="object-form")
    return saving.submit(client, name=name, **choices)


def test_a_view_saved_from_a_list_reopens_it_with_its_filters_from_the_side_menu(world, client_as):
    client = client_as("secretariat")
    filtered = client.get(f"{LIST}?status=active&page=1")
    expected = [unit.pk for unit in filtered.context["table"].data]
    saved = save_from_the_list(client, "status=active&page=1", "واحدهای فعال")
    assert saved.status_code == 302 and saved["Location"] == f"{LIST}?status=active"
    home = client.get("/")
    opened = client.get(link(home, testid="saved-view-link"))
    assert [unit.pk for unit in opened.context["table"].data] == expected
    assert "واحدهای فعال" in home.content.decode()


def test_a_shared_view_reaches_a_colleague_of_the_same_post_only_and_only_its_owner_changes_it(world, client_as):
    owner = world.users["secretariat"]
    post = owner.memberships.get()
    colleague = User.objects.create_user("hamkar", password="x")
    Membership.objects.create(
        user=colleague, role=post.role, level=post.level, county=post.county, province=post.province
    )
    view = SavedView.objects.create(owner=owner, name="نمای مشترک", path=LIST, query="status=inactive", shared=True)
    mine = SavedView.objects.create(owner=owner, name="نمای شخصی", path=LIST, query="status=active")
    other = Client()
    other.force_login(colleague)
    menu = other.get("/").content.decode()
    assert "نمای مشترک" in menu and "نمای شخصی" not in menu
    assert "نمای مشترک" not in client_as("secretariat_b").get("/").content.decode()
    assert other.get(f"/core/saved-views/{view.pk}/edit/").status_code == 403  # seen, not theirs to change
    assert other.get(f"/core/saved-views/{mine.pk}/delete/").status_code == 404  # not even seen
    assert client_as("secretariat_b").get(f"/core/saved-views/{view.pk}/delete/").status_code == 404
    assert client_as("secretariat").get(f"/core/saved-views/{view.pk}/edit/").status_code == 200


def test_a_view_marked_for_the_digest_adds_its_count_to_the_daily_digest(world, client_as):
    client = client_as("secretariat")
    save_from_the_list(client, "status=active", "فعال‌ها", in_digest="on")
    shown = client.get(f"{LIST}?status=active").context["table"].paginator.count
    assert shown > 0
    digest = digest_for(world.users["secretariat"])
    assert f"نمای «فعال‌ها»: {shown}" in digest.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))


def test_a_path_that_is_no_list_is_refused_in_persian_and_nothing_is_saved(world, client_as):
    client = client_as("secretariat")
    page = client.get("/core/saved-views/add/?path=/accounts/profile/&query=")
    refused = form(page, testid="object-form")
    answer = refused.submit(client, name="نادرست")
    assert answer.status_code == 400
    assert "فهرستی از تسهیل نیست" in answer.content.decode(), answer.context["form"].errors
    assert not SavedView.objects.filter(name="نادرست").exists()
