"""Browser end-to-end suites: JupyterLab 4 and Notebook 7 with Callisto, in Debian's Chromium.

This module starts a real Jupyter server (from the test venv) on 127.0.0.1 with a token, a temporary
root, settings and workspace, then runs the Playwright suites (`*.test.mjs`, Node's test runner) against
it. Screenshots of each step and the server's log go to tests/artifacts/e2e/.

The suites need Node with `npm ci` done in tests/e2e (tests/run does it) and /usr/bin/chromium
(`apt-get install chromium`; .ci/run does it). Without them the suites are skipped with the reason,
unless CALLISTO_E2E=required, as in CI, where a missing part fails instead.

With CALLISTO_TRANSPORT_ENCRYPTION=required (the Python suites' encrypted pass, see tests/conftest.py) the server
gives every kernel CurveZMQ keys (MappingKernelManager.transport_encryption), so the suites drive encrypted
kernels, and test_kernels_get_curve_keys checks that they did.

The debugger suite picks its cell's code by the kernelspec's language, so it also runs against ipykernel:
    CALLISTO_KERNEL=python3 PATH=.venv/bin:$PATH .venv/bin/python -m pytest tests/e2e/test_browser.py -k debugger
"""
import json
import os
import pathlib
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from jupyter_client.kernelspec import KernelSpecManager

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts" / "e2e"
KERNEL = os.environ.get("CALLISTO_KERNEL", "callisto-test")
CHROMIUM = os.environ.get("CALLISTO_E2E_CHROMIUM", "/usr/bin/chromium")
SUITE_TIMEOUT = 600
TRANSPORT_ENCRYPTION = os.environ.get("CALLISTO_TRANSPORT_ENCRYPTION", "").strip().lower()
ENCRYPTED = TRANSPORT_ENCRYPTION not in ("", "disabled")

# JupyterLab settings for the run: cell timing recorded (jupyterlab-execute-time shows it), and no
# news or update checks, whose notifications would reach for the network and cover the page.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"recordTiming": True},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "checkForUpdates": False, "fetchNews": "false"},
}


def missing_parts():
    missing = []
    if not shutil.which("node"):
        missing.append("node")
    if not (HERE / "node_modules" / "playwright-core").is_dir():
        missing.append("playwright-core (run `npm ci` in tests/e2e)")
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    return missing


@pytest.fixture(scope="module", autouse=True)
def browser_parts():
    missing = missing_parts()
    if missing:
        reason = "browser suites need " + ", ".join(missing)
        if os.environ.get("CALLISTO_E2E") == "required":
            pytest.fail(reason)
        pytest.skip(reason)


def free_port():
    """A port free at this moment. Another process (a kernel another test or build starts) can take it
    before the server binds it; start_server then tries again with another."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


SERVER_ATTEMPTS = 3


@pytest.fixture(scope="module")
def jupyter_server(tmp_path_factory, browser_parts):
    base = tmp_path_factory.mktemp("jupyter")
    notebooks = base / "root"
    notebooks.mkdir()
    example = json.loads((ROOT / "examples" / "hello.ipynb").read_text())
    example["metadata"]["kernelspec"]["name"] = KERNEL
    (notebooks / "hello.ipynb").write_text(json.dumps(example, indent=1))
    settings = base / "settings"
    for name, values in LAB_SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values))

    token = secrets.token_hex(16)
    runtime = base / "runtime"  # the kernels' connection files, where test_kernels_get_curve_keys reads them
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(base / "workspaces"), JUPYTER_RUNTIME_DIR=str(runtime))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    server, log, url = start_server(notebooks, token, env)
    try:
        yield {"url": url, "token": token, "runtime": runtime}
    finally:
        # SIGTERM lets the server shut its kernels down; the whole group goes if it does not.
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def start_server(notebooks, token, env):
    """Starts jupyter lab on a free port and waits until it serves; returns (process, log, url). A port
    taken between free_port() and the server's bind is tried again with another, up to SERVER_ATTEMPTS."""
    log_path = ARTIFACTS / "jupyter-server.log"
    for attempt in range(1, SERVER_ATTEMPTS + 1):
        port = free_port()
        log = open(log_path, "w")
        server = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
             "--ip=127.0.0.1", f"--port={port}", "--port-retries=0",
             f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={notebooks}",
             "--LabApp.extension_manager=readonly"]
            + ([f"--MappingKernelManager.transport_encryption={TRANSPORT_ENCRYPTION}"] if ENCRYPTED else []),
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        url = f"http://127.0.0.1:{port}/"
        if wait_until_serving(server, f"{url}api/status?token={token}", log_path):
            return server, log, url
        log.close()
        print(f"port {port} was taken before jupyter lab bound it (attempt {attempt} of {SERVER_ATTEMPTS})")
    pytest.fail(f"jupyter lab found its port taken {SERVER_ATTEMPTS} times; see {log_path}")


def wait_until_serving(server, status_url, log_path, timeout=90):
    """True once the server answers; False if it exited because its port was taken; fails otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            if "already in use" in log_path.read_text(errors="replace"):
                return False
            pytest.fail(f"jupyter lab exited with {server.returncode}; see {log_path}")
        try:
            with urllib.request.urlopen(status_url, timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.25)  # polling a server that is starting; nothing to wait on instead
    pytest.fail(f"jupyter lab did not answer within {timeout} s")


def run_suite(jupyter_server, suite):
    spec = KernelSpecManager().get_kernel_spec(KERNEL)
    env = dict(os.environ,
               CALLISTO_E2E_URL=jupyter_server["url"],
               CALLISTO_E2E_TOKEN=jupyter_server["token"],
               CALLISTO_E2E_KERNEL=spec.display_name,
               CALLISTO_E2E_LANGUAGE=spec.language,
               CALLISTO_E2E_SCREENSHOTS=str(ARTIFACTS),
               CALLISTO_E2E_CHROMIUM=CHROMIUM)
    result = subprocess.run(
        ["node", "--test", "--test-concurrency=1", "--test-reporter=spec", suite],
        cwd=HERE, env=env, capture_output=True, text=True, timeout=SUITE_TIMEOUT)
    print(result.stdout, result.stderr, sep="\n")
    assert result.returncode == 0, f"{suite} failed:\n{result.stdout}\n{result.stderr}"


def test_jupyterlab(jupyter_server):
    run_suite(jupyter_server, "jupyterlab.test.mjs")


def test_notebook7(jupyter_server):
    run_suite(jupyter_server, "notebook7.test.mjs")


def test_debugger(jupyter_server):
    """JupyterLab's debugger: breakpoint, stop, variables, Next, Continue. Runs against any kernelspec whose
    language the suite has code for (java, python), so CALLISTO_KERNEL=python3 shows ipykernel doing it."""
    run_suite(jupyter_server, "debugger.test.mjs")


def test_widgets(jupyter_server):
    """Java widgets with jupyterlab_widgets: a slider observed from Java, a Button's click printing under its
    cell, an IntProgress advancing during a loop, an Output widget, and a reload with the widgets live."""
    run_suite(jupyter_server, "widgets.test.mjs")


@pytest.mark.skipif(not ENCRYPTED, reason="the encrypted pass only (CALLISTO_TRANSPORT_ENCRYPTION)")
def test_kernels_get_curve_keys(jupyter_server):
    """In the encrypted pass, a kernel the server starts has CurveZMQ keys in its connection file and answers
    over them: the browser suites above drove kernels like it."""
    api = f"{jupyter_server['url']}api/kernels?token={jupyter_server['token']}"
    request = urllib.request.Request(api, data=json.dumps({"name": KERNEL}).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        kernel_id = json.load(response)["id"]
    try:
        connection = json.loads((jupyter_server["runtime"] / f"kernel-{kernel_id}.json").read_text())
        assert len(connection.get("curve_secretkey", "")) == 40, "the server gave the kernel no CurveZMQ key"
        from jupyter_client import BlockingKernelClient
        client = BlockingKernelClient()
        client.load_connection_info(connection)
        client.start_channels()
        try:
            reply = client.execute_interactive("6 * 7", timeout=90)
            assert reply["content"]["status"] == "ok"
        finally:
            client.stop_channels()
    finally:
        delete = urllib.request.Request(f"{jupyter_server['url']}api/kernels/{kernel_id}?token={jupyter_server['token']}",
                                        method="DELETE")
        urllib.request.urlopen(delete, timeout=60).close()
