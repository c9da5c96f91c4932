"""Typed text is tidied by the forms' public clean() hook: what a page saves, and what a form's own clean()
reads, is the tidied text (Arabic letters, doubled spaces and stray marks folded); passwords are kept as typed."""

from django import forms

from tashil.core.forms import TashilForm
from tashil.obstacles.models import Obstacle

TYPED = "  شركت   يزد\u200c\u200cها \u200f"
TIDIED = "شرکت یزد\u200cها"


class Note(TashilForm):
    text = forms.CharField()
    secret = forms.CharField(widget=forms.PasswordInput)

    def clean(self):
        cleaned = super().clean()
        self.seen_by_clean = cleaned.get("text")
        return cleaned


def test_a_forms_text_is_tidied_before_its_own_clean_reads_it_and_a_password_is_not():
    form = Note(data={"text": TYPED, "secret": "يك  رمز"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["text"] == TIDIED and form.seen_by_clean == TIDIED
    assert form.cleaned_data["secret"] == "يك  رمز", "a password is exactly what was typed"


def test_an_obstacle_added_on_its_page_is_saved_with_tidied_text(world, client_as):
    client = client_as("secretariat")
    page = client.get(f"/obstacles/add/?unit={world.unit_a.pk}")
    assert page.status_code == 200 and 'name="title"' in page.content.decode()
    response = client.post(
        "/obstacles/add/",
        {
            "unit": world.unit_a.pk,
            "group": world.group_finance.pk,
            "title": TYPED,
            "description": "بدهي  معوق\n  به   بانك ",
            "source": "field_visit",
            "severity": "3",
            "reported_date": "۱۴۰۴/۰۸/۱۰",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Obstacle.objects.get(title=TIDIED)
    assert saved.description == "بدهی معوق\nبه بانک"
