"""The national agencies and every province's general directorates that units' problems go to."""

from django.db import transaction

from tashil.core.choices import ScopeLevel
from tashil.geo.models import Province

from .choices import AgencyType
from .models import Agency

NATIONAL = (
    (AgencyType.SAMT, "وزارت صنعت، معدن و تجارت"),
    (AgencyType.TAX, "سازمان امور مالیاتی کشور"),
    (AgencyType.SOCIAL_SECURITY, "سازمان تأمین اجتماعی"),
    (AgencyType.BANK, "بانک مرکزی جمهوری اسلامی ایران"),
    (AgencyType.ELECTRICITY, "شرکت توانیر"),
    (AgencyType.GAS, "شرکت ملی گاز ایران"),
    (AgencyType.WATER, "شرکت مهندسی آب و فاضلاب کشور"),
    (AgencyType.ENVIRONMENT, "سازمان حفاظت محیط زیست"),
    (AgencyType.LABOUR, "وزارت تعاون، کار و رفاه اجتماعی"),
    (AgencyType.CUSTOMS, "گمرک جمهوری اسلامی ایران"),
    (AgencyType.JUDICIARY, "قوه قضاییه"),
    (AgencyType.INDUSTRIAL_PARKS, "سازمان صنایع کوچک و شهرک‌های صنعتی ایران"),
    (AgencyType.STANDARDS, "سازمان ملی استاندارد ایران"),
    (AgencyType.GOVERNORATE, "وزارت کشور"),
)

PROVINCIAL = (
    (AgencyType.SAMT, "سازمان صنعت، معدن و تجارت استان {p}"),
    (AgencyType.TAX, "اداره کل امور مالیاتی استان {p}"),
    (AgencyType.SOCIAL_SECURITY, "اداره کل تأمین اجتماعی استان {p}"),
    (AgencyType.ELECTRICITY, "شرکت توزیع نیروی برق استان {p}"),
    (AgencyType.GAS, "شرکت گاز استان {p}"),
    (AgencyType.WATER, "شرکت آب و فاضلاب استان {p}"),
    (AgencyType.ENVIRONMENT, "اداره کل حفاظت محیط زیست استان {p}"),
    (AgencyType.LABOUR, "اداره کل تعاون، کار و رفاه اجتماعی استان {p}"),
    (AgencyType.INDUSTRIAL_PARKS, "شرکت شهرک‌های صنعتی استان {p}"),
    (AgencyType.STANDARDS, "اداره کل استاندارد استان {p}"),
    (AgencyType.JUDICIARY, "دادگستری کل استان {p}"),
    (AgencyType.GOVERNORATE, "استانداری {p}"),
)


@transaction.atomic
def load_agencies():
    """Create the agencies that are missing; edits made by administrators are kept. Returns how many exist."""
    national = {}
    for kind, name in NATIONAL:
        agency, _created = Agency.objects.get_or_create(level=ScopeLevel.NATION, name=name, defaults={"type": kind})
        national[kind] = agency
    for province in Province.objects.all():
        for kind, pattern in PROVINCIAL:
            Agency.objects.get_or_create(
                level=ScopeLevel.PROVINCE,
                province=province,
                name=pattern.format(p=province.name),
                defaults={"type": kind, "parent": national.get(kind)},
            )
    return Agency.objects.count()
