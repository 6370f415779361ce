"""Callisto's benchmarks: figures, not pass/fail.

    bench/run [KERNELSPEC ...]      (default: java) — each kernelspec in turn, same invocation

Talks to each kernel over raw ZeroMQ sockets with jupyter_client's Session for the wire format
(jupyter_client's blocking client adds ~10 ms a message and would hide the kernel's own speed).
Prints a table with ratios against the first kernelspec and writes bench/results.json.
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

import zmq
from jupyter_client import KernelManager
from jupyter_client.session import Session

INTERRUPT_CASES = {
    "tight loop": "for (;;) { }",
    "loop in library code": 'String.join("", Collections.nCopies(Integer.MAX_VALUE / 4, "ab")).length();',
    "Thread.sleep": "Thread.sleep(600_000);",
    "Object.wait": "Object lock = new Object(); synchronized (lock) { lock.wait(); }",
    "BlockingQueue.take": "new LinkedBlockingQueue<String>().take();",
    "stdin read": "new Scanner(System.in).nextLine();",
}


class RawClient:
    def __init__(self, km):
        info = km.get_connection_info(session=False)
        self.session = Session(key=info["key"], signature_scheme=info["signature_scheme"])
        self.context = zmq.Context()
        ident = self.session.bsession

        def connect(kind, port, identity=None):
            socket = self.context.socket(kind)
            if identity:
                socket.setsockopt(zmq.IDENTITY, identity)
            socket.linger = 0
            socket.connect(f"{info['transport']}://{info['ip']}:{info[port]}")
            return socket

        self.shell = connect(zmq.DEALER, "shell_port", ident)
        self.control = connect(zmq.DEALER, "control_port")
        self.stdin = connect(zmq.DEALER, "stdin_port", ident)
        self.iopub = connect(zmq.SUB, "iopub_port")
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")
        self.poller = zmq.Poller()
        for socket in (self.shell, self.control, self.stdin, self.iopub):
            self.poller.register(socket, zmq.POLLIN)

    def send(self, socket, msg_type, content):
        message = self.session.msg(msg_type, content)
        self.session.send(socket, message)
        return message["header"]["msg_id"]

    def execute(self, code, allow_stdin=False):
        return self.send(self.shell, "execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": allow_stdin, "stop_on_error": False})

    def receive(self, timeout):
        """Yields (socket name, message) until timeout seconds pass with nothing."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            for socket, _ in self.poller.poll(left * 1000):
                _, frames = self.session.feed_identities(socket.recv_multipart())
                message = self.session.deserialize(frames)
                name = {self.shell: "shell", self.control: "control", self.stdin: "stdin", self.iopub: "iopub"}[socket]
                yield name, message

    def wait_for(self, predicate, timeout=120):
        for name, message in self.receive(timeout):
            if predicate(name, message):
                return message
        raise TimeoutError("no matching message")

    def run(self, code, timeout=120):
        """Executes code and waits for its idle status; returns (reply, seconds, iopub messages)."""
        start = time.perf_counter()
        msg_id = self.execute(code)
        reply, outputs = None, []
        for name, message in self.receive(timeout):
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            if name == "shell":
                reply = message
            elif name == "iopub":
                outputs.append(message)
                if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                    return reply, time.perf_counter() - start, outputs
        raise TimeoutError(code)

    def close(self):
        self.context.destroy(linger=0)


def process_tree(pid):
    """A process and all its descendants. A child is listed under the thread that started it, so
    every thread's children file is read (a JVM starts processes from threads other than main)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        for children in pathlib.Path(f"/proc/{current}/task").glob("*/children"):
            try:
                pending.extend(int(child) for child in children.read_text().split())
            except (FileNotFoundError, ProcessLookupError):
                pass
    return found


def process_tree_cpu_seconds(pid):
    """User+system CPU seconds of a process and all its descendants, from /proc."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for current in process_tree(pid):
        try:
            fields = pathlib.Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total


def process_tree_rss_mb(pid):
    """Resident memory of a process and all its descendants (kernel plus executor JVMs), in MB."""
    total = 0
    for current in process_tree(pid):
        try:
            status = pathlib.Path(f"/proc/{current}/status").read_text()
            total += int(status.split("VmRSS:")[1].split()[0])
        except (FileNotFoundError, ProcessLookupError, IndexError):
            pass
    return total / 1024


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def wait_until_answering(client, timeout=120):
    """Sends kernel_info_request until one is answered (a kernel binds its sockets some time after start)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg_id = client.send(client.shell, "kernel_info_request", {})
        try:
            client.wait_for(lambda n, m: n == "shell" and m["parent_header"].get("msg_id") == msg_id, timeout=1)
            return
        except TimeoutError:
            continue
    raise TimeoutError("kernel_info_request unanswered")


def bench_kernel(name, cells):
    """Every figure for one kernelspec. Another kernel may fail a case (an interrupt that does not stop
    the cell, System.exit ending the kernel): the figure then says what happened, the kernel is restarted
    if it has to be, and the run goes on."""
    figures = {}
    km = KernelManager(kernel_name=name)
    # The kernel's own output goes to a log file beside the results, out of the table's way.
    log = open(pathlib.Path(__file__).parent / f"kernel-{name}.log", "w")
    start = time.perf_counter()
    km.start_kernel(stdout=log, stderr=log)
    client = RawClient(km)

    def kernel_pid():
        return km.provisioner.process.pid if km.provisioner and km.provisioner.process else None

    def restart():
        km.restart_kernel(now=True)  # same ports, so the raw sockets reconnect by themselves
        wait_until_answering(client)
        time.sleep(0.5)

    try:
        wait_until_answering(client)
        figures["startup_to_kernel_info_s"] = time.perf_counter() - start
        time.sleep(0.5)  # let the subscription settle before timing cells
        _, first, _ = client.run("1 + 1")
        figures["first_cell_ms"] = first * 1000
        if kernel_pid():
            figures["resident_memory_at_start_mb"] = process_tree_rss_mb(kernel_pid())

        times = [client.run(f"{i} + 1")[1] * 1000 for i in range(cells)]
        figures["trivial_cell_p50_ms"] = percentile(times, 0.5)
        figures["trivial_cell_p90_ms"] = percentile(times, 0.9)

        client.run('String text = "callisto";')
        completion_times = []
        for i in range(50):
            start = time.perf_counter()
            msg_id = client.send(client.shell, "complete_request", {"code": "text.toUpp", "cursor_pos": 10})
            client.wait_for(lambda n, m: n == "shell" and m["parent_header"].get("msg_id") == msg_id)
            completion_times.append((time.perf_counter() - start) * 1000)
        figures["member_completion_p50_ms"] = percentile(completion_times, 0.5)
        figures["member_completion_p90_ms"] = percentile(completion_times, 0.9)

        try:
            _, elapsed, outputs = client.run("for (int i = 0; i < 100000; i++) System.out.println(i);", timeout=180)
            text = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")
            figures["print_100k_lines_s"] = elapsed
            figures["print_100k_lines_received"] = text.count("\n")
            figures["print_100k_lines_messages"] = sum(1 for m in outputs if m["msg_type"] == "stream")
        except TimeoutError:
            figures["print_100k_lines_s"] = "not idle in 180 s"
            restart()

        for case, code in INTERRUPT_CASES.items():
            stdin = case == "stdin read"
            msg_id = client.execute('{ System.out.println("running");\n' + code + "\n}", allow_stdin=stdin)
            try:
                client.wait_for(lambda n, m: (n == "stdin" if stdin else (n == "iopub" and m["msg_type"] == "stream"))
                                and m["parent_header"].get("msg_id") == msg_id, timeout=60)
            except TimeoutError:
                figures[f"interrupt_{case}_ms"] = "cell did not start"
                restart()
                continue
            sent = time.perf_counter()
            client.send(client.control, "interrupt_request", {})
            replied = True
            try:
                reply = client.wait_for(lambda n, m: n == "shell" and m["parent_header"].get("msg_id") == msg_id, timeout=10)
                figures[f"interrupt_{case}_ms"] = (time.perf_counter() - sent) * 1000
                figures[f"interrupt_{case}_ename"] = reply["content"].get("ename", "")
            except TimeoutError:
                replied = False
                figures[f"interrupt_{case}_ms"] = "not stopped in 10 s"
            if kernel_pid():
                # The second after a one-second settle: a cell still spinning shows as ~100 %, while the
                # kernel's own JIT compiling right after a cell (up to ~15 % of that first second) is over.
                time.sleep(1.0)
                before = process_tree_cpu_seconds(kernel_pid())
                time.sleep(1.0)
                figures[f"interrupt_{case}_cpu_after_%"] = (process_tree_cpu_seconds(kernel_pid()) - before) * 100
            if not replied:
                restart()

        try:
            client.run("System.exit(0);", timeout=30)
            _, restarted, _ = client.run("1 + 1", timeout=30)
            figures["cell_after_system_exit_ms"] = restarted * 1000
        except TimeoutError:
            figures["cell_after_system_exit_ms"] = "kernel gone" if not km.is_alive() else "no answer in 30 s"
            restart()

        # A notebook of 50 declarations (methods, records, classes, interfaces, imports), then an exit: the
        # exit's own cell (which includes handing over to a fresh executor with the definitions restored),
        # and the next cell, which uses them.
        try:
            for code in FIFTY_DECLARATIONS:
                client.run(code, timeout=60)
            time.sleep(2)  # a user's pause before the next cell
            _, exiting, _ = client.run("System.exit(3);", timeout=30)
            figures["exit_with_50_declarations_cell_ms"] = exiting * 1000
            reply, after, outputs = client.run("m19(1) + new Point9(1, 2).sum()", timeout=30)
            figures["cell_after_exit_with_50_declarations_ms"] = after * 1000
            figures["definitions_after_exit"] = "restored" if reply["content"]["status"] == "ok" else "lost"
        except TimeoutError:
            figures["exit_with_50_declarations_cell_ms"] = "kernel gone" if not km.is_alive() else "no answer in 30 s"
            restart()

        if kernel_pid():
            figures["resident_memory_after_run_mb"] = process_tree_rss_mb(kernel_pid())
            time.sleep(3)  # let the warm spare executor finish starting and the JIT settle
            before = process_tree_cpu_seconds(kernel_pid())
            time.sleep(5)
            figures["idle_cpu_%"] = (process_tree_cpu_seconds(kernel_pid()) - before) / 5 * 100
    finally:
        client.close()
        km.shutdown_kernel(now=True)
        log.close()
    return figures


FIFTY_DECLARATIONS = (
    [f"int m{i}(int x) {{ return x + {i}; }}" for i in range(20)]
    + [f"record Point{i}(int x, int y) {{ int sum() {{ return x + y + {i}; }} }}" for i in range(10)]
    + [f"class Counter{i} {{ private int n; int next() {{ return n += {i}; }} }}" for i in range(10)]
    + [f"interface Shape{i} {{ double area(); default String name() {{ return \"s{i}\"; }} }}" for i in range(5)]
    + [f"import {p};" for p in ["java.time.*", "java.text.*", "java.nio.charset.*", "java.util.function.*",
                                "java.lang.reflect.*"]]
)


def in_process_jshell(cells):
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
    source = pathlib.Path(__file__).parent / "InProcessJShell.java"
    output = subprocess.run([java, str(source), str(cells)], capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description="Callisto benchmarks")
    parser.add_argument("kernels", nargs="*", default=["java"], help="kernelspec names; the first is the baseline")
    parser.add_argument("--cells", type=int, default=200, help="trivial cells to time")
    parser.add_argument("--out", default=str(pathlib.Path(__file__).parent / "results.json"))
    args = parser.parse_args()

    results = {name: bench_kernel(name, args.cells) for name in args.kernels}
    results["in-process JShell (reference)"] = in_process_jshell(args.cells)

    rows = sorted({key for figures in results.values() for key in figures})
    base = results[args.kernels[0]]
    width = max(len(row) for row in rows)
    print(f"{'figure':{width}}  " + "  ".join(f"{name[:24]:>24}" for name in results))
    for row in rows:
        cells = []
        for name, figures in results.items():
            value = figures.get(row, "")
            if isinstance(value, float):
                text = f"{value:.1f}"
                if name != args.kernels[0] and isinstance(base.get(row), float) and base[row]:
                    text += f" ({value / base[row]:.2f}x)"
            else:
                text = str(value)
            cells.append(f"{text:>24}")
        print(f"{row:{width}}  " + "  ".join(cells))
    pathlib.Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    sys.exit(main())
