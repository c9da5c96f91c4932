"""The API's personal keys (``Authorization: Token <key>``): refused once expired, revoked, or while the owner's
role requires two-step sign-in and the owner has not set it up (a key is no way around it)."""

from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from tashil.core.jalali import format_jalali

from .models import ApiToken
from .twofactor import confirmed_device, required_for


class ApiTokenAuthentication(TokenAuthentication):
    model = ApiToken

    def authenticate_credentials(self, key):
        token = ApiToken.objects.select_related("user").filter(digest=ApiToken.digest_of(key)).first()
        if token is None:
            raise AuthenticationFailed(
                _("این کلید API شناخته نیست یا باطل شده است؛ در صفحه «حساب کاربری من» کلید تازه‌ای بسازید.")
            )
        user = token.user
        if not user.is_active:
            raise AuthenticationFailed(_("حساب کاربری صاحب این کلید API غیرفعال شده است."))
        if token.expired:
            raise AuthenticationFailed(
                _("اعتبار این کلید API در %(date)s به پایان رسیده است؛ در صفحه «حساب کاربری من» کلید تازه‌ای بسازید.")
                % {"date": format_jalali(token.expires)}
            )
        if required_for(user) and confirmed_device(user) is None:
            raise AuthenticationFailed(
                _(
                    "نقش شما تأیید دو مرحله‌ای را لازم دارد: تا آن را در صفحه «حساب کاربری من» روشن نکنید، "
                    "کلیدهای API شما پاسخی نمی‌گیرند."
                )
            )
        token.touch()
        return user, token
