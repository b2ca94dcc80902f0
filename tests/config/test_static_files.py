"""Production's static files: `collectstatic` with the manifest storage that DEBUG=false uses
succeeds, and every page's stylesheet and scripts get their hashed names."""

import pytest
from django.core.management import call_command
from django.templatetags.static import static

MANIFEST = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture
def production_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST}}
    return tmp_path


def test_collectstatic_succeeds_with_the_production_storage(production_storage):
    call_command("collectstatic", "--noinput", verbosity=0)

    css = static("css/site.css")
    script = static("vendor/interact-1.10.28.min.js")
    assert (css.startswith("/static/css/site."), css.endswith(".css")) == (True, True)
    assert css != "/static/css/site.css"
    assert (production_storage / css.removeprefix("/static/")).is_file()
    assert (production_storage / script.removeprefix("/static/")).is_file()
