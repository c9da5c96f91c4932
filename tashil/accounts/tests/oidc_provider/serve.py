"""Start the test provider: ``python -m tashil.accounts.tests.oidc_provider.serve PORT WORKDIR``.

Makes an RSA signing key (a new one each start), migrates a fresh SQLite file in WORKDIR, adds the people of
OIDC_PROVIDER_PEOPLE and one confidential client (OIDC_PROVIDER_CLIENT_ID / _SECRET / _REDIRECT_URIS), and serves
on 127.0.0.1:PORT until it is stopped.
"""

import json
import os
import sys
from pathlib import Path


def make_key(path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path.write_bytes(
        key.private_bytes(
            encoding=serialization.Encoding.PEM,
            format=serialization.PrivateFormat.PKCS8,
            encryption_algorithm=serialization.NoEncryption(),
        )
    )


def seed():
    from django.contrib.auth import get_user_model
    from oauth2_provider.models import Application

    for person in json.loads(os.environ.get("OIDC_PROVIDER_PEOPLE", "[]")):
        get_user_model().objects.create_user(person["username"], password=person["password"])
    Application.objects.create(
        name="تسهیل",
        client_id=os.environ["OIDC_PROVIDER_CLIENT_ID"],
        client_secret=os.environ["OIDC_PROVIDER_CLIENT_SECRET"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=os.environ["OIDC_PROVIDER_REDIRECT_URIS"],
        algorithm=Application.RS256_ALGORITHM,
    )


def main():
    port, workdir = int(sys.argv[1]), Path(sys.argv[2])
    workdir.mkdir(parents=True, exist_ok=True)
    make_key(workdir / "key.pem")
    os.environ["OIDC_PROVIDER_DIR"] = str(workdir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tashil.accounts.tests.oidc_provider.settings"

    import django
    from django.core.management import call_command
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    seed()
    run("127.0.0.1", port, get_wsgi_application(), threading=True)


if __name__ == "__main__":
    main()
