"""A kernel whose client is gone exits: a launcher process starts Callisto through jupyter_client's
KernelManager (which sets JPY_PARENT_PID) and runs a cell, so the executor JVMs are up; the launcher is then
killed with SIGKILL, leaving the kernel orphaned, and the kernel JVM and every executor JVM must be gone within
a deadline. Waits poll with a deadline; whatever is left is killed in finally."""
import os
import signal
import subprocess
import sys
import textwrap
import time

import psutil

KERNEL = os.environ.get("CALLISTO_KERNEL", "java")
EXIT_DEADLINE_S = 20  # the kernel polls its parent every second; the rest is JVM exit on a loaded machine

LAUNCHER = textwrap.dedent("""
    import sys, time
    from jupyter_client import KernelManager
    km = KernelManager(kernel_name=sys.argv[1])
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    reply = kc.execute_interactive("1 + 1", timeout=120, output_hook=lambda msg: None)
    print("ready", reply["content"]["status"], flush=True)
    while True:
        time.sleep(3600)
""")


def _descendants(pid):
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _alive(processes):
    alive = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                alive.append(process)
        except psutil.NoSuchProcess:
            pass
    return alive


def _with_new_descendants(family, roots):
    """The family plus any process started since under the roots (the kernel starts a spare executor)."""
    known = {p.pid for p in family}
    for root in _alive(roots):
        for child in _descendants(root.pid):
            if child.pid not in known:
                family.append(child)
                known.add(child.pid)
    return family


def _cmdline(process):
    try:
        return " ".join(process.cmdline())
    except psutil.Error:
        return ""


def test_kernel_and_executors_exit_when_the_launcher_is_killed():
    launcher = subprocess.Popen([sys.executable, "-c", LAUNCHER, KERNEL], stdout=subprocess.PIPE, text=True)
    family = []
    try:
        line = launcher.stdout.readline()
        assert line.split() == ["ready", "ok"], f"the launcher did not get the kernel ready: {line!r}"
        family = _descendants(launcher.pid)
        kernels = [p for p in family if "callisto.jar" in _cmdline(p)]
        executors = [p for p in family if "ExecutorMain" in _cmdline(p)]
        assert kernels, f"no kernel JVM under the launcher: {[_cmdline(p) for p in family]}"
        assert executors, f"no executor JVM under the kernel: {[_cmdline(p) for p in family]}"

        os.kill(launcher.pid, signal.SIGKILL)
        launcher.wait(timeout=10)
        killed_at = time.monotonic()

        deadline = killed_at + EXIT_DEADLINE_S
        while _alive(family) and time.monotonic() < deadline:
            _with_new_descendants(family, kernels)
            time.sleep(0.1)
        left = _alive(family)
        assert not left, f"still running {EXIT_DEADLINE_S} s after the launcher died: {[_cmdline(p) for p in left]}"
        print(f"kernel and {len(executors)} executor(s) gone {time.monotonic() - killed_at:.1f} s after the launcher")
    finally:
        if launcher.poll() is None:
            launcher.kill()
            launcher.wait()
        for process in family + _descendants(launcher.pid):
            try:
                process.kill()
            except psutil.Error:
                pass
