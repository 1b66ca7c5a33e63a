"""Production settings refuse to start without their secrets; dev needs none."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_settings(module, **env):
    clean = {k: v for k, v in os.environ.items()
             if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")}
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings;"
         " print(settings.LANGUAGE_CODE, settings.TIME_ZONE, settings.DATABASES['default']['ENGINE'])"],
        cwd=ROOT, env=clean, capture_output=True, text=True,
    )


def test_production_requires_a_secret_key():
    result = load_settings("portal.settings.production", ALLOWED_HOSTS="wjw.example.cn",
                           DATABASE_URL="postgres://u@127.0.0.1/portal")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_requires_postgresql():
    result = load_settings("portal.settings.production", SECRET_KEY="x" * 50,
                           ALLOWED_HOSTS="wjw.example.cn", DATABASE_URL="sqlite:///tmp/x.db")
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_production_starts_with_its_environment():
    result = load_settings("portal.settings.production", SECRET_KEY="x" * 50,
                           ALLOWED_HOSTS="wjw.example.cn",
                           DATABASE_URL="postgres://u@127.0.0.1/portal")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["zh-hans", "Asia/Shanghai",
                                     "django.db.backends.postgresql"]


def test_development_uses_sqlite_under_var_by_default():
    result = load_settings("portal.settings.dev")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[2] == "django.db.backends.sqlite3"
