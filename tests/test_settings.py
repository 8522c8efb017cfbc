"""Configuration: Django's checks pass, in development and with production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_manage_check_has_no_warning():
    result = manage("check", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="x" * 30 + "-a-long-random-production-secret-0123456789",
        ALLOWED_HOSTS="annuaire.example",
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": ""}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
            "'fabrique.settings'; django.setup()",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "check_id"),
    [("GEOCODER_URL", "ftp://x", "places.E001"), ("MAP_TILES_URL", "https://tiles", "places.E002")],
)
def test_a_bad_outside_service_setting_fails_the_checks(variable, value, check_id):
    result = manage("check", **{variable: value})
    assert result.returncode != 0
    assert check_id in result.stderr


def test_production_static_files_have_hashed_names_down_to_module_imports(tmp_path):
    result = manage(
        "collectstatic",
        "--noinput",
        "-v0",
        # Only our own files: compressing the admin's and Swagger's takes half a minute.
        "--ignore=admin",
        "--ignore=drf_spectacular_sidecar",
        "--ignore=rest_framework",
        "--ignore=gis",
        DEBUG="0",
        SECRET_KEY="x" * 50,
        STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    (place_map,) = [
        path for path in (tmp_path / "js").glob("place-map.*.js") if path.suffix == ".js"
    ]
    source = place_map.read_text()
    assert '"./search-form.js"' not in source
    assert "./search-form." in source
    assert list((tmp_path / "css").glob("site.*.css.br"))
