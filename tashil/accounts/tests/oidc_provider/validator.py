from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


class NationalCodeValidator(OAuth2Validator):
    """Adds the ``national_code`` claim (granted with the scope of that name) to the ID token and userinfo."""

    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "national_code": "national_code"}

    def get_additional_claims(self, request):
        person = next((p for p in settings.PEOPLE if p["username"] == request.user.username), {})
        return {"national_code": person["national_code"]} if person.get("national_code") else {}
