"""The public site (no sign-in): its index, the directory, product search, the unit's permanent booth,
exhibitions and investment opportunities. Everything is fetched through ``catalog/public.py``; nothing else
decides what shows. The workshops' pages are in ``workshops.py``, the accountability pages in
``accountability.py``."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View

from tashil.catalog import public, services
from tashil.catalog.filtersets import PublicProductFilterSet, PublicUnitFilterSet
from tashil.catalog.forms import ContactForm, InquiryForm
from tashil.catalog.models import Booth, Certificate
from tashil.core import ratelimit
from tashil.core.expressions import numeric_order
from tashil.core.files import image_response
from tashil.core.jalali import today
from tashil.workshops.public import upcoming_public_workshops

PER_PAGE = 24
TOO_MANY = _lazy("از این نشانی در یک ساعت گذشته پیام‌های زیادی فرستاده شده است؛ کمی بعد دوباره بفرستید.")


def results_only(request):
    """An htmx request for the results alone (typing in the search box), not the whole page."""
    return bool(request.htmx) and request.htmx.target == "results"


def page_of(request, queryset, per_page=PER_PAGE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


@method_decorator(login_not_required, name="dispatch")
class PublicView(View):
    """A public page: no sign-in, and the public layout."""

    def render(self, template, context, status=200):
        return render(self.request, template, context, status=status)


class IndexView(PublicView):
    def get(self, request):
        return self.render("public/index.html", self.get_context_data())

    def get_context_data(self):
        """The index's sections: units, products, exhibitions, opportunities and the workshops ahead."""
        units = public.public_units()
        context = {
            "title": _("معرفی واحدهای صنعتی و محصولات"),
            "filterset": PublicUnitFilterSet(None, queryset=units),
            "unit_count": units.count(),
            "product_count": public.public_products().count(),
            "featured": units.select_related("county", "public_profile")
            .filter(knowledge_based=True)
            .order_by("-updated")[:6],
            "exhibitions": public.public_exhibitions().filter(end_date__gte=today()).order_by("start_date")[:3],
            "projects": public.public_projects().select_related("county").order_by("-updated")[:3],
            "workshops": upcoming_public_workshops()[:3],
        }
        return context


class UnitListView(PublicView):
    def get(self, request):
        queryset = public.public_units().select_related("county__province", "zone", "public_profile")
        filterset = PublicUnitFilterSet(request.GET or None, queryset=queryset)
        # Opened without a query, the directory lists every public unit (an unbound filter set is not "invalid").
        units = filterset.qs if not filterset.is_bound or filterset.is_valid() else queryset.none()
        context = {
            "title": _("فهرست واحدهای صنعتی"),
            "filterset": filterset,
            "page": page_of(request, units),
        }
        template = "public/includes/unit_results.html" if results_only(request) else "public/unit_list.html"
        return self.render(template, context)


class ProductListView(PublicView):
    def get(self, request):
        queryset = public.public_products().select_related("unit__county")
        filterset = PublicProductFilterSet(request.GET or None, queryset=queryset)
        products = filterset.qs if not filterset.is_bound or filterset.is_valid() else queryset.none()
        context = {"title": _("جستجوی محصولات"), "filterset": filterset, "page": page_of(request, products)}
        template = "public/includes/product_results.html" if results_only(request) else "public/product_list.html"
        return self.render(template, context)


class VisitorFormView(PublicView):
    """A public page with a visitor's form: robots kept out, a rate limit per address, nothing typed lost.

    Subclasses supply ``get_target(pk)`` (the public object, or 404), ``deliver(form, target)`` (the catalog's
    event for what the visitor sent: it keeps it and tells the people it is for), ``success_message(target)`` and
    ``context(target, form)``.
    """

    form_class = None
    template_name = None
    anchor = ""

    def get(self, request, pk):
        target = self.get_target(pk)
        return self.render(self.template_name, self.context(target, self.form_class()))

    def post(self, request, pk):
        target = self.get_target(pk)
        form = self.form_class(request.POST)
        status = 400
        if form.is_valid():
            address = ratelimit.client_address(request)
            if ratelimit.allow(f"public-form:{address}", settings.TASHIL_PUBLIC_FORMS_PER_HOUR, 3600):
                self.deliver(form, target)
                messages.success(request, self.success_message(target))
                return HttpResponseRedirect(f"{request.path}#{self.anchor}")
            form.add_error(None, TOO_MANY)
            status = 429
        form.renew_stamp()
        return self.render(self.template_name, self.context(target, form), status=status)


class UnitView(VisitorFormView):
    """A unit's permanent virtual booth, with a contact form that reaches its representative."""

    form_class = ContactForm
    template_name = "public/unit.html"
    anchor = "contact"

    def get_target(self, pk):
        return public.get_public(
            public.public_units().select_related("county__province", "zone", "public_profile"), pk=pk
        )

    def deliver(self, form, unit):
        services.receive_message(form.save(commit=False), unit)

    def success_message(self, unit):
        return _("پیام شما برای «%(unit)s» فرستاده شد.") % {"unit": unit}

    def context(self, unit, form):
        profile = unit.public_profile
        products = unit.products.filter(is_public=True).order_by("name")
        description = profile.introduction or unit.activity or ""
        if profile.logo:
            image = reverse("public:logo", kwargs={"pk": unit.pk})
        else:
            photographed = next((p for p in products if p.photo), None)
            image = reverse("public:product_photo", kwargs={"pk": photographed.pk}) if photographed else ""
        return {
            "title": unit.name,
            "unit": unit,
            "profile": profile,
            "contacts": public.contacts(unit, profile),
            "location": public.location(unit, profile),
            "products": products,
            "certificates": Certificate.objects.filter(unit=unit, is_public=True).order_by("title"),
            "booths": Booth.objects.filter(unit=unit, exhibition__in=public.public_exhibitions())
            .select_related("exhibition")
            .order_by("-exhibition__start_date"),
            "projects": public.public_projects().filter(unit=unit),
            "form": form,
            "description": description[:200],
            "og_image": self.request.build_absolute_uri(image) if image else "",
        }


class ExhibitionListView(PublicView):
    def get(self, request):
        exhibitions = public.public_exhibitions().select_related("county__province")
        now = today()
        context = {
            "title": _("نمایشگاه‌ها"),
            "current": exhibitions.filter(start_date__lte=now, end_date__gte=now).order_by("end_date"),
            "upcoming": exhibitions.filter(start_date__gt=now).order_by("start_date"),
            "past": exhibitions.filter(end_date__lt=now).order_by("-end_date")[:12],
        }
        return self.render("public/exhibition_list.html", context)


class ExhibitionView(PublicView):
    def get(self, request, pk):
        exhibition = public.get_public(public.public_exhibitions().select_related("county__province"), pk=pk)
        booths = (
            exhibition.booths.filter(unit__in=public.public_units())
            .select_related("unit__public_profile", "unit__county")
            .order_by("hall", *numeric_order("number"))
        )
        showcased = {}
        for product in public.public_products().filter(booths__in=booths).values("pk", "name", "booths"):
            showcased.setdefault(product["booths"], []).append(product["name"])
        for booth in booths:
            booth.showcased = showcased.get(booth.pk, [])
        context = {"title": exhibition.title, "exhibition": exhibition, "booths": booths}
        return self.render("public/exhibition.html", context)


class ProjectListView(PublicView):
    def get(self, request):
        projects = public.public_projects().select_related("county__province", "unit").order_by("-progress", "title")
        context = {"title": _("فرصت‌های سرمایه‌گذاری"), "page": page_of(request, projects)}
        return self.render("public/project_list.html", context)


class ProjectView(VisitorFormView):
    """A project that seeks an investor, with an inquiry form that reaches the secretariat."""

    form_class = InquiryForm
    template_name = "public/project.html"
    anchor = "inquiry"

    def get_target(self, pk):
        return public.get_public(public.public_projects().select_related("county__province", "unit"), pk=pk)

    def deliver(self, form, project):
        services.receive_inquiry(form.save(commit=False), project)

    def success_message(self, project):
        return _("درخواست شما ثبت شد؛ دبیرخانه ستاد با شما تماس می‌گیرد.")

    def context(self, project, form):
        return {"title": project.title, "project": project, "form": form, "description": project.description[:200]}


@method_decorator(login_not_required, name="dispatch")
class RobotsView(View):
    def get(self, request):
        from django.http import HttpResponse

        lines = [
            "User-agent: *",
            "Allow: /directory/",
            "Disallow: /",
            f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        ]
        return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class ProductPhotoView(PublicView):
    def get(self, request, pk):
        return image_response(public.get_public(public.public_products(), pk=pk).photo, public=True)


class LogoView(PublicView):
    def get(self, request, pk):
        return image_response(public.get_public(public.published_profiles(), unit_id=pk).logo, public=True)
