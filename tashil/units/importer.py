"""Import units from the national capacity-identification spreadsheets (XLSX or CSV).

Every row is validated with the unit form the pages use (``ImportUnitForm`` only swaps the county and zone
choosers for cached lookups, and checks identities itself). A row's identity is its national ID, else its
licence number. Existing units are updated, new ones created; a status change enters the status history
with the reason "import". Every bad row is reported with its row number, column and a Persian message.
By default nothing is written if any row is bad (all-or-nothing); ``partial`` writes the good rows.
Re-importing the same file changes nothing. Rows stream from the file and are written in batches, so a
100,000-row file never sits in memory.
"""

import copy
import datetime
import functools

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import override

from tashil.core import scope
from tashil.core.display import display_value
from tashil.core.importing import ImportResult
from tashil.core.jalali import parse_jalali
from tashil.core.persian import clean_text, fold_digits, search_key, to_persian_digits
from tashil.core.spreadsheets import (  # noqa: F401  (the reader lives in core; its names stay importable here)
    MB,
    Guard,
    ImportFileError,
    ImportLimitError,
    RowError,
    _read_xlsx,
    _trimmed,
    check_archive,
    fewer_collections,
    read_rows,
    read_table,
)
from tashil.core.validators import normalize_identifier, normalize_national_id
from tashil.geo.cache import one_bump_per_county
from tashil.geo.models import County, IndustrialZone

from . import services
from .choices import UnitStatus
from .forms import UnitForm
from .models import IndustrialUnit

BATCH_SIZE = 500
PREVIEW_ROWS = 50

# What a row is told of a registered unit outside the user's scope: that its identity is taken, as the unit
# form and the API say, and nothing of the unit (not its name, county or status).
OUT_OF_SCOPE = {
    "national_id": _lazy("واحدی با همین شناسه ملی ثبت شده است که بیرون از حوزه دسترسی شماست؛ این ردیف ثبت نمی‌شود."),
    "licence_number": _lazy(
        "واحدی با همین شماره پروانه بهره‌برداری ثبت شده است که بیرون از حوزه دسترسی شماست؛ این ردیف ثبت نمی‌شود."
    ),
}

# Each column: the field it fills, its Persian header, and the other spellings accepted (English included).
COLUMNS = {
    "name": ("نام واحد", ("name", "unit name", "نام", "نام شرکت", "نام واحد صنعتی")),
    "national_id": ("شناسه ملی", ("national id", "national_id", "شناسه ملی شرکت")),
    "licence_number": (
        "شماره پروانه بهره‌برداری",
        ("licence number", "license number", "licence_number", "شماره پروانه", "پروانه بهره‌برداری"),
    ),
    "licence_date": ("تاریخ پروانه", ("licence date", "license date", "تاریخ پروانه بهره‌برداری")),
    "province": ("استان", ("province",)),
    "county": ("شهرستان", ("county",)),
    "zone": (
        "شهرک یا ناحیه صنعتی",
        ("zone", "industrial zone", "شهرک صنعتی", "ناحیه صنعتی", "شهرک/ناحیه صنعتی", "محل استقرار"),
    ),
    "isic_class": (
        "کد آیسیک",
        ("isic", "isic code", "isic_code", "isic class", "کد ISIC", "کد فعالیت", "رده آیسیک", "کد رده آیسیک"),
    ),
    "activity": ("فعالیت", ("activity", "شرح فعالیت", "نوع فعالیت")),
    "status": ("وضعیت", ("status", "وضعیت فعالیت", "وضعیت واحد")),
    "employees": ("تعداد کارکنان", ("employees", "اشتغال", "تعداد شاغلین", "تعداد پرسنل")),
    "utilisation": (
        "درصد بهره‌برداری از ظرفیت",
        ("utilisation", "utilization", "capacity utilisation", "درصد بهره برداری", "درصد ظرفیت"),
    ),
    "knowledge_based": ("دانش‌بنیان", ("knowledge based", "knowledge-based", "knowledge_based")),
    "exporter": ("صادرکننده", ("exporter",)),
    "manager_name": ("مدیرعامل", ("manager", "ceo", "manager name", "نام مدیرعامل", "مدیر عامل")),
    "phone": ("تلفن", ("phone", "تلفن ثابت")),
    "mobile": ("موبایل", ("mobile", "تلفن همراه", "همراه")),
    "email": ("رایانامه", ("email", "ایمیل", "پست الکترونیک")),
    "address": ("نشانی", ("address", "آدرس")),
    "postal_code": ("کد پستی", ("postal code", "postcode", "zip", "کدپستی")),
    "economic_code": ("کد اقتصادی", ("economic code", "tax code", "کد اقتصادی شرکت")),
    "workshop_code": ("کد کارگاه", ("workshop code", "کد کارگاه تامین اجتماعی", "کد کارگاهی")),
    "production_id": ("شناسه تولید", ("production id", "شناسه تولید سامانه", "کد بهین یاب", "شناسه بهین یاب")),
    "electricity_subscription": ("شماره اشتراک برق", ("electricity subscription", "اشتراک برق", "شناسه قبض برق")),
    "gas_subscription": ("شماره اشتراک گاز", ("gas subscription", "اشتراک گاز")),
    "water_subscription": ("شماره اشتراک آب", ("water subscription", "اشتراک آب")),
    "latitude": ("عرض جغرافیایی", ("latitude", "lat")),
    "longitude": ("طول جغرافیایی", ("longitude", "lon", "lng", "long")),
    "last_verified": (
        "تاریخ آخرین بروزرسانی",
        ("last verified", "last updated", "تاریخ آخرین به‌روزرسانی", "تاریخ بروزرسانی", "تاریخ به‌روزرسانی"),
    ),
}
# Relations other than the county and zone (which the importer resolves itself), read from a unit by their key.
FOREIGN_KEYS = {"isic_class": "isic_class_id"}
HEADER_KEYS = {}
for _field, (_label, _aliases) in COLUMNS.items():
    for _spelling in (_label, *_aliases):
        HEADER_KEYS[search_key(_spelling)] = _field

STATUS_KEYS = {search_key(label): value for value, label in UnitStatus.choices}
STATUS_KEYS.update({search_key(value): value for value in UnitStatus.values})
STATUS_KEYS.update(
    {
        search_key(spelling): value
        for spelling, value in (
            ("غیر فعال", UnitStatus.INACTIVE),
            ("راکد", UnitStatus.INACTIVE),
            ("نیمه تعطیل", UnitStatus.SEMI_ACTIVE),
            ("در حال ساخت", UnitStatus.UNDER_CONSTRUCTION),
            ("در دست احداث", UnitStatus.UNDER_CONSTRUCTION),
            ("تعطیل", UnitStatus.CLOSED),
            ("active", UnitStatus.ACTIVE),
            ("semi-active", UnitStatus.SEMI_ACTIVE),
            ("inactive", UnitStatus.INACTIVE),
        )
    }
)
# A zone cell saying the unit stands outside every zone (what the campaign's sheets and the unit form write).
OUTSIDE_ZONE_WORDS = {
    search_key(w) for w in ("خارج از شهرک", "خارج از شهرک صنعتی", "خارج از شهرک‌ها و نواحی صنعتی", "outside")
}
TRUE_WORDS = {search_key(w) for w in ("بله", "آری", "دارد", "هست", "yes", "true", "1", "✔", "✓", "x")}
FALSE_WORDS = {search_key(w) for w in ("خیر", "نه", "ندارد", "نیست", "no", "false", "0", "—", "-")}
UPDATABLE = [
    "name",
    "national_id",
    "licence_number",
    "licence_date",
    "isic_class",
    "activity",
    "county",
    "zone",
    "address",
    "latitude",
    "longitude",
    "manager_name",
    "phone",
    "mobile",
    "email",
    "employees",
    "utilisation",
    "knowledge_based",
    "exporter",
    "last_verified",
    "postal_code",
    "economic_code",
    "workshop_code",
    "production_id",
    "electricity_subscription",
    "gas_subscription",
    "water_subscription",
]


# ---------------------------------------------------------------- the form


class CachedChoiceField(forms.Field):
    """A chooser whose value is already an object (resolved by the importer from a cached name lookup)."""

    def __init__(self, *args, **kwargs):
        kwargs.pop("queryset", None)
        kwargs.pop("limit_choices_to", None)
        kwargs.pop("to_field_name", None)
        kwargs.pop("blank", None)
        kwargs.pop("empty_label", None)
        super().__init__(*args, **kwargs)


def plain(form_field):
    """A copy of ``form_field`` for one file's rows, without the help text only a shown form needs (a lazy text,
    translated again for each row's bound field)."""
    twin = copy.deepcopy(form_field)
    twin.help_text = ""
    return twin


class ImportUnitForm(UnitForm):
    """The pages' unit form with county and zone already resolved, and identities checked by the importer.

    Django's public form API only: each row is a new bound form, ``is_valid()`` and ``save(commit=False)``."""

    # The status's values with plain labels: the import form is never shown, and a form copies its fields for
    # every row, lazy labels and all (a tenth of a row's time). The importer has already read the status.
    status = forms.ChoiceField(choices=[(value, value) for value in UnitStatus.values])

    class Meta(UnitForm.Meta):
        field_classes = {**UnitForm.Meta.field_classes, "county": CachedChoiceField, "zone": CachedChoiceField}
        fields = tuple(name for name in UnitForm.Meta.fields if name not in ("notes", "website"))

    # Always in the form: what identifies and places a unit, and its status (a new unit's is set by the import).
    ALWAYS = ("name", "national_id", "licence_number", "county", "zone", "status")
    # The fields of one file's form, built once by ``for_columns`` and handed to the form of every row.
    file_fields = {}

    def __init__(self, *args, **kwargs):
        """Django gives each form a deep copy of its class's ``base_fields``; the class of one file declares none
        (``for_columns``), so nothing is copied, and each row's form takes the file's fields as they are. An import
        form is validated, never shown, and validating a row reads its fields without changing them; a deep copy
        of every field for every row was a third of a row's time."""
        super().__init__(*args, **kwargs)
        self.fields = dict(self.file_fields)
        self.fit_fields()

    @classmethod
    def for_columns(cls, columns):
        """The form for one file: the fields of the columns it has (and ``ALWAYS``), built once per file with
        Django's modelform_factory. A column the file lacks is left as it is: an existing unit keeps its value,
        a new one takes the field's default, as the full form would give it for an empty cell."""
        fields = [name for name in cls._meta.fields if name in cls.ALWAYS or name in columns]
        form_class = forms.modelform_factory(cls._meta.model, form=cls, fields=fields)
        form_class.file_fields = {name: plain(form_field) for name, form_field in form_class.base_fields.items()}
        form_class.base_fields = {}
        form_class.repeated = form_class.repeated_by_form()
        return form_class

    @classmethod
    def repeated_by_form(cls):
        """The model fields whose model-level cleaning (Model.clean_fields) would only repeat what their form
        field has just done: every validator of the model field is also the form field's (the same length,
        range, e-mail or address check), the field has no choices (a choice is checked again), and an empty
        value the model would refuse the form refuses too. The value the form gives is already of the model's
        type. Every other field (a national ID's check digit, a utilisation's range, a status) is still cleaned
        by the model, and the model's own clean() still runs. Given to the unit as ``cleaned_by_form``."""
        repeated = set()
        for name, form_field in cls.file_fields.items():
            try:
                model_field = cls._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            same = all(any(check == own for own in form_field.validators) for check in model_field.validators)
            if same and not model_field.choices and (model_field.blank or form_field.required):
                repeated.add(name)
        return frozenset(repeated)

    def style(self):
        """An import form is never rendered: no widget styling."""

    def add_version_fields(self):
        """A sheet has no version column: the import bumps every version it updates (see services.apply_batch)."""

    def validate_unique(self):
        """Identities are checked once per batch against the database and across the file (Importer.validate_row,
        which says which row or scope holds them), not with a query per row (see also
        IndustrialUnit.checked_in_bulk); the database's unique constraints still guard the write."""


# ---------------------------------------------------------------- the importer


class Importer:
    def __init__(self, user=None, county=None, partial=False, dry_run=False):
        self.user = user
        self.default_county = county
        self.partial = partial
        self.dry_run = dry_run
        self.result = ImportResult()
        self.seen = {}
        self._counties = None
        self._zones = {}

    # -- lookups, loaded once per import

    def counties(self):
        if self._counties is None:
            queryset = County.objects.select_related("province")
            if self.user is not None:
                queryset = scope.counties_in_scope(self.user, IndustrialUnit, "add")
            self._counties = {}
            for county in queryset:
                self._counties.setdefault(search_key(county.name), []).append(county)
        return self._counties

    def zones(self, county):
        if county.pk not in self._zones:
            self._zones[county.pk] = {search_key(z.name): z for z in IndustrialZone.objects.filter(county=county)}
        return self._zones[county.pk]

    # -- the run

    @fewer_collections()
    def run(self, source, name):
        """Read, validate and (unless a dry run, or refused as a whole) write. Returns the ImportResult.

        A dry run (the preview) writes nothing and so opens no transaction: on SQLite a write transaction
        holds the database's one write lock, and every page would wait for the check to end."""
        table = read_table(source, name, HEADER_KEYS, [(("name",), COLUMNS["name"][0])])
        self.mapping, self.result.unknown_columns = table.mapping, table.unknown
        rows = table.rows
        self.form_class = ImportUnitForm.for_columns(set(self.mapping.values()))
        if self.dry_run:
            self.process_rows(rows)
            self.result.written = False
            return self.result
        with transaction.atomic():
            with one_bump_per_county():  # each county's figures refreshed once for the import, not per batch
                self.process_rows(rows)
            refused = bool(self.result.errors) and not self.partial
            if refused:
                transaction.set_rollback(True)
                # Nothing was written: say so in the counts.
                self.result.created = self.result.updated = 0
            self.result.written = not refused
        return self.result

    def process_rows(self, rows):
        batch = []
        for number, cells in rows:
            if not any(c not in (None, "") for c in cells):
                continue
            batch.append((number, cells))
            if len(batch) >= BATCH_SIZE:
                self.process(batch)
                batch = []
        if batch:
            self.process(batch)

    def process(self, batch):
        parsed = []
        for number, cells in batch:
            self.result.rows += 1
            values = {self.mapping[i]: cell for i, cell in enumerate(cells) if i in self.mapping}
            parsed.append((number, values))
        existing = self.existing_units(values for _n, values in parsed)
        creates, updates = [], []
        for number, values in parsed:
            errors_before = len(self.result.errors)
            outcome = self.validate_row(number, values, existing)
            if len(self.result.errors) > errors_before or outcome is None:
                continue
            action, unit, changes, new_status = outcome
            if action == "create":
                creates.append((number, unit))
            elif action == "update":
                updates.append((number, unit, changes, new_status))
            else:
                self.result.unchanged += 1
            self.preview(number, action, unit, new_status, changes)
        if self.dry_run:
            self.result.created += len(creates)
            self.result.updated += len(updates)
        else:
            self.write(creates, updates)

    def existing_units(self, rows):
        national_ids, licences = set(), set()
        for values in rows:
            national_id = normalize_national_id(_text(values.get("national_id")))
            licence = normalize_identifier(_text(values.get("licence_number")))
            if national_id:
                national_ids.add(national_id)
            if licence:
                licences.add(licence)
        found = IndustrialUnit.objects.filter(Q(national_id__in=national_ids) | Q(licence_number__in=licences))
        by_national_id, by_licence = {}, {}
        for unit in found.select_related("county", "zone"):
            if unit.national_id:
                by_national_id[unit.national_id] = unit
            if unit.licence_number:
                by_licence[unit.licence_number] = unit
        return by_national_id, by_licence

    def error(self, number, column, message):
        label = COLUMNS[column][0] if column in COLUMNS else column
        self.result.errors.append(RowError(number, label, message))

    def validate_row(self, number, values, existing):
        """Report every error of the row, not only the first: a row whose identity is refused is still checked
        column by column (as a new unit, so nothing of a registered unit is used), and the person fixes the
        whole row at once. Returns the row's outcome, or None when it was refused."""
        by_national_id, by_licence = existing
        national_id = normalize_national_id(_text(values.get("national_id")))
        licence = normalize_identifier(_text(values.get("licence_number")))
        reported = set()
        if not national_id and not licence:
            self.error(
                number, "national_id", _("ردیف نه شناسه ملی دارد نه شماره پروانه بهره‌برداری؛ یکی از آن دو لازم است.")
            )
            reported.add("national_id")
        # A licence belongs to one unit too: a second row with it is refused in the check as in the import
        # (the check writes nothing, so a later batch could not find the unit an earlier row creates).
        identities = [("national_id", national_id)] if national_id else []
        identities += [("licence_number", licence)] if licence else []
        for identity in identities:
            if identity in self.seen:
                self.error(
                    number,
                    identity[0],
                    _("«%(value)s» در ردیف %(row)s همین فایل هم آمده است.")
                    % {"value": to_persian_digits(identity[1]), "row": to_persian_digits(self.seen[identity])},
                )
                reported.add(identity[0])
        if reported:
            self.validate_values(number, values, None, reported)
            return None
        for identity in identities:
            self.seen[identity] = number
        unit = by_national_id.get(national_id) if national_id else None
        by_licence_unit = by_licence.get(licence) if licence else None
        if unit is None:
            unit = by_licence_unit
            if unit is not None and unit.national_id and national_id and unit.national_id != national_id:
                self.error(
                    number,
                    "licence_number",
                    _("شماره پروانه «%(licence)s» از آنِ واحد دیگری با شناسه ملی دیگر است.") % {"licence": licence},
                )
                reported.add("licence_number")
        elif by_licence_unit is not None and by_licence_unit.pk != unit.pk:
            self.error(
                number,
                "licence_number",
                _("شماره پروانه «%(licence)s» از آنِ واحد دیگری است.") % {"licence": licence},
            )
            reported.add("licence_number")
        if (
            not reported
            and unit is not None
            and self.user is not None
            and not scope.can_object(self.user, unit, "change")
        ):
            # Never the unit's name, county or anything else of it: only what the unit form and the API say
            # of a taken identity (see SECURITY.md, "The unit import").
            column = "national_id" if unit.national_id and unit.national_id == national_id else "licence_number"
            self.error(number, column, OUT_OF_SCOPE[column])
            reported.add(column)
        if reported:
            self.validate_values(number, values, None, reported)
            return None
        return self.validate_values(number, values, unit, reported)

    def validate_values(self, number, values, unit, reported):
        """Check every column of the row; ``reported`` holds the fields already refused (one message each)."""

        def refuse(name, message):
            self.error(number, name, message)
            reported.add(name)

        data = {}
        creating = unit is None
        # A row whose identity was refused may have meant an update, where an empty county cell is no error.
        county = self.resolve_county(number, values, unit, required=not reported)
        if county is None:
            reported.add("county")
        data["county"] = county
        zone_text = _text(values.get("zone")) if "zone" in values else None
        if zone_text is None:
            data["zone"] = unit.zone if unit and county and unit.county_id == county.pk else None
        elif zone_text == "" or search_key(zone_text) in OUTSIDE_ZONE_WORDS:
            data["zone"] = None
        else:
            zone = self.zones(county).get(search_key(zone_text)) if county else None
            if zone is None and county is not None:
                refuse(
                    "zone",
                    _("شهرک یا ناحیه «%(zone)s» در شهرستان %(county)s ثبت نشده است.")
                    % {"zone": zone_text, "county": county},
                )
            data["zone"] = zone
        new_status = None
        if _text(values.get("status")):
            new_status = STATUS_KEYS.get(search_key(values["status"]))
            if new_status is None:
                refuse(
                    "status",
                    _("وضعیت «%(value)s» شناخته نیست؛ یکی از این‌ها را بنویسید: %(choices)s.")
                    % {"value": _text(values["status"]), "choices": "، ".join(str(c[1]) for c in UnitStatus.choices)},
                )
        for name in ("knowledge_based", "exporter"):
            if name in values and _text(values[name]):
                key = search_key(values[name])
                if key not in TRUE_WORDS | FALSE_WORDS:
                    refuse(name, _("«%(value)s» را نمی‌فهمیم؛ «بله» یا «خیر» بنویسید.") % {"value": _text(values[name])})
                data[name] = key in TRUE_WORDS
        for name in ("licence_date", "last_verified"):
            if name in values and values[name] not in (None, ""):
                try:
                    data[name] = _date(values[name])
                except ValidationError as error:
                    refuse(name, error.messages[0])
        form_data = self.form_data(values, data, unit, new_status)
        instance = unit or IndustrialUnit()
        instance.checked_in_bulk = True  # identities per batch and across the file, county and zone from lookups
        instance.cleaned_by_form = self.form_class.repeated
        form = self.form_class(form_data, instance=instance)
        if not form.is_valid():
            for name, messages in form.errors.items():
                if name in reported:
                    continue  # already told, in the importer's own words
                column = name if name in COLUMNS else "name"
                for message in messages:
                    self.error(number, column, message)
            return None
        if reported:
            return None
        instance = form.save(commit=False)
        instance.county, instance.zone = data["county"], data["zone"]
        if creating:
            instance.status = new_status or UnitStatus.ACTIVE
            return "create", instance, None, None
        changes = _changes(unit._loaded_values, instance)
        status_change = new_status if new_status and new_status != unit.status else None
        if not changes and not status_change:
            return "unchanged", unit, None, None
        return "update", instance, changes, status_change

    def resolve_county(self, number, values, unit, required=True):
        county_text = _text(values.get("county"))
        if not county_text:
            if unit is not None:
                return unit.county
            if self.default_county is not None:
                return self.default_county
            if required:
                self.error(number, "county", _("شهرستان واحد نوشته نشده است."))
            return None
        candidates = self.counties().get(search_key(county_text), [])
        province_text = _text(values.get("province"))
        if province_text:
            province_key = search_key(province_text)
            candidates = [c for c in candidates if search_key(c.province.name) == province_key]
        if self.default_county is not None and len(candidates) > 1:
            candidates = [c for c in candidates if c.pk == self.default_county.pk] or candidates
        if not candidates:
            self.error(
                number,
                "county",
                _("شهرستان «%(county)s» شناخته نیست یا بیرون از حوزه دسترسی شماست.") % {"county": county_text},
            )
            return None
        if len(candidates) > 1:
            self.error(
                number,
                "county",
                _("شهرستان «%(county)s» در چند استان هست؛ ستون «استان» را هم پر کنید.") % {"county": county_text},
            )
            return None
        return candidates[0]

    def form_data(self, values, data, unit, new_status):
        """The form's POST data: the file's values, and for an update the unit's own values where cells are empty."""
        form_data = {}
        for name in self.form_class.file_fields:
            if name in ("county", "zone"):
                form_data[name] = data[name]
                continue
            if name in data:
                value = data[name]
                form_data[name] = "on" if value is True else ("" if value is False else value)
                continue
            cell = values.get(name)
            if cell not in (None, ""):
                form_data[name] = _cell_text(cell)
            elif unit is not None:
                # A relation by its key (an ISIC class's code), not the related row: no query per row.
                current = getattr(unit, FOREIGN_KEYS.get(name, name), None)
                if isinstance(current, bool):
                    form_data[name] = "on" if current else ""
                else:
                    form_data[name] = "" if current is None else current
        if unit is None:
            form_data["status"] = new_status or UnitStatus.ACTIVE
        return form_data

    def preview(self, number, action, unit, new_status, changes=None):
        """A row as the preview shows it; an update lists each field it changes, old and new value, so the
        person sees what the file will overwrite before pressing «ثبت»."""
        if len(self.result.preview) < PREVIEW_ROWS:
            changes = [{"label": c["label"], "old": c["old"], "new": c["new"]} for c in changes or ()]
            if action == "update" and new_status:
                with override("fa"):
                    changes.append(
                        {
                            "label": str(IndustrialUnit._meta.get_field("status").verbose_name),
                            "old": str(UnitStatus(unit.status).label),
                            "new": str(UnitStatus(new_status).label),
                        }
                    )
            self.result.preview.append(
                {
                    "row": number,
                    "action": action,
                    "name": unit.name,
                    "identity": unit.national_id or unit.licence_number,
                    "county": str(unit.county),
                    "status": str(UnitStatus(new_status or unit.status).label),
                    "changes": changes,
                }
            )

    # -- writing, in batches

    def write(self, creates, updates):
        """One batch through the bulk form of the units' events (the same entries and effects as the pages)."""
        services.apply_batch([unit for _n, unit in creates], [u for _n, *u in updates], user=self.user)
        self.result.created += len(creates)
        self.result.updated += len(updates)


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(value).replace("\x00", "")  # NUL: never typed, and PostgreSQL refuses it even in a lookup


def _cell_text(value):
    """A cell as the text a person would have typed (Excel gives 12.0 for 12, datetimes for dates)."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return fold_digits(_text(value)) if isinstance(value, str) else str(value)


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return _jalali_date(str(value))


# A sheet repeats its dates (a province's units were verified on a few days): each spelling is read once.
_jalali_date = functools.lru_cache(maxsize=16_384)(parse_jalali)


def _changes(loaded, after):
    """Field-level differences between the stored unit (its values as loaded) and its imported version."""
    changes = []
    with override("fa"):
        for name in UPDATABLE:
            field = IndustrialUnit._meta.get_field(name)
            old = loaded.get(field.attname)
            new = getattr(after, field.attname)
            if _same(old, new):
                continue
            changes.append(
                {
                    "field": name,
                    "label": str(field.verbose_name),
                    "old": display_value(field, old),
                    "new": display_value(field, new),
                }
            )
    return changes


def _same(old, new):
    if old in (None, "") and new in (None, ""):
        return True
    try:
        if old is not None and new is not None and not isinstance(old, bool) and not isinstance(new, bool):
            from decimal import Decimal

            if isinstance(old, int | float | Decimal) or isinstance(new, int | float | Decimal):
                return Decimal(str(old)) == Decimal(str(new))
    except ArithmeticError:
        return False
    return old == new


# The downloadable template's example row (see template_rows): every column filled as the import reads it.
EXAMPLE = {
    "name": "صنایع نمونه",
    "national_id": "10320894878",
    "licence_number": "۱۲۳۴۵/پ",
    "licence_date": "۱۴۰۰/۰۷/۰۳",
    "zone": "خارج از شهرک",
    "isic_class": "۱۰۷۱",
    "activity": "تولید نان صنعتی",
    "status": "فعال",
    "employees": "۲۵",
    "utilisation": "۷۰",
    "knowledge_based": "خیر",
    "exporter": "خیر",
    "manager_name": "علی رضایی",
    "phone": "۰۲۱۱۲۳۴۵۶۷۸",
    "mobile": "۰۹۱۲۱۲۳۴۵۶۷",
    "email": "info@example.ir",
    "address": "خیابان نمونه، پلاک ۱",
    "latitude": "35.7",
    "longitude": "51.4",
    "last_verified": "۱۴۰۴/۰۱/۱۵",
    "postal_code": "۳۳۹۱۸-۱۳۵۷۹",
    "economic_code": "10320894878",
    "workshop_code": "۱۲۳۴۵۶۷",
    "production_id": "۱۰۳۰۸۴۵۲۰۱",
    "electricity_subscription": "۴۱۲۵۷۸۹۶",
    "gas_subscription": "",
    "water_subscription": "",
}


def template_rows(county=None):
    """The template sheet: the headers the import reads and one example row, placed in ``county`` (one the
    downloading user may add units in), so the sheet imports as it is and shows how each value is written."""
    example = {**EXAMPLE, "province": county.province.name if county else "", "county": county.name if county else ""}
    return [[label for label, _aliases in COLUMNS.values()], [example[name] for name in COLUMNS]]
