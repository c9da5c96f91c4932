"""factory_boy factories for the foundation's models. Later apps add theirs in their own tests/factories.py."""

import factory
from factory.django import DjangoModelFactory

from tashil.core.choices import Role, ScopeLevel
from tashil.core.demo import DEMO_PASSWORD
from tashil.core.persian import to_persian_digits
from tashil.geo.models import County, IndustrialZone, Province
from tashil.orgs.choices import AgencyType
from tashil.orgs.models import Agency


class ProvinceFactory(DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"استان آزمایشی {to_persian_digits(n)}")
    name_en = factory.Sequence(lambda n: f"Test province {n}")
    code = factory.Sequence(lambda n: 100 + n)


class CountyFactory(DjangoModelFactory):
    class Meta:
        model = County

    province = factory.SubFactory(ProvinceFactory)
    name = factory.Sequence(lambda n: f"شهرستان آزمایشی {to_persian_digits(n)}")
    name_en = factory.Sequence(lambda n: f"Test county {n}")
    code = factory.Sequence(lambda n: 90000 + n)


class IndustrialZoneFactory(DjangoModelFactory):
    class Meta:
        model = IndustrialZone

    county = factory.SubFactory(CountyFactory)
    name = factory.Sequence(lambda n: f"شهرک صنعتی شماره {to_persian_digits(n)}")


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"اداره آزمایشی {to_persian_digits(n)}")
    type = AgencyType.TAX
    level = ScopeLevel.COUNTY
    county = factory.SubFactory(CountyFactory)
    province = factory.LazyAttribute(lambda o: o.county.province if o.county else None)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = "accounts.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "کاربر"
    last_name = factory.Sequence(lambda n: f"شماره {to_persian_digits(n)}")
    password = factory.django.Password(DEMO_PASSWORD)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = "accounts.Membership"

    user = factory.SubFactory(UserFactory)
    role = Role.SECRETARIAT
    level = ScopeLevel.COUNTY
    county = factory.SubFactory(CountyFactory)
    province = factory.LazyAttribute(lambda o: o.county.province if o.county else None)


def png_file(name="photo.png", size=(8, 8), colour=(11, 110, 105)):
    """A real (tiny) PNG image as an uploadable file."""
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=name)
