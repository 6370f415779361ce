"""Shared set-up: the suites run against the kernelspec named by CALLISTO_KERNEL (default 'java'),
which tests/run installs into this virtual environment before pytest starts."""
import os

import pytest

KERNEL_NAME = os.environ.get("CALLISTO_KERNEL", "java")


@pytest.fixture(scope="session")
def kernel_name():
    return KERNEL_NAME


# CALLISTO_TRANSPORT_ENCRYPTION=required (or auto) runs the suites again over CurveZMQ: every KernelManager
# made in this process gets that transport_encryption unless the test names one itself. That covers
# KernelManager(...), start_new_kernel (jupyter_kernel_test's KernelTests), AsyncKernelManager (nbclient's
# NotebookClient and papermill.execute_notebook in-process). Kernels started by a subprocess (the papermill
# CLI, nbconvert --execute) are not covered: they run unencrypted in that pass.
TRANSPORT_ENCRYPTION = os.environ.get("CALLISTO_TRANSPORT_ENCRYPTION", "").strip().lower()

if TRANSPORT_ENCRYPTION and TRANSPORT_ENCRYPTION != "disabled":
    from jupyter_client.manager import KernelManager

    _kernel_manager_init = KernelManager.__init__

    def _encrypted_kernel_manager_init(self, *args, **kwargs):
        kwargs.setdefault("transport_encryption", TRANSPORT_ENCRYPTION)
        _kernel_manager_init(self, *args, **kwargs)

    KernelManager.__init__ = _encrypted_kernel_manager_init


def pytest_report_header(config):
    return f"transport encryption: {TRANSPORT_ENCRYPTION or 'disabled'} (CALLISTO_TRANSPORT_ENCRYPTION)"
