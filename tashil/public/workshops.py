"""Public pages of the workshops: past and upcoming ones marked public."""

from django.utils.translation import gettext as _

from tashil.catalog.public import get_public
from tashil.core.jalali import today
from tashil.workshops.public import public_workshops, upcoming_public_workshops

from .views import PublicView


class WorkshopListView(PublicView):
    def get(self, request):
        context = {
            "title": _("کارگاه‌های آموزشی"),
            "upcoming": upcoming_public_workshops(),
            "past": public_workshops().filter(date__lt=today()).select_related("county").order_by("-date")[:20],
        }
        return self.render("public/workshop_list.html", context)


class WorkshopView(PublicView):
    def get(self, request, pk):
        workshop = get_public(public_workshops().select_related("county__province"), pk=pk)
        context = {
            "title": workshop.title,
            "workshop": workshop,
            "seats_left": workshop.seats_left(),
            "description": workshop.description[:200],
        }
        return self.render("public/workshop.html", context)
