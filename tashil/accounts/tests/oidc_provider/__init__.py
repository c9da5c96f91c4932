"""A real OpenID Connect provider for the national sign-on tests: django-oauth-toolkit, its own settings and SQLite
file, run in a second process by ``serve`` (started by the fixtures of ``test_oidc``)."""
