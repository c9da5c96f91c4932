"""The public accountability pages (no sign-in), in the public site under /directory/accountability/: per province
and county, what the headquarters decided and what it saved, as of a lagging day — and the same figures as open
data (CSV, and a DCAT-style JSON description of the dataset). Everything is read through ``public.py``."""

import csv
import io

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tashil.core.choices import ScopeLevel
from tashil.core.display import local_name
from tashil.core.exports import safe_cell
from tashil.geo.models import Province
from tashil.obstacles.choices import ObstacleStatus
from tashil.reports import public

from .views import PublicView

LEVELS = {"provinces": ScopeLevel.PROVINCE, "counties": ScopeLevel.COUNTY}
LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def area_name(area):
    if area.county:
        return _("شهرستان %(name)s") % {"name": local_name(area.county)}
    return _("استان %(name)s") % {"name": local_name(area.province)}


def area_urls(area):
    segment = "counties" if area.county else "provinces"
    pk = (area.county or area.province).pk
    return {
        name: reverse(f"public:accountability{suffix}", kwargs={"level": segment, "pk": pk})
        for name, suffix in (("page", ""), ("csv", "_csv"), ("dataset", "_dataset"))
    }


def state_label(state):
    return _("در دست پیگیری") if state == "following" else ObstacleStatus(state).label


class AccountabilityIndexView(PublicView):
    """The provinces, each with its counties: where a citizen picks the headquarters to read about."""

    def get(self, request):
        provinces = Province.objects.prefetch_related("counties").order_by("name")
        context = {
            "title": _("پاسخگویی ستادها"),
            "provinces": provinces,
            "lag_days": public.lag_days(),
            "as_of": public.as_of(),
            "breadcrumbs": [(_("پاسخگویی ستادها"), None)],
        }
        return self.render("public/accountability_index.html", context)


class AreaMixin:
    def get_area(self):
        level = LEVELS.get(self.kwargs["level"])
        return public.public_area(level, self.kwargs["pk"])


class AccountabilityView(AreaMixin, PublicView):
    """A province's or a county's headquarters: resolutions by agency with their execution, systemic issues,
    impact; as of the lagging day."""

    def get(self, request, level, pk):
        area = self.get_area()
        data = public.accountability(area)
        # Labels are read here, in the visitor's language (the figures are cached for every language).
        issues = [
            {**issue, "state_label": state_label(issue["state"]), "level_label": ScopeLevel(issue["level"]).label}
            for issue in data["issues"]
        ]
        name = area_name(area)
        counties = area.province.counties.order_by("name") if not area.county else ()
        crumbs = [(_("پاسخگویی ستادها"), reverse("public:accountability_index"))]
        if area.county:
            province_url = reverse("public:accountability", kwargs={"level": "provinces", "pk": area.province.pk})
            crumbs.append((area_name(public.public_area(ScopeLevel.PROVINCE, area.province.pk)), province_url))
        crumbs.append((name, None))
        context = {
            **data,
            "issues": issues,
            "title": _("پاسخگویی ستاد تسهیل %(area)s") % {"area": name},
            "area": area,
            "area_name": name,
            "urls": area_urls(area),
            "counties": counties,
            "breadcrumbs": crumbs,
            "description": _("مصوبات، اجرای آن‌ها به تفکیک دستگاه، موضوعات فراگیر و اثر اقدامات ستاد %(area)s")
            % {"area": name},
        }
        return self.render("public/accountability.html", context)


# The open data's columns: machine names first (stable for programs), then what a person reads.
CSV_HEADER = ("area", "as_of", "section", "item", "measure", "value", "label")


def csv_rows(area, data):
    """The page's figures, one per row (tidy data): resolutions per agency and in total, impact, issues."""
    code = f"{area.level}:{(area.county or area.province).pk}"
    day = data["as_of"].isoformat()
    name = area_name(area)
    measures = (
        ("total", _("مصوبات")),
        ("executed", _("اجراشده")),
        ("following", _("در دست پیگیری")),
        ("not_executed", _("اجرانشده")),
        ("rate", _("درصد اجرا")),
        ("impact_jobs", _("اشتغال حفظ یا بازگشته (نفر)")),
        ("impact_rials", _("منابع آزادشده (ریال)")),
    )
    yield CSV_HEADER
    for row in data["agencies"]:
        for key, label in measures:
            yield (code, day, "resolutions_by_agency", row["name"], key, row[key], f"{name} — {label}")
    for key, label in measures[:5]:
        yield (code, day, "resolutions_total", "", key, data["totals"][key], f"{name} — {label}")
    impact_measures = (
        ("jobs_preserved", _("اشتغال حفظ‌شده (نفر)")),
        ("jobs_restored", _("اشتغال بازگشته (نفر)")),
        ("loans_rials", _("تسهیلات پرداخت‌شده (ریال)")),
        ("debts_rials", _("بدهی تسویه یا تقسیط‌شده (ریال)")),
        ("fines_rials", _("جرائم بخشوده‌شده (ریال)")),
        ("jobs", _("اشتغال حفظ یا بازگشته (نفر)")),
        ("rials", _("منابع آزادشده (ریال)")),
        ("records", _("اثرهای ثبت‌شده")),
    )
    for key, label in impact_measures:
        yield (code, day, "impact", "", key, data["impact"][key], f"{name} — {label}")
    for issue in data["issues"]:
        yield (code, day, "systemic_issues", issue["title"], "state", issue["state"], str(state_label(issue["state"])))
        yield (code, day, "systemic_issues", issue["title"], "obstacles", issue["obstacles"], _("موانع پیوسته"))


class AccountabilityCsvView(AreaMixin, PublicView):
    """The open data: the page's figures as CSV (UTF-8 with a BOM, cells safe against formula injection)."""

    def get(self, request, level, pk):
        area = self.get_area()
        data = public.accountability(area)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in csv_rows(area, data):
            writer.writerow([safe_cell("" if value is None else value) for value in row])
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        segment = "county" if area.county else "province"
        response["Content-Disposition"] = (
            f'attachment; filename="tashil-accountability-{segment}-{(area.county or area.province).pk}.csv"'
        )
        return response


class AccountabilityDatasetView(AreaMixin, PublicView):
    """The dataset described in DCAT terms (JSON-LD): title, publisher, spatial and temporal coverage, licence,
    modified, and its distributions (the CSV and the page)."""

    def get(self, request, level, pk):
        area = self.get_area()
        data = public.accountability(area)
        urls = {key: request.build_absolute_uri(url) for key, url in area_urls(area).items()}
        name = area_name(area)
        day = data["as_of"].isoformat()
        description = _(
            "مصوبات ستاد تسهیل و رفع موانع تولید %(area)s به تفکیک دستگاه اجرایی و وضعیت اجرا، موضوعات فراگیر و "
            "اثر اقدامات (اشتغال حفظ یا بازگشته و منابع آزادشده)، تا %(lag)s روز پیش."
        ) % {"area": name, "lag": data["lag_days"]}
        dataset = {
            "@context": {
                "dcat": "http://www.w3.org/ns/dcat#",
                "dct": "http://purl.org/dc/terms/",
                "foaf": "http://xmlns.com/foaf/0.1/",
            },
            "@type": "dcat:Dataset",
            "@id": urls["dataset"],
            "dct:identifier": f"tashil-accountability-{area.level}-{(area.county or area.province).pk}",
            "dct:title": _("پاسخگویی ستاد تسهیل %(area)s") % {"area": name},
            "dct:description": description,
            "dct:publisher": {"@type": "foaf:Organization", "foaf:name": _("ستاد تسهیل و رفع موانع تولید")},
            "dct:spatial": name,
            "dct:temporal": {"@type": "dct:PeriodOfTime", "dcat:endDate": day},
            "dct:modified": day,
            "dct:license": LICENSE,
            "dct:language": get_language(),
            "dcat:keyword": [_("مصوبات"), _("رفع موانع تولید"), _("اشتغال")],
            "dcat:landingPage": urls["page"],
            "dcat:distribution": [
                {
                    "@type": "dcat:Distribution",
                    "dct:title": _("ارقام به صورت CSV"),
                    "dcat:downloadURL": urls["csv"],
                    "dcat:accessURL": urls["csv"],
                    "dcat:mediaType": "text/csv",
                    "dct:format": "CSV",
                    "dct:license": LICENSE,
                    "dct:modified": day,
                },
                {
                    "@type": "dcat:Distribution",
                    "dct:title": _("صفحه پاسخگویی"),
                    "dcat:accessURL": urls["page"],
                    "dcat:mediaType": "text/html",
                    "dct:format": "HTML",
                    "dct:license": LICENSE,
                    "dct:modified": day,
                },
            ],
        }
        return JsonResponse(dataset, json_dumps_params={"ensure_ascii": False, "indent": 2})
