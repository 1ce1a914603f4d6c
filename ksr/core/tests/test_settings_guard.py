"""Production (and test) refuse to start with DEBUG on: a DEBUG page shows settings and data."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def _import_settings(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("KSR_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import ksr.settings"], env=environment, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("ksr_env", ["production", "test"])
def test_debug_outside_development_refuses_to_start(ksr_env):
    result = _import_settings(KSR_ENV=ksr_env, KSR_DEBUG="1", KSR_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "KSR_DEBUG must be off" in result.stderr


def test_production_without_debug_starts():
    result = _import_settings(KSR_ENV="production", KSR_DEBUG="0", KSR_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


def test_development_may_debug():
    assert _import_settings(KSR_ENV="development", KSR_DEBUG="1").returncode == 0
