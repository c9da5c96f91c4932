from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from tashil.core import scope
from tashil.core.persian import to_persian_digits
from tashil.core.views import ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView, Tab
from tashil.core.views.generic import ActionView, ScopedViewMixin

from . import actions, filtersets, forms, tables
from .certificate import certificate_filename, issue_certificate
from .choices import RegistrationStatus
from .models import Registration, Workshop

COUNTS = {
    "registered": Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)),
    "waiting": Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
}


class WorkshopListView(ObjectListView):
    queryset = Workshop.objects.select_related("county").annotate(**COUNTS)
    filterset_class = filtersets.WorkshopFilterSet
    table_class = tables.WorkshopTable


class WorkshopView(ObjectView):
    queryset = Workshop.objects.select_related("county__province", "centre").annotate(**COUNTS)
    template_name = "workshops/workshop.html"
    tabs = (
        Tab("registrations", gettext_lazy("ثبت‌نام‌ها"), "workshops/tabs/registrations.html"),
        Tab("profile", gettext_lazy("مشخصات"), "generic/includes/profile.html"),
        Tab("attendance", gettext_lazy("حضور و غیاب"), "workshops/tabs/attendance.html"),
    )
    profile_fields = (
        "title",
        "topic",
        "trainer",
        "organiser",
        "centre",
        "county",
        "date",
        "start_time",
        "end_time",
        "place",
        "online_link",
        "capacity",
        "is_public",
        "status",
        "description",
    )

    def get_tabs(self):
        tabs = super().get_tabs()
        if not scope.can_object(self.request.user, self.object, "attendance"):
            tabs = [t for t in tabs if t.name != "attendance"]
        counts = {"registrations": scope.restrict(self.object.registrations.all(), self.request.user).count()}
        return [Tab(t.name, t.label, t.template_name, counts.get(t.name, t.count)) for t in tabs]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, workshop = self.request.user, self.object
        context["can_register"] = workshop.registration_open and scope.can(user, Registration, "add")
        context["seats_left"] = max(workshop.capacity - workshop.registered, 0)
        return context

    def get_registrations_context(self):
        registrations = scope.restrict(self.object.registrations.select_related("unit"), self.request.user)
        table = tables.RegistrationTable(
            registrations.order_by("status", "created"), user=self.request.user, orderable=False, exclude=("workshop",)
        )
        return {"table": table}

    def get_attendance_context(self):
        return {"attendance_form": forms.AttendanceForm(workshop=self.object)}


class WorkshopEditView(ObjectEditView):
    model = Workshop
    form_class = forms.WorkshopForm


class WorkshopDeleteView(ObjectDeleteView):
    model = Workshop


class WorkshopAttendanceView(ActionView):
    """Record who came, on the day or after it."""

    model = Workshop
    actions = (actions.ATTENDANCE,)


class RegistrationListView(ObjectListView):
    queryset = Registration.objects.select_related("unit", "workshop")
    filterset_class = filtersets.RegistrationFilterSet
    table_class = tables.RegistrationTable


class RegistrationView(ObjectView):
    queryset = Registration.objects.select_related("unit", "workshop__county")
    template_name = "workshops/registration.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registration, user = self.object, self.request.user
        context["can_cancel"] = (
            registration.status != RegistrationStatus.CANCELLED
            and not registration.attended
            and scope.can_object(user, registration, "cancel")
        )
        return context


class RegistrationEditView(ObjectEditView):
    model = Registration
    form_class = forms.RegistrationForm

    def get_initial(self):
        initial = super().get_initial()
        # A representative registers people of their own unit: the unit is chosen for them.
        from tashil.core.choices import Role

        units = [m.unit_id for m in scope.memberships(self.request.user) if m.role == Role.UNIT_REP and m.unit_id]
        if units and "unit" not in initial:
            initial["unit"] = units[0]
        return initial

    def get_success_url(self, obj):
        if obj.status == RegistrationStatus.WAITLISTED:
            messages.warning(
                self.request,
                _("ظرفیت کارگاه پر است؛ %(name)s در فهرست انتظار (نفر %(position)s) قرار گرفت.")
                % {"name": obj.full_name, "position": to_persian_digits(obj.waiting_position)},
            )
        return obj.workshop.get_absolute_url()


class RegistrationDeleteView(ObjectDeleteView):
    model = Registration


class RegistrationCancelView(ActionView):
    """Cancel a registration; the first person on the waiting list takes the seat."""

    model = Registration
    actions = (actions.CANCEL,)


class CertificateView(ScopedViewMixin, View):
    """The certificate of attendance as a Persian PDF, for people who came."""

    model = Registration

    def get(self, request, pk):
        registration = self.get_scoped_object("view")
        if not registration.attended:
            messages.error(request, _("گواهی فقط برای کسانی صادر می‌شود که حضورشان در کارگاه ثبت شده است."))
            return HttpResponseRedirect(registration.get_absolute_url())
        response = HttpResponse(issue_certificate(registration), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{certificate_filename(registration)}"'
        return response
