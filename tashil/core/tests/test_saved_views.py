"""Saved views (issue 26 §5): a list's filters saved under a name from the list itself, found in the side menu,
shared with colleagues of the same post and place, and carried by the daily digest (its count, its first rows
and the list's link) of its owner and of each colleague who chooses a shared one for their own digest."""

from django.conf import settings
from django.core import mail
from django.test import Client

from tashil.accounts.models import Membership, User
from tashil.core.models import SavedView
from tashil.core.persian import to_persian_digits
from tashil.core.testing.pages import form, link
from tashil.core.testing.tasks import run_queued_tasks
from tashil.notifications.digest import digest_for
from tashil.notifications.models import Notification, NotificationKind
from tashil.notifications.tasks import daily_jobs
from tashil.obstacles import services as obstacle_services
from tashil.obstacles.models import Obstacle, Referral
from tashil.obstacles.tests.world import make_overdue

LIST = "/registry/units/"
OVERDUE = "/obstacles/referrals/"


def save_from_the_list(client, query, name, path=LIST, **choices):
    listed = client.get(f"{path}?{query}")
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


# ---------------------------------------------------------------- the daily digest: a view of overdue referrals


def colleague_of(world, key, username):
    """A second person holding ``key``'s post in the same place (their secretariat), with an e-mail address."""
    post = world.users[key].memberships.get()
    colleague = User.objects.create_user(username, password="x", email=f"{username}@example.ir")
    Membership.objects.create(
        user=colleague, role=post.role, level=post.level, county=post.county, province=post.province
    )
    client = Client()
    client.force_login(colleague)
    return colleague, client


def overdue_referrals(world, count):
    """``count`` overdue referrals in county A (referral A among them) and one in county B."""
    make_overdue(world.referral_a)
    for n in range(count - 1):
        obstacle = Obstacle.objects.create(unit=world.unit_a, group=world.group_tax, title=f"مانع دیرکرد {n}")
        make_overdue(obstacle_services.refer(obstacle, [world.agency_a], user=world.users["secretariat"])[0])
    make_overdue(world.referral_b)
    return list(Referral.objects.filter(obstacle__county=world.county_a))


def address(obj_or_path):
    path = obj_or_path if isinstance(obj_or_path, str) else obj_or_path.get_absolute_url()
    return settings.TASHIL_SITE_URL.rstrip("/") + path


def digest_mail(user, django_capture_on_commit_callbacks):
    """The daily job's digest for ``user``, as the e-mail the worker sends them."""
    with django_capture_on_commit_callbacks(execute=True):
        daily_jobs.call()
    run_queued_tasks(limit=100)
    sent = [m for m in mail.outbox if m.to == [user.email] and "خلاصه روزانه" in m.subject]
    assert len(sent) == 1, [m.subject for m in mail.outbox]
    return sent[0].body


def test_a_view_of_overdue_referrals_gives_the_digest_its_rows_in_the_readers_scope(
    world, client_as, django_capture_on_commit_callbacks
):
    owner = world.users["secretariat"]
    owner.email = "secretariat@example.ir"
    owner.save()
    overdue = overdue_referrals(world, 7)
    client = client_as("secretariat")
    saved = save_from_the_list(client, "overdue=true", "ارجاع‌های دیرکرد", OVERDUE, in_digest="on")
    listed = client.get(saved["Location"])
    assert listed.context["table"].paginator.count == 7
    first = list(listed.context["table"].data)[:5]
    body = digest_mail(owner, django_capture_on_commit_callbacks)
    assert f"نمای «ارجاع‌های دیرکرد»: {to_persian_digits(7)} مورد" in body
    # The list's first five rows, in its order, each with its address; the other two behind the list's link.
    for referral in first:
        assert f"{referral}: {address(referral)}" in body
    for referral in set(overdue) - set(first):
        assert address(referral) not in body
    assert f"و {to_persian_digits(2)} مورد دیگر؛ همه: {address(saved['Location'])}" in body
    # Another county's overdue referral is not in this secretariat's list, so not in their digest.
    assert str(world.referral_b) not in body and address(world.referral_b) not in body


def test_a_shared_view_reaches_the_colleague_who_chooses_it_for_their_own_digest(
    world, client_as, django_capture_on_commit_callbacks
):
    overdue_referrals(world, 2)
    save_from_the_list(client_as("secretariat"), "overdue=true", "دیرکردها", OVERDUE, shared="on")
    view = SavedView.objects.get(name="دیرکردها")
    colleague, other = colleague_of(world, "secretariat", "hamkar")
    assert "دیرکردها" not in (digest_for(colleague) or ""), "shared is not yet chosen"
    # The colleague chooses it from «همه نماها», on a page that says what the digest will carry.
    views = other.get("/core/saved-views/")
    choose = other.get(link(views, testid="saved-view-digest-on"))
    assert f"تا {to_persian_digits(5)} ردیف نخست" in choose.content.decode()
    assert form(choose).submit(other).status_code == 302
    assert list(view.digest_readers.all()) == [colleague]
    view.refresh_from_db()
    assert not view.in_digest, "the owner's own digest is the owner's choice"
    body = digest_mail(colleague, django_capture_on_commit_callbacks)
    assert f"نمای «دیرکردها»: {to_persian_digits(2)} مورد" in body
    assert address(world.referral_a) in body and address(world.referral_b) not in body
    assert f"فهرست: {address(view.get_absolute_url())}" in body
    # A secretariat of another county neither sees the view nor can put it in their digest.
    assert client_as("secretariat_b").get(f"/core/saved-views/{view.pk}/do/digest_on/").status_code == 404
    # The colleague takes it out again; and once the owner stops sharing it, it leaves their digest by itself.
    views = other.get("/core/saved-views/")
    assert form(other.get(link(views, testid="saved-view-digest-off"))).submit(other).status_code == 302
    assert not view.digest_readers.exists()
    view.digest_readers.add(colleague)
    view.shared = False
    view.save()
    assert "دیرکردها" not in (digest_for(colleague) or "")


def test_the_owner_puts_their_view_in_their_digest_from_the_list_of_views(world, client_as):
    view = world.saved_view
    client = client_as("secretariat")
    views = client.get("/core/saved-views/")
    assert form(client.get(link(views, testid="saved-view-digest-on"))).submit(client).status_code == 302
    view.refresh_from_db()
    assert view.in_digest and not view.digest_readers.exists()
    assert "نمای «نمای آزمایشی»" in digest_for(world.users["secretariat"])
    assert not Notification.objects.filter(kind=NotificationKind.DIGEST).exists(), "the digest is the daily job's"
