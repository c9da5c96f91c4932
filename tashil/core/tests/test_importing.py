"""The registry of import kinds: every kind the apps register is served by one command and one job model."""

import pytest
from django.core.management import CommandError, call_command

from tashil.core.importing import KINDS, get_kind
from tashil.core.spreadsheets import ImportFileError


def test_the_apps_register_their_kinds_each_with_its_pages():
    from django.urls import reverse

    assert {"units", "obstacles", "meetings"} <= set(KINDS)
    for kind in KINDS.values():
        assert reverse(kind.url_name) and reverse(kind.template_url_name)
        assert len(kind.preview_headers) == 4


def test_an_unknown_kind_is_refused_naming_the_known_ones(tmp_path):
    with pytest.raises(ImportFileError):
        get_kind("agencies")
    with pytest.raises(CommandError, match="obstacles"):
        call_command("import_past", "agencies", str(tmp_path / "x.xlsx"))


def test_the_commands_help_names_every_kind_and_who_it_runs_as():
    from tashil.core.management.commands.import_past import Command

    for name in KINDS:
        assert name in Command.help
    assert "--as" in Command.help
