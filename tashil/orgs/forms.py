from tashil.core.forms import TashilModelForm

from .models import Agency, AgencyContact


class AgencyForm(TashilModelForm):
    class Meta:
        model = Agency
        fields = ("name", "type", "level", "province", "county", "parent", "phone", "email", "address", "is_active")


class AgencyContactForm(TashilModelForm):
    class Meta:
        model = AgencyContact
        fields = ("agency", "name", "position", "phone", "email")
