"""The import-linter contracts cover every app of the project: one that is not listed would
be checked by nothing."""

import tomllib
from pathlib import Path

from django.apps import apps
from django.conf import settings

CONFIG = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())["tool"][
    "importlinter"
]


def _project_apps():
    base = Path(settings.BASE_DIR).resolve()
    return {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == base
    }


def test_every_app_is_in_a_layer():
    layers = next(c for c in CONFIG["contracts"] if c["type"] == "layers")["layers"]
    in_layers = {name.strip() for layer in layers for name in layer.replace("|", ":").split(":")}
    assert _project_apps() <= set(CONFIG["root_packages"])
    assert _project_apps() | {"pleegzorg"} == in_layers
