"""The Dockerfile's build step: collectstatic with the production storage must succeed.

The manifest storage follows every url() and sourceMappingURL reference in CSS and JS and
fails the build on a missing file (a vendored bundle pointing at a map nobody shipped).
"""

import json

from django.core.management import call_command

PRODUCTION_STATIC_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_collectstatic_succeeds_with_the_production_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STATIC_STORAGE}}
    call_command("collectstatic", "--noinput", verbosity=0)
    paths = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for name in ("vendor/bootstrap/bootstrap.bundle.min.js", "vendor/bootstrap/bootstrap.min.css"):
        hashed = tmp_path / paths[name]
        assert hashed.is_file() and hashed.name != name.rsplit("/", 1)[1]
