"""The same sheet imported with django-import-export: what a team would write without Tashil's importer.

A ModelResource over IndustrialUnit with the sheet's Persian headers, the county looked up by name, the
status and yes/no columns mapped to the model's values, and the row identity by national ID. Dates are
left out: the sheet's are Jalali, which import-export cannot read without code of one's own.

    python bench/import_export_units.py PATH      (prints one JSON line last)
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

import tablib  # noqa: E402
from import_export import fields, resources, widgets  # noqa: E402

from tashil.geo.models import County  # noqa: E402
from tashil.units.models import IndustrialUnit  # noqa: E402

STATUS = {"فعال": "active", "نیمه‌فعال": "semi_active", "نیمه فعال": "semi_active", "غیرفعال": "inactive"}
STATUS["در حال احداث"] = "under_construction"


class StatusWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return STATUS.get(str(value or "").strip(), "active")


class YesNoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return str(value or "").strip() == "بله"


class UnitResource(resources.ModelResource):
    name = fields.Field(attribute="name", column_name="نام واحد")
    national_id = fields.Field(attribute="national_id", column_name="شناسه ملی")
    licence_number = fields.Field(attribute="licence_number", column_name="شماره پروانه بهره‌برداری")
    county = fields.Field(
        attribute="county", column_name="شهرستان", widget=widgets.ForeignKeyWidget(County, field="name")
    )
    isic_code = fields.Field(attribute="isic_code", column_name="کد آیسیک")
    activity = fields.Field(attribute="activity", column_name="فعالیت")
    status = fields.Field(attribute="status", column_name="وضعیت", widget=StatusWidget())
    employees = fields.Field(attribute="employees", column_name="تعداد کارکنان", widget=widgets.IntegerWidget())
    utilisation = fields.Field(
        attribute="utilisation", column_name="درصد بهره‌برداری از ظرفیت", widget=widgets.IntegerWidget()
    )
    knowledge_based = fields.Field(attribute="knowledge_based", column_name="دانش‌بنیان", widget=YesNoWidget())
    manager_name = fields.Field(attribute="manager_name", column_name="مدیرعامل")
    mobile = fields.Field(attribute="mobile", column_name="موبایل")
    address = fields.Field(attribute="address", column_name="نشانی")

    class Meta:
        model = IndustrialUnit
        import_id_fields = ("national_id",)
        fields = (
            "name",
            "national_id",
            "licence_number",
            "county",
            "isic_code",
            "activity",
            "status",
            "employees",
            "utilisation",
            "knowledge_based",
            "manager_name",
            "mobile",
            "address",
        )
        skip_unchanged = True


started = time.perf_counter()
with open(sys.argv[1], "rb") as handle:
    dataset = tablib.Dataset().load(handle.read(), format="xlsx")
result = UnitResource().import_data(dataset, dry_run=False, raise_errors=False, use_transactions=True)
seconds = time.perf_counter() - started
totals = dict(result.totals)
print(
    json.dumps(
        {
            "seconds": round(seconds, 2),
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "totals": {k: v for k, v in totals.items() if v},
            "row_errors": len(result.row_errors()),
            "invalid_rows": len(result.invalid_rows),
        },
        ensure_ascii=False,
    )
)
