"""Demo: the agencies that sit on Pakdasht's facilitation working group."""

from tashil.core.choices import ScopeLevel

from .choices import AgencyType
from .models import Agency, AgencyContact

COUNTY_AGENCIES = (
    ("samt", AgencyType.SAMT, "اداره صنعت، معدن و تجارت شهرستان پاکدشت", "021-36021100"),
    ("tax", AgencyType.TAX, "اداره امور مالیاتی شهرستان پاکدشت", "021-36023300"),
    ("social_security", AgencyType.SOCIAL_SECURITY, "شعبه تأمین اجتماعی پاکدشت", "021-36025500"),
    ("electricity", AgencyType.ELECTRICITY, "اداره برق شهرستان پاکدشت", "021-36027700"),
    ("gas", AgencyType.GAS, "اداره گاز شهرستان پاکدشت", "021-36028800"),
    ("water", AgencyType.WATER, "اداره آب و فاضلاب شهرستان پاکدشت", "021-36029900"),
    ("environment", AgencyType.ENVIRONMENT, "اداره حفاظت محیط زیست شهرستان پاکدشت", "021-36031100"),
    ("labour", AgencyType.LABOUR, "اداره تعاون، کار و رفاه اجتماعی شهرستان پاکدشت", "021-36032200"),
    ("judiciary", AgencyType.JUDICIARY, "دادگستری شهرستان پاکدشت", "021-36033300"),
    ("municipality", AgencyType.MUNICIPALITY, "شهرداری پاکدشت", "021-36034400"),
    ("governorate", AgencyType.GOVERNORATE, "فرمانداری شهرستان پاکدشت", "021-36035500"),
    ("standards", AgencyType.STANDARDS, "اداره استاندارد شهرستان پاکدشت", "021-36036600"),
    ("bank_melli", AgencyType.BANK, "بانک ملی، شعبه مرکزی پاکدشت", "021-36037700"),
    ("bank_saderat", AgencyType.BANK, "بانک صادرات، شعبه پاکدشت", "021-36038800"),
    ("bank_sanat", AgencyType.BANK, "بانک صنعت و معدن، شعبه پاکدشت", "021-36039900"),
)

CONTACTS = {
    "tax": ("علیرضا نوروزی", "رئیس اداره"),
    "social_security": ("فاطمه کرمانی", "معاون شعبه"),
    "electricity": ("حمید صالحی", "مدیر امور مشترکین"),
    "samt": ("مهدی توکلی", "رئیس اداره صمت"),
}


def load(context):
    county = context.county
    for key, kind, name, phone in COUNTY_AGENCIES:
        parent = Agency.objects.filter(level=ScopeLevel.PROVINCE, province=county.province, type=kind).first()
        agency, _created = Agency.objects.get_or_create(
            level=ScopeLevel.COUNTY,
            county=county,
            name=name,
            defaults={"type": kind, "province": county.province, "phone": phone, "parent": parent},
        )
        context.agencies[key] = agency
        if key in CONTACTS:
            person, position = CONTACTS[key]
            AgencyContact.objects.get_or_create(
                agency=agency, name=person, defaults={"position": position, "phone": phone}
            )
