"""Write an XLSX of past obstacles as a province keeps them, for the units and agencies already in the database:
N obstacles (each with a referral to an agency of its unit's province), dates over the past three Jalali years, a mix
of states; Arabic ي/ك and Persian digits in a share of the cells. Run with the benchmark's DATABASE_URL.

    python bench/make_past_file.py PATH --rows 100000
"""

import argparse
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

TITLES = (
    "تأخیر در تمدید تسهیلات سرمایه در گردش",
    "برگ تشخیص مالیات عملکرد",
    "بدهی معوق بیمه تأمین اجتماعی",
    "قطعی برق در ساعات اوج",
    "کمبود مواد اولیه وارداتی",
    "تأخیر در صدور پروانه بهره‌برداری",
    "اختلاف سند زمین با شهرک صنعتی",
    "تخصیص ارز برای واردات ماشین‌آلات",
)
STATES = (
    ("رفع‌شده", "انجام‌شده"),
    ("رفع‌شده", "انجام‌شده"),
    ("ارجاع‌شده", ""),
    ("در دست اقدام", "در دست اقدام"),
    ("رفع‌نشدنی", "ردشده"),
)


def write(path, rows, seed=1):
    import django

    django.setup()
    from openpyxl import Workbook

    from tashil.core.jalali import format_jalali
    from tashil.core.persian import to_persian_digits
    from tashil.obstacles.importer import COLUMNS
    from tashil.obstacles.models import ObstacleGroup
    from tashil.orgs.models import Agency
    from tashil.units.models import IndustrialUnit

    rng = random.Random(seed)
    units = list(IndustrialUnit.objects.exclude(national_id="").values_list("national_id", "county__province_id"))
    groups = list(ObstacleGroup.objects.filter(is_active=True).values_list("code", flat=True))
    agencies = {}
    for name, province in Agency.objects.filter(level="province").values_list("name", "province_id"):
        agencies.setdefault(province, []).append(name)
    import datetime

    today = datetime.date.today()
    header = [COLUMNS[name][0] for name in COLUMNS]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("موانع")
    sheet.append(header)
    for index in range(rows):
        national_id, province = units[index % len(units)]
        reported = today - datetime.timedelta(days=60 + rng.randrange(3 * 365))
        referred = reported + datetime.timedelta(days=rng.randrange(1, 10))
        answered = referred + datetime.timedelta(days=rng.randrange(5, 40))
        state, answer = rng.choice(STATES)
        title = f"{rng.choice(TITLES)} — پرونده {index}"
        if index % 4 == 0:
            title = title.replace("ی", "ي").replace("ک", "ك")
        row = {
            "national_id": to_persian_digits(national_id) if index % 3 == 0 else national_id,
            "group": rng.choice(groups),
            "title": title,
            "description": "شرح مانع از سوابق دبیرخانه",
            "reported_date": format_jalali(reported, persian=index % 2 == 0),
            "severity": str(rng.randrange(1, 5)),
            "status": state,
            "failure_party": "دستگاه اجرایی" if state == "رفع‌نشدنی" else "",
            "agency": rng.choice(agencies[province]),
            "referred_date": format_jalali(referred, persian=False),
            "referral_status": answer,
            "response": "اقدام لازم انجام شد" if answer else "",
            "response_date": format_jalali(answered, persian=False) if answer else "",
            "closed_date": format_jalali(answered, persian=False) if state in ("رفع‌شده", "رفع‌نشدنی") else "",
        }
        sheet.append([row.get(name, "") for name in COLUMNS])
    book.save(path)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    write(args.path, args.rows)
