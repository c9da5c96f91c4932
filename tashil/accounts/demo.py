"""Demo: a user for every role, in Pakdasht, Tehran province and the nation. All names are fictional."""

from tashil.core.choices import Role, ScopeLevel
from tashil.core.demo import DEMO_PASSWORD

from .models import Membership, User

# username, first name, last name, position, role, level, agency key (for officers)
USERS = (
    ("admin", "سامانه", "مدیر", "مدیر سامانه تسهیل", Role.ADMIN, ScopeLevel.NATION, None),
    ("dabir.pakdasht", "مریم", "رضایی", "دبیر ستاد تسهیل شهرستان پاکدشت", Role.SECRETARIAT, ScopeLevel.COUNTY, None),
    ("modir.pakdasht", "حسن", "عباسی", "معاون اقتصادی فرمانداری پاکدشت", Role.MANAGER, ScopeLevel.COUNTY, None),
    ("dabir.tehran", "نرگس", "مرادی", "دبیر ستاد تسهیل استان تهران", Role.SECRETARIAT, ScopeLevel.PROVINCE, None),
    (
        "modir.tehran",
        "رضا",
        "کاظمی",
        "معاون هماهنگی امور اقتصادی استانداری تهران",
        Role.MANAGER,
        ScopeLevel.PROVINCE,
        None,
    ),
    ("modir.keshvar", "سعید", "فرهادی", "دبیرخانه ستاد ملی تسهیل", Role.MANAGER, ScopeLevel.NATION, None),
    ("maliat.pakdasht", "علیرضا", "نوروزی", "رئیس اداره امور مالیاتی پاکدشت", Role.AGENCY_OFFICER, None, "tax"),
    (
        "tamin.pakdasht",
        "فاطمه",
        "کرمانی",
        "معاون شعبه تأمین اجتماعی پاکدشت",
        Role.AGENCY_OFFICER,
        None,
        "social_security",
    ),
    ("barq.pakdasht", "حمید", "صالحی", "مدیر امور مشترکین برق پاکدشت", Role.AGENCY_OFFICER, None, "electricity"),
    ("clinic.pakdasht", "لیلا", "احمدی", "کارشناس کلینیک صنعت", Role.CLINIC_EXPERT, ScopeLevel.COUNTY, None),
)


# Demo mobiles (fictional, 0912000xxxx), so that signing in by a code works under `make run` (var/sms.log).
DEMO_MOBILES = {username: f"0912000{index:04d}" for index, (username, *_rest) in enumerate(USERS, start=1)}


def ensure_user(username, first_name, last_name, position, mobile=""):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "position": position,
            "mobile": mobile or DEMO_MOBILES.get(username, ""),
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def ensure_membership(user, role, level=None, county=None, province=None, agency=None, **extra):
    if role == Role.UNIT_REP:
        level = ScopeLevel.COUNTY
    """The user's membership for this role, created once (a re-run changes nothing)."""
    membership = Membership.objects.filter(user=user, role=role, is_active=True).first()
    if membership is None:
        membership = Membership(user=user, role=role, level=level or ScopeLevel.NATION, agency=agency, **extra)
        if level == ScopeLevel.COUNTY:
            membership.county = county
        elif level == ScopeLevel.PROVINCE:
            membership.province = province
        membership.full_clean()
        membership.save()
    return membership


def load(context):
    county = context.county
    for username, first, last, position, role, level, agency_key in USERS:
        user = ensure_user(username, first, last, position)
        agency = context.agencies.get(agency_key) if agency_key else None
        membership = ensure_membership(user, role, level=level, county=county, province=county.province, agency=agency)
        context.users[username] = user
        context.logins.append((username, f"{position} ({membership.get_role_display()})"))
