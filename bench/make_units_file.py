"""Write an XLSX like a provincial capacity-identification sheet: N units spread over every county."""

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HEADER = [
    "نام واحد",
    "شناسه ملی",
    "شماره پروانه بهره‌برداری",
    "تاریخ پروانه",
    "استان",
    "شهرستان",
    "کد آیسیک",
    "فعالیت",
    "وضعیت",
    "تعداد کارکنان",
    "درصد بهره‌برداری از ظرفیت",
    "دانش‌بنیان",
    "مدیرعامل",
    "موبایل",
    "نشانی",
    "تاریخ آخرین بروزرسانی",
]
STATUSES = ("فعال", "فعال", "فعال", "نیمه‌فعال", "نیمه فعال", "غیرفعال", "در حال احداث")


def counties():
    """Province and county names from the same registry the reference data comes from."""
    import csv
    import importlib.resources

    root = importlib.resources.files("iranian_cities") / "data"
    with (root / "province.csv").open(encoding="utf-8") as handle:
        provinces = {row["id"]: row["name"] for row in csv.DictReader(handle)}
    with (root / "county.csv").open(encoding="utf-8") as handle:
        return [(provinces[row["province"]], row["name"]) for row in csv.DictReader(handle)]


def write(path, rows, seed=1):
    from openpyxl import Workbook

    from tashil.core import fakedata
    from tashil.core.persian import to_persian_digits

    rng = random.Random(seed)
    places = counties()
    used = set()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("واحدها")
    sheet.append(HEADER)
    for index in range(rows):
        industry = rng.choice(fakedata.INDUSTRIES)
        province, county = places[index % len(places)]
        national_id = fakedata.national_id(rng, used)
        if index % 3 == 0:
            national_id = to_persian_digits(national_id)
        sheet.append(
            [
                fakedata.unit_name(rng, industry),
                national_id,
                f"{rng.randint(10000, 99999)}-{index}",
                f"{rng.randint(1380, 1403)}/{rng.randint(1, 12)}/{rng.randint(1, 29)}",
                province,
                county,
                industry[1],
                f"تولید {industry[2][0][0]}",
                rng.choice(STATUSES),
                fakedata.employees(rng),
                rng.randint(0, 100),
                rng.choice(("بله", "خیر", "خیر", "خیر")),
                fakedata.person(rng),
                fakedata.mobile(rng),
                f"{county}، خیابان صنعت، پلاک {rng.randint(1, 300)}",
                f"140{rng.randint(2, 4)}-0{rng.randint(1, 9)}-{rng.randint(10, 28)}",
            ]
        )
    book.save(path)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write(args.path, args.rows, args.seed)
