"""Tests that need a tool from outside Python: skipped where it is missing, failed in CI."""

import os

import pytest


def running_in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in {"", "0", "false", "no"}


def require(condition: bool, reason: str) -> None:
    """Skip the test when `condition` is false, or fail it in CI, where every test must run."""
    if condition:
        return
    if running_in_ci():
        pytest.fail(f"{reason} (CI is set, so this test must run)", pytrace=False)
    pytest.skip(reason)
