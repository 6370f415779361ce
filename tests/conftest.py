"""Shared set-up: the suites run against the kernelspec named by CALLISTO_KERNEL (default 'java'),
which tests/run installs into this virtual environment before pytest starts."""
import os

import pytest

KERNEL_NAME = os.environ.get("CALLISTO_KERNEL", "java")


@pytest.fixture(scope="session")
def kernel_name():
    return KERNEL_NAME
