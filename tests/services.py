"""Starting and probing the real services (PostgreSQL, Redis, Chromium) from tests.

Under CI=true a missing service fails the test instead of skipping it (DEVELOPERS.md).
"""

import os
import shutil

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition, reason):
    """Skip on a developer's laptop that lacks the service; fail in CI, where it must be there."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required service missing under CI=true: {reason}")
    pytest.skip(reason)


def chromium_path():
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


def redis_url():
    url = os.environ.get("CELERY_BROKER_URL", "")
    return url if url.startswith("redis://") else os.environ.get("TEST_REDIS_URL", "")
