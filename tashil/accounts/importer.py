"""Reading officers' invitations from a spreadsheet, with the unit import's reader (``core.spreadsheets``): the
headers (Persian or English, any spelling in ``COLUMNS``) in one of the first rows, then one officer a row. The agency is named as the
agencies list shows it, among those the inviter sees. The rows are checked and written by
``services.invite_many`` (all or nothing); here only what the file says is turned into field values, and what
cannot be (an unknown agency or role, an unknown column) is named by row and column."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from tashil.core import scope
from tashil.core.choices import Role
from tashil.core.persian import clean_text, fold_digits, search_key, to_persian_digits
from tashil.core.spreadsheets import ImportFileError, RowError, read_table

from .models import Invitation

# Each column: the Invitation field it fills, its Persian header, and the other spellings accepted.
COLUMNS = {
    "first_name": ("نام", ("first name", "first_name", "نام کوچک")),
    "last_name": ("نام خانوادگی", ("last name", "last_name", "surname", "نام‌خانوادگی")),
    "mobile": ("تلفن همراه", ("mobile", "شماره همراه", "موبایل", "همراه")),
    "email": ("پست الکترونیکی", ("email", "e-mail", "ایمیل", "رایانامه")),
    "national_code": ("کد ملی", ("national code", "national_code", "کدملی")),
    "position": ("سمت", ("position", "title", "عنوان شغلی")),
    "agency": ("دستگاه", ("agency", "دستگاه اجرایی", "نام دستگاه")),
    "role": ("نقش", ("role",)),
}
REQUIRED = ("agency",)
HEADER_KEYS = {
    search_key(label): name for name, (title, aliases) in COLUMNS.items() for label in (title, name, *aliases)
}
ROLE_KEYS = {search_key(str(label)): value for value, label in Role.choices} | {
    search_key(value): value for value in Role.values
}


def column_of(name):
    """The Persian header of a field, for an error's column (a field without a column: its verbose name)."""
    name = name.removesuffix("_id")
    if name in COLUMNS:
        return COLUMNS[name][0]
    try:
        return str(Invitation._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a non-field error: the row as a whole
        return _("ردیف")


def text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(str(value)).strip()


def agencies_by_name(inviter):
    """The agencies the inviter sees, by folded name: a list of pks (two agencies may share a name)."""
    agency_model = Invitation._meta.get_field("agency").related_model
    found = {}
    for pk, name in scope.restrict(agency_model.objects.all(), inviter).values_list("pk", "name"):
        found.setdefault(search_key(name), []).append(pk)
    return found


def read_invitations(inviter, source, name):
    """(rows, errors): rows as (row number, Invitation field values); errors (RowError) for what the file itself
    gets wrong. Raises ImportFileError for a file that cannot be read or has no agency column."""
    table = read_table(source, name, HEADER_KEYS, [((field_name,), COLUMNS[field_name][0]) for field_name in REQUIRED])
    if table.unknown:
        raise ImportFileError(
            _("ستون‌های «%(columns)s» شناخته نیستند؛ ستون‌های پذیرفته: %(known)s.")
            % {"columns": "»، «".join(table.unknown), "known": "، ".join(title for title, _a in COLUMNS.values())}
        )
    mapping = table.mapping
    agencies = agencies_by_name(inviter)
    rows, errors = [], []
    for number, cells in table.rows:
        values = {mapping[i]: text(cell) for i, cell in enumerate(cells) if i in mapping}
        if not any(values.values()):
            continue
        row_errors = []
        agency_name = values.pop("agency", "")
        matches = agencies.get(search_key(agency_name), []) if agency_name else []
        if not agency_name:
            row_errors.append(RowError(number, COLUMNS["agency"][0], _("نام دستگاه را بنویسید.")))
        elif not matches:
            row_errors.append(
                RowError(
                    number,
                    COLUMNS["agency"][0],
                    _(
                        "دستگاه «%(name)s» در حوزه دسترسی شما پیدا نشد؛ نام را همان‌گونه که فهرست دستگاه‌ها نشان می‌دهد بنویسید."
                    )
                    % {"name": agency_name},
                )
            )
        elif len(matches) > 1:
            row_errors.append(
                RowError(
                    number,
                    COLUMNS["agency"][0],
                    _("%(count)s دستگاه در حوزه شما نام «%(name)s» را دارند؛ نام را دقیق‌تر بنویسید.")
                    % {"count": to_persian_digits(len(matches)), "name": agency_name},
                )
            )
        role_text = values.pop("role", "")
        role = ROLE_KEYS.get(search_key(role_text)) if role_text else Role.AGENCY_OFFICER
        if role is None:
            row_errors.append(
                RowError(number, COLUMNS["role"][0], _("نقش «%(role)s» شناخته نیست.") % {"role": role_text})
            )
        elif role != Role.AGENCY_OFFICER:
            row_errors.append(
                RowError(
                    number,
                    COLUMNS["role"][0],
                    _("از فایل تنها کارشناس دستگاه اجرایی دعوت می‌شود؛ نقش‌های دیگر را یکی‌یکی دعوت کنید."),
                )
            )
        for key in ("mobile", "national_code"):
            if values.get(key):
                values[key] = fold_digits(values[key])
        if row_errors:
            errors.extend(row_errors)
            continue
        rows.append((number, {**values, "role": role, "agency_id": matches[0]}))
    return rows, errors


# ---------------------------------------------------------------- a kind of the import engine


PREVIEW_ROWS = 50


class OfficerImporter:
    """The officers' invitations as a kind of import (``core.importing``): the file checked in the task worker
    and previewed (who would be invited, to which agency), then invited on the person's confirmation, all or
    nothing unless ``partial``; the rows go through ``services.invite_many``, as the invitation page's own do.
    ``county`` is not used: an officer's place is the agency named in the row."""

    def __init__(self, user=None, county=None, partial=False, dry_run=False):
        self.user, self.partial, self.dry_run = user, partial, dry_run

    def run(self, source, name):
        from tashil.core.importing import ImportResult

        from . import services

        rows, errors = read_invitations(self.user, source, name)
        outcome = services.invite_many(self.user, rows, errors, partial=self.partial, dry_run=self.dry_run)
        result = ImportResult(
            created=len(outcome.invited),
            unchanged=outcome.unchanged,
            rows=outcome.rows,
            errors=outcome.errors,
            written=outcome.written,
        )
        for invitation, number in list(zip(outcome.invited, outcome.invited_rows, strict=True))[:PREVIEW_ROWS]:
            result.preview.append(
                {
                    "row": number,
                    "action": "create",
                    "name": f"{invitation.first_name} {invitation.last_name}".strip(),
                    "identity": invitation.mobile or invitation.email,
                    "county": str(invitation.agency) if invitation.agency_id else "",
                    "status": str(Role(invitation.role).label),
                    "changes": [],
                }
            )
        return result


def template_rows(user):
    """The template sheet: the headers and one example row that imports as it is (the first agency the user may
    invite officers to)."""
    agency_model = Invitation._meta.get_field("agency").related_model
    # An agency of a county the user may invite officers in (seeing an agency is not inviting to it).
    counties = scope.counties_in_scope(user, Invitation, "add")
    agency = scope.restrict(agency_model.objects.filter(county__in=counties).order_by("pk"), user).first()
    header = [title for title, _aliases in COLUMNS.values()]
    example = {
        "first_name": "مریم",
        "last_name": "احمدی",
        "mobile": "09120000000",
        "email": "",
        "national_code": "",
        "position": "کارشناس",
        "agency": agency.name if agency else "",
        "role": str(Role.AGENCY_OFFICER.label),
    }
    return [header, [example[name] for name in COLUMNS]]
