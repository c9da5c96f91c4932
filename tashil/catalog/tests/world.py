"""The public face's part of the test world: unit A and unit B listed publicly (unit A2 is not), unit A's
certificate, input and booth at county A's exhibition, a visitor's message and an investor's inquiry."""

import datetime
from decimal import Decimal

from tashil.catalog.models import (
    Booth,
    Certificate,
    ContactMessage,
    Exhibition,
    InvestmentInquiry,
    PublicProfile,
    UnitInput,
)
from tashil.core.jalali import today
from tashil.site.testing.factories import png_file
from tashil.site.testing.world import world_builder


@world_builder
def build_catalog(w):
    w.profile_a = PublicProfile.objects.create(
        unit=w.unit_a, brand="برند الف", introduction="معرفی عمومی واحد الف", logo=png_file("logo.png")
    )
    w.profile_b = PublicProfile.objects.create(unit=w.unit_b, introduction="معرفی واحد ب")
    w.certificate_a = Certificate.objects.create(unit=w.unit_a, title="نشان استاندارد ملی")
    w.input_a = UnitInput.objects.create(unit=w.unit_a, name="کارتن بسته‌بندی", code="1702", yearly_quantity=Decimal(10))
    now = today()
    w.exhibition_a = Exhibition.objects.create(
        title="نمایشگاه آزمایشی الف",
        county=w.county_a,
        start_date=now,
        end_date=now + datetime.timedelta(days=3),
        place="سالن الف",
    )
    w.booth_a = Booth.objects.create(exhibition=w.exhibition_a, unit=w.unit_a, number="12", hall="سالن ۱")
    w.booth_a.products.add(w.product_a)
    w.message_a = ContactMessage.objects.create(
        unit=w.unit_a, sender_name="خریدار", sender_email="buyer@example.ir", subject="خرید", body="قیمت؟"
    )
    w.project_a.seeks_investor = True
    w.project_a.save()
    w.inquiry_a = InvestmentInquiry.objects.create(
        project=w.project_a, name="سرمایه‌گذار", phone="09121234567", message="آماده همکاری هستیم."
    )
