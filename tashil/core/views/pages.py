"""Core's own pages: the working-day calendar, the change log, autocomplete. (The home page is the assembly's:
tashil/site/views.py.)"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Exists, OuterRef, When
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from tashil.core import scope, services
from tashil.core.actions import Action
from tashil.core.filtersets import ChangeLogEntryFilterSet, HolidayFilterSet
from tashil.core.forms.core import HolidayConfirmForm, HolidayForm, SavedViewForm, WeekendForm
from tashil.core.models import ChangeLogEntry, Holiday, SavedView, WeekendDay
from tashil.core.official_holidays import confirm_holiday
from tashil.core.persian import to_persian_digits
from tashil.core.tables import ChangeLogEntryTable, HolidayTable, SavedViewTable

from .generic import ActionView, ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView, Tab

AUTOCOMPLETE_LIMIT = 20


def autocomplete(request):
    """Up to 20 objects of a searchable model matching ``q``, from the user's scope only."""
    from django.apps import apps
    from django.http import Http404, JsonResponse

    try:
        model = apps.get_model(request.GET.get("model", ""))
    except (LookupError, ValueError):
        raise Http404 from None
    searchable = getattr(model, "autocomplete", False) or getattr(model, "searchable", False)
    if not searchable or not scope.can(request.user, model, "view"):
        raise Http404
    results = scope.restrict(model._default_manager.all(), request.user).search(request.GET.get("q", ""))[
        :AUTOCOMPLETE_LIMIT
    ]
    return JsonResponse({"results": [{"id": obj.pk, "text": obj.autocomplete_label()} for obj in results]})


class HolidayListView(ObjectListView):
    model = Holiday
    filterset_class = HolidayFilterSet
    table_class = HolidayTable
    template_name = "core/holiday_list.html"
    per_page = 100

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["weekend"] = WeekendDay.objects.all()
        context["can_edit_weekend"] = scope.can(self.request.user, WeekendDay, "change")
        return context


class HolidayEditView(ObjectEditView):
    model = Holiday
    form_class = HolidayForm

    def get_success_url(self, obj):
        return reverse("core:holiday_list")


class HolidayDeleteView(ObjectDeleteView):
    model = Holiday


CONFIRM_HOLIDAY = Action(
    name="confirm",
    service=confirm_holiday,
    form_class=HolidayConfirmForm,
    form_kwargs=lambda holiday: {"holiday": holiday},
    title=gettext_lazy("تأیید تعطیل «%(object)s»"),
    done=gettext_lazy("تاریخ «%(object)s» تأیید شد."),
    intro=lambda holiday: _("تاریخ برآوردشده را با تقویم رسمی کشور بسنجید؛ تعطیل قمری ممکن است یک روز جابه‌جا شود."),
    success_url=lambda holiday, result: reverse("core:holiday_list") + "?confirmed=false",
    page=True,
)


class HolidayConfirmView(ActionView):
    """A lunar holiday's date confirmed by the national secretariat (the button on the calendar's row)."""

    model = Holiday
    actions = (CONFIRM_HOLIDAY,)


class WeekendEditView(View):
    """Which days of the week agencies are closed; deadlines in working days skip them."""

    template_name = "generic/object_edit.html"

    def dispatch(self, request, *args, **kwargs):
        if not scope.can(request.user, WeekendDay, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        form = WeekendForm(initial={"weekdays": list(WeekendDay.objects.values_list("weekday", flat=True))})
        return self.render(form)

    def post(self, request):
        form = WeekendForm(request.POST)
        if form.is_valid():
            form.save()
            messages.success(request, _("روزهای تعطیل هفته ذخیره شد."))
            return HttpResponseRedirect(reverse("core:holiday_list"))
        return self.render(form, status=400)

    def render(self, form, status=200):
        title = _("روزهای تعطیل هفته")
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "title": title,
                "breadcrumbs": [(Holiday._meta.verbose_name_plural, reverse("core:holiday_list")), (title, None)],
                "cancel_url": reverse("core:holiday_list"),
            },
            status=status,
        )


class ChangeLogEntryListView(ObjectListView):
    queryset = ChangeLogEntry.objects.select_related("content_type", "user")
    filterset_class = ChangeLogEntryFilterSet
    table_class = ChangeLogEntryTable
    actions = ("export",)


class ChangeLogEntryView(ObjectView):
    queryset = ChangeLogEntry.objects.select_related("content_type", "user")
    history_tab = False
    tabs = (Tab("entry", gettext_lazy("رویداد"), "core/includes/changelog_entry.html"),)

    def get_entry_context(self):
        self.object.is_child = True
        return {"entries": [self.object]}


class SavedViewListView(ObjectListView):
    """The person's saved views and those their colleagues share with them, each saying whether it is in the
    person's own daily digest (with the button that puts it in or takes it out)."""

    model = SavedView
    table_class = SavedViewTable
    actions = ()

    def base_queryset(self):
        user = self.request.user
        chosen = SavedView.digest_readers.through.objects.filter(savedview=OuterRef("pk"), user=user)
        return SavedView.objects.select_related("owner").annotate(
            in_my_digest=Case(When(owner=user, then="in_digest"), default=Exists(chosen))
        )


def saved_view_list(view, result):
    return reverse("core:savedview_list")


def digest_intro(view):
    return _(
        "خلاصه روزانه، که هر روز در اعلان‌ها (و با رایانامه، اگر آن را نبسته باشید) به شما می‌رسد، شمار ردیف‌های این "
        "نما را چنان‌که شما می‌بینید، تا %(rows)s ردیف نخست آن هر یک با پیوندش و پیوند همه فهرست را می‌آورد. این "
        "انتخاب تنها خلاصه روزانه خود شما را تغییر می‌دهد."
    ) % {"rows": to_persian_digits(SavedView.DIGEST_ROWS)}


SAVED_VIEW_DIGEST_ACTIONS = (
    Action(
        name="digest_on",
        service=services.put_in_digest,
        permission="view",
        title=gettext_lazy("افزودن «%(object)s» به خلاصه روزانه من"),
        done=gettext_lazy("نمای «%(object)s» از این پس در خلاصه روزانه شما می‌آید."),
        intro=digest_intro,
        success_url=saved_view_list,
        page=True,
    ),
    Action(
        name="digest_off",
        service=services.take_out_of_digest,
        permission="view",
        title=gettext_lazy("بیرون بردن «%(object)s» از خلاصه روزانه من"),
        done=gettext_lazy("نمای «%(object)s» دیگر در خلاصه روزانه شما نمی‌آید."),
        success_url=saved_view_list,
        page=True,
    ),
)


class SavedViewDigestView(ActionView):
    """A saved view in or out of the person's own daily digest: their own view, or one a colleague shares (which
    they may read, not change: hence «view»)."""

    model = SavedView
    actions = SAVED_VIEW_DIGEST_ACTIONS


class SavedViewEditView(ObjectEditView):
    """Save the filters of the list the person came from (?path=…&query=…) under a name; or rename one."""

    model = SavedView
    form_class = SavedViewForm

    def save(self, form):
        view = form.save(commit=False)
        if not view.pk:
            view.owner = self.request.user
        view.save()
        return view

    def get_success_url(self, obj):
        return obj.get_absolute_url()


class SavedViewDeleteView(ObjectDeleteView):
    model = SavedView
