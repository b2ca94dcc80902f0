"""config/settings.py in production: the README's production environment passes Django's
deployment checks with no warning, and turns on HTTPS, HSTS and the proxy header."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from django.core.management.utils import get_random_secret_key

ROOT = Path(__file__).resolve().parents[2]


def production_environment() -> dict[str, str]:
    """The `export` lines of the README's Production section, a real SECRET_KEY for "..."."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Production\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)
    variables = {}
    for line in block.splitlines():
        if line.startswith("export "):
            for pair in shlex.split(line)[1:]:
                name, value = pair.split("=", 1)
                variables[name] = value
    assert variables["SECRET_KEY"] == "..."
    variables["SECRET_KEY"] = get_random_secret_key()
    return variables


def run_in_production(*arguments: str) -> subprocess.CompletedProcess:
    # Only the README's variables: nothing of the test run's own settings leaks in.
    environment = {"PATH": os.environ["PATH"], **production_environment()}
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,  # a loaded CI machine starts Django slowly
        check=False,
    )


def test_the_readme_production_environment_passes_the_deployment_checks():
    finished = run_in_production("manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert (finished.returncode, finished.stdout, finished.stderr) == (
        0,
        "System check identified no issues (0 silenced).\n",
        "",
    )


def test_the_readme_production_environment_turns_on_https_and_hsts():
    finished = run_in_production(
        "-c",
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; "
        "django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SECURE_HSTS_PRELOAD, s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_REDIRECT_EXEMPT)",
    )

    assert finished.stdout == (
        "True 31536000 True True ('HTTP_X_FORWARDED_PROTO', 'https') True True ['^healthz$']\n"
    ), finished.stderr


def test_https_is_off_by_default_for_make_run(settings):
    assert (
        settings.SECURE_SSL_REDIRECT,
        settings.SECURE_HSTS_SECONDS,
        getattr(settings, "SECURE_PROXY_SSL_HEADER", None),
    ) == (False, 0, None)
