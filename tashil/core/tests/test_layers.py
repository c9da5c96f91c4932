"""The one-way dependency graph (docs/architecture.md): the import-linter contract in pyproject.toml holds, and
it names every app of the project, so a new app cannot sit outside it. `make lint` runs the same contract."""

import tomllib

from django.apps import apps
from django.conf import settings
from importlinter.cli import lint_imports

PYPROJECT = settings.BASE_DIR / "pyproject.toml"


def contract_layers():
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["id"] == "layers"]
    return [[name.strip() for name in layer.split("|")] for layer in contract["layers"]]


def test_the_layers_contract_holds_so_core_imports_no_domain_app():
    # Broken when, for one, a module of tashil.core (not its tests) imports any other app of tashil.
    assert lint_imports(config_filename=str(PYPROJECT), no_cache=True) == 0, "lint-imports: see its report above"


def test_every_app_of_the_project_has_its_layer_and_core_is_the_lowest():
    layers = contract_layers()
    named = {name for layer in layers for name in layer}
    ours = {config.name for config in apps.get_app_configs() if config.name.startswith("tashil.")}
    assert ours - named == set(), "an app missing from [tool.importlinter] layers in pyproject.toml"
    assert layers[-1] == ["tashil.core"]
