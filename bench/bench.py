"""Callisto's benchmarks: figures, not pass/fail.

    bench/run [KERNELSPEC ...]      (default: java) — each kernelspec in turn, same invocation
    bench/run --only debugger K ... just the debugger figures (a minute, not eight)
    bench/run --only comms K ...    just the comm figures
    bench/run --only encryption K   just the CurveZMQ figures
    bench/run --only session K ...  just the session figures (the first minute, growth, memory; 7-11 min a kernel)
    bench/run --only spark K ...    just the Spark figures (not in the default run: a cluster and 200 MB of jars)

The debugger figures (for a kernelspec whose metadata says debugger: true; "n/a" for one that does not)
run in two kernels of their own, so that attaching a debugger cannot colour the other figures: trivial
cells in blocks, in turn in a kernel whose debugger is off and in one whose debugger is on (debug_request
initialize, attach, configurationDone on the control channel, no breakpoints), and the time from a
`continue` to the next `stopped` debug_event with a breakpoint in a loop's body. --only debugger merges
its figures into an existing results.json.

The comm figures (a kernel of their own too; "n/a" for a kernelspec whose cells cannot register a comm
target, JJava's) time a frontend comm_msg to the reply the cell-registered listener sends back (a comm_msg on
IOPub): with the kernel idle, and while a cell spins in a loop (stopped by an interrupt afterwards). A kernel
that handles comm messages only between cells says so instead of the second pair of figures.

The encryption figures run the trivial cells and the 100,000-line print twice, each in a kernel of its own: one
started with jupyter_client's transport_encryption "disabled", one with "required" (CurveZMQ on every socket),
and print their ratio ("n/a" for a kernelspec that does not declare supported_encryption: ["curve"]).

The session figures (issue 16) run in kernels of their own: the start to the first result (an execute sent the
moment kernel_info_reply arrives, until its execute_reply), the median of the first 20 trivial cells, the memory
of the kernel's process tree at start, after the run and 60 s idle after it, idle CPU (in the 3 s right after
kernel_info_reply, and over 5 s once idle), and the growth of the trivial-cell p50 after 2,000 evaluations: 200
re-runs of 10 cells (RERUN_CELLS) in one kernel and 1,000 distinct cells of a variable and a method in another,
each as a ratio to the p50 before; the memory once the first kernel has run 3,500 cells (more re-runs); then a
40-cell teaching notebook (TEACHING_NOTEBOOK) through nbclient, wall time with the kernel's start. A kernelspec
whose language is not Java gets only the language-neutral figures.

The Spark figures (--only spark; Spark's jars and a standalone cluster on loopback from tests/spark_cluster.py)
time a word count over 50 MB of generated text with the typed Dataset API and cell lambdas, in one kernel, with
master local[2] and then against the cluster (a worker with 2 cores): the median of three runs after a warm-up
run. A kernel whose cell classes cannot reach the cluster's executors gets the error instead of a figure. They
also time 100 cells that each declare a method (each writes its class file for Spark's executors) and 100 trivial
cells, with Spark on the classpath (before Spark appears nothing is written), in a kernel with the class directory and in one started with CALLISTO_JVM_OPTS=-Dcallisto.replClassDir=
(none), side by side in alternating blocks; "n/a" for a kernelspec that is not Callisto.

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
import uuid

import zmq
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager
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
            if info.get("curve_publickey"):  # an encrypted kernel: a CurveZMQ client with a fresh keypair
                public, secret = zmq.curve_keypair()
                socket.curve_publickey, socket.curve_secretkey = public, secret
                socket.curve_serverkey = info["curve_publickey"].encode()
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
        """Executes code and waits for its reply and its idle status (the two sockets' order varies); returns
        (reply, seconds, iopub messages)."""
        start = time.perf_counter()
        msg_id = self.execute(code)
        reply, outputs, idle = None, [], False
        for name, message in self.receive(timeout):
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            if name == "shell":
                reply = message
            elif name == "iopub":
                outputs.append(message)
                idle = idle or message["msg_type"] == "status" and message["content"]["execution_state"] == "idle"
            if reply is not None and idle:
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


def wait_until_publishing(client, timeout=60):
    """Sends kernel_info_request until its busy status arrives on IOPub: a SUB socket hears nothing published
    before its subscription has reached the kernel, and a cell's idle lost that way would wait forever."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg_id = client.send(client.shell, "kernel_info_request", {})
        try:
            client.wait_for(lambda n, m: n == "iopub" and m["msg_type"] == "status"
                            and m["parent_header"].get("msg_id") == msg_id, timeout=1)
            return
        except TimeoutError:
            continue
    raise TimeoutError("no status on IOPub")


def kernel_pid(km):
    """The kernel process's pid, or None when the provisioner does not say (a remote kernel)."""
    return km.provisioner.process.pid if km.provisioner and km.provisioner.process else None


def start_kernel(name, log_suffix="", transport_encryption="disabled", env=None):
    """Starts a kernelspec; its own output goes to a log file beside the results, out of the table's way.
    Returns the manager, a client, the log and the moment the kernel was started."""
    km = KernelManager(kernel_name=name, transport_encryption=transport_encryption)
    log = open(pathlib.Path(__file__).parent / f"kernel-{name}{log_suffix}.log", "w")
    started = time.perf_counter()
    km.start_kernel(stdout=log, stderr=log, **({"env": env} if env else {}))
    return km, RawClient(km), log, started


def member_completion(client):
    """Member completion after a dot: one request repeated, and what a user typing on from a dot sends."""
    figures = {}
    client.run('String text = "callisto";')
    completion_times = []
    for i in range(50):
        start = time.perf_counter()
        msg_id = client.send(client.shell, "complete_request", {"code": "text.toUpp", "cursor_pos": 10})
        client.wait_for(lambda n, m: n == "shell" and m["parent_header"].get("msg_id") == msg_id)
        completion_times.append((time.perf_counter() - start) * 1000)
    figures["member_completion_p50_ms"] = percentile(completion_times, 0.5)
    figures["member_completion_p90_ms"] = percentile(completion_times, 0.9)
    # The same request fifty times can be answered from what the kernel kept; a user types on from a dot
    # instead: "word." on a receiver not asked about before, then "word.t", "word.to", "word.toU".
    new_receiver, typing_on = [], []
    for i in range(10):
        client.run(f'String word{i} = "callisto";')
        for k, typed in enumerate(("", "t", "to", "toU")):
            code = f"word{i}.{typed}"
            start = time.perf_counter()
            msg_id = client.send(client.shell, "complete_request", {"code": code, "cursor_pos": len(code)})
            client.wait_for(lambda n, m: n == "shell" and m["parent_header"].get("msg_id") == msg_id)
            (typing_on if k else new_receiver).append((time.perf_counter() - start) * 1000)
    figures["member_completion_new_receiver_p50_ms"] = percentile(new_receiver, 0.5)
    figures["member_completion_typing_on_p50_ms"] = percentile(typing_on, 0.5)
    return figures


def bench_editor(name):
    """Member completion in a kernel of its own, after 200 cells (bench/run --only editor)."""
    km, client, log, _ = start_kernel(name, "-editor")
    try:
        wait_until_answering(client)
        wait_until_publishing(client)
        for i in range(200):
            client.run(f"{i} + 1")
        return member_completion(client)
    finally:
        client.close()
        km.shutdown_kernel(now=True)
        log.close()


def bench_kernel(name, cells):
    """Every figure for one kernelspec. Another kernel may fail a case (an interrupt that does not stop
    the cell, System.exit ending the kernel): the figure then says what happened, the kernel is restarted
    if it has to be, and the run goes on."""
    figures = {}
    km, client, log, start = start_kernel(name)

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
        if kernel_pid(km):
            figures["resident_memory_at_start_mb"] = process_tree_rss_mb(kernel_pid(km))

        times = [client.run(f"{i} + 1")[1] * 1000 for i in range(cells)]
        figures["trivial_cell_p50_ms"] = percentile(times, 0.5)
        figures["trivial_cell_p90_ms"] = percentile(times, 0.9)

        figures.update(member_completion(client))

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
            if kernel_pid(km):
                # The second after a one-second settle: a cell still spinning shows as ~100 %, while the
                # kernel's own JIT compiling right after a cell (up to ~15 % of that first second) is over.
                time.sleep(1.0)
                before = process_tree_cpu_seconds(kernel_pid(km))
                time.sleep(1.0)
                figures[f"interrupt_{case}_cpu_after_%"] = (process_tree_cpu_seconds(kernel_pid(km)) - before) * 100
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

        if kernel_pid(km):
            figures["resident_memory_after_run_mb"] = process_tree_rss_mb(kernel_pid(km))
            time.sleep(3)  # let the warm spare executor finish starting and the JIT settle
            before = process_tree_cpu_seconds(kernel_pid(km))
            time.sleep(5)
            figures["idle_cpu_%"] = (process_tree_cpu_seconds(kernel_pid(km)) - before) / 5 * 100
    finally:
        client.close()
        km.shutdown_kernel(now=True)
        log.close()
    return figures


# The loop whose body line (3 in both) holds the breakpoint; enough iterations for every stop asked for.
DEBUG_LOOP_CELLS = {
    "python": "total = 0\nfor i in range({n}):\n    total += i\ntotal\n",
    "java": "int total = 0;\nfor (int i = 0; i < {n}; i++) {{\n    total += i;\n}}\ntotal\n",
}
DEBUG_LOOP_BODY_LINE = 3
# Goals printed beside a figure, never asserted.
GOALS = {"debugger_trivial_cell_ratio_on_off_p50": "goal <= 1.2x", "debugger_trivial_cell_ratio_on_off_p90": "goal <= 1.2x",
         "encryption_ratio_curve_plain_trivial_cell_p50": "goal <= 1.1x",
         "encryption_ratio_curve_plain_print_100k_lines": "goal <= 1.1x"}
DEBUGGER_FIGURES = (
    "debugger_trivial_cell_off_p50_ms", "debugger_trivial_cell_off_p90_ms",
    "debugger_trivial_cell_on_p50_ms", "debugger_trivial_cell_on_p90_ms",
    "debugger_trivial_cell_ratio_on_off_p50", "debugger_trivial_cell_ratio_on_off_p90",
    "debugger_continue_to_stopped_p50_ms", "debugger_continue_to_stopped_p90_ms",
)


class DebugFailure(Exception):
    """A debug_request answered success:false, or something that never came: the figure says which."""


class DebugClient:
    """debug_request on the control channel, debug_event on IOPub, over the bench's raw sockets. Every
    debug_event is kept with the moment it arrived, also while a reply is awaited, so a `stopped` that
    comes before the `continue` reply is timed from when it came, not from when it was looked for."""

    def __init__(self, client, trace=False):
        self.client = client
        self.trace = trace
        self.seq = 0
        self.events = []  # (perf_counter when received, DAP event)
        self.consumed = 0  # events before this index have been waited for, or are stale
        self.replies = {}  # parent msg_id -> shell reply, for cells whose reply came while something else was awaited
        self.started = time.perf_counter()

    def log(self, text):
        if self.trace:
            print(f"  [{(time.perf_counter() - self.started) * 1000:9.1f} ms] {text}", file=sys.stderr, flush=True)

    def read(self, timeout):
        for name, message in self.client.receive(timeout):
            received = time.perf_counter()
            kind = message["msg_type"]
            if kind == "debug_event":
                self.events.append((received, message["content"]))
                body = message["content"].get("body")
                self.log(f"iopub   debug_event {message['content'].get('event')} {json.dumps(body)[:200]}")
            elif name == "shell":
                self.replies[message["parent_header"].get("msg_id")] = message
                self.log(f"shell   {kind} {message['content'].get('status')}")
            elif kind == "debug_reply":
                content = message["content"]
                self.log(f"control debug_reply {content.get('command')} success={content.get('success')} "
                         f"{json.dumps(content.get('body'))[:200]}")
            elif kind == "status" and self.trace and message["parent_header"].get("msg_type") != "debug_request":
                self.log(f"iopub   status {message['content']['execution_state']} "
                         f"({message['parent_header'].get('msg_type')})")
            yield name, message, received

    def request(self, command, arguments=None, timeout=30):
        self.seq += 1
        msg_id = self.client.send(self.client.control, "debug_request", {
            "type": "request", "seq": self.seq, "command": command, "arguments": arguments or {}})
        self.log(f"control debug_request {command} {json.dumps(arguments or {})[:200]}")
        for name, message, _ in self.read(timeout):
            if name == "control" and message["parent_header"].get("msg_id") == msg_id:
                content = message["content"]
                if not content.get("success"):
                    raise DebugFailure(f"{command}: {content.get('message') or 'success false'}")
                return content.get("body") or {}
        raise DebugFailure(f"{command}: no debug_reply in {timeout} s")

    def skip_events(self):
        """Events seen so far are not waited for any more."""
        self.consumed = len(self.events)

    def event(self, name, timeout=30):
        """The next debug_event called name (after the last one waited for): (time it came, DAP event)."""
        deadline = time.monotonic() + timeout
        while True:
            for index in range(self.consumed, len(self.events)):
                if self.events[index][1].get("event") == name:
                    self.consumed = index + 1
                    return self.events[index]
            left = deadline - time.monotonic()
            if left <= 0:
                raise DebugFailure(f"no {name} debug_event in {timeout} s")
            for _ in self.read(min(left, 0.2)):
                break

    def reply(self, msg_id, timeout=30):
        deadline = time.monotonic() + timeout
        while msg_id not in self.replies:
            left = deadline - time.monotonic()
            if left <= 0:
                raise DebugFailure(f"no execute_reply in {timeout} s")
            for _ in self.read(min(left, 0.2)):
                break
        return self.replies.pop(msg_id)


def debugger_declared(name):
    return bool(KernelSpecManager().get_kernel_spec(name).metadata.get("debugger"))


def bench_debugger(name, cells, stops, trace=False, rounds=4):
    """The debugger figures for one kernelspec, in two kernels of their own started side by side: one whose
    debugger is never started, one whose debugger is started as JupyterLab starts it (initialize, attach,
    configurationDone) and stays on. Trivial cells run in blocks, one kernel's then the other's, in the
    order off on, on off, off on, …, so that a build starting on the machine halfway through, and the
    kernels getting faster as the JIT warms them, weigh on both sides of the ratio alike; a block starts
    half a second after the other kernel's last cell. Not a cell here, a cell there: on two cores each
    kernel's work after a cell slowed the other's next one (28 → 50 ms p50). Not one kernel switched off
    and on with disconnect: ipykernel's cells stay slower after a disconnect than before the first
    initialize. Then, in the second kernel, continue → stopped with a breakpoint in a loop. A step that
    fails or never comes gives its figures a word instead."""
    if not debugger_declared(name):
        return {figure: "n/a" for figure in DEBUGGER_FIGURES}
    language = KernelSpecManager().get_kernel_spec(name).language.lower()
    figures = {}
    started = []
    try:
        for side in ("off", "on"):
            started.append(start_kernel(name, f"-debugger-{side}"))
        (_, plain, _, _), (_, client, _, _) = started
        debug = DebugClient(client, trace)
        for kernel in (plain, client):
            wait_until_answering(kernel)
        time.sleep(0.5)
        for kernel in (plain, client):
            for i in range(30):  # warm up, so that neither side of the comparison has its kernel's first cells
                kernel.run(f"{i} + 1")

        def block(kernel, times, count, side):
            time.sleep(0.5)  # the other kernel keeps a core busy for up to ~0.3 s after its last cell
            for i in range(2):  # unmeasured
                kernel.run(f"{i} + 1")
            measured = [kernel.run(f"{i} + 1")[1] * 1000 for i in range(count)]
            debug.log(f"{count} trivial cells, debugger {side}: p50 {percentile(measured, 0.5):.1f} ms, "
                      f"p90 {percentile(measured, 0.9):.1f} ms")
            times.extend(measured)

        stage = "debugger on"
        try:
            debug.request("initialize", {
                "clientID": "jupyterlab", "clientName": "JupyterLab", "adapterID": name, "pathFormat": "path",
                "linesStartAt1": True, "columnsStartAt1": True, "supportsVariableType": True,
                "supportsVariablePaging": True, "supportsRunInTerminalRequest": True, "locale": "en"})
            debug.request("attach")
            debug.request("configurationDone")
            off, on = [], []
            for turn in range(rounds):
                count = cells // rounds + (1 if turn < cells % rounds else 0)
                for side in (("off", "on") if turn % 2 == 0 else ("on", "off")):
                    block(plain if side == "off" else client, off if side == "off" else on, count, side)
            for p, fraction in (("p50", 0.5), ("p90", 0.9)):
                figures[f"debugger_trivial_cell_off_{p}_ms"] = percentile(off, fraction)
                figures[f"debugger_trivial_cell_on_{p}_ms"] = percentile(on, fraction)
                figures[f"debugger_trivial_cell_ratio_on_off_{p}"] = (
                    figures[f"debugger_trivial_cell_on_{p}_ms"] / figures[f"debugger_trivial_cell_off_{p}_ms"])

            stage = "continue to stopped"
            code = DEBUG_LOOP_CELLS.get(language, DEBUG_LOOP_CELLS["java"]).format(n=stops + 20)
            path = debug.request("dumpCell", {"code": code})["sourcePath"]
            set_reply = debug.request("setBreakpoints", {
                "source": {"path": path}, "breakpoints": [{"line": DEBUG_LOOP_BODY_LINE}], "sourceModified": False})
            if not all(b.get("verified") for b in set_reply.get("breakpoints", [])):
                debug.log(f"breakpoint not verified: {set_reply}")
            debug.skip_events()
            msg_id = client.execute(code)
            _, stopped = debug.event("stopped")
            thread = stopped["body"]["threadId"]
            times = []
            for _ in range(stops):
                debug.skip_events()
                sent = time.perf_counter()
                debug.request("continue", {"threadId": thread})
                arrived, stopped = debug.event("stopped")
                times.append((arrived - sent) * 1000)
                thread = stopped["body"]["threadId"]
            figures["debugger_continue_to_stopped_p50_ms"] = percentile(times, 0.5)
            figures["debugger_continue_to_stopped_p90_ms"] = percentile(times, 0.9)
            debug.request("setBreakpoints", {"source": {"path": path}, "breakpoints": [], "sourceModified": False})
            debug.request("continue", {"threadId": thread})
            reply = debug.reply(msg_id)
            if reply["content"]["status"] != "ok":
                debug.log(f"the loop cell ended {reply['content']['status']}: {reply['content'].get('evalue')}")
        except (DebugFailure, TimeoutError, KeyError) as failure:
            word = str(failure) if not isinstance(failure, KeyError) else f"no {failure} in a reply"
            for figure in DEBUGGER_FIGURES:
                figures.setdefault(figure, f"{stage} failed: {word}")
            print(f"{name}: {stage}: {word}", file=sys.stderr)
    finally:
        for km, client, log, _ in started:
            client.close()
            km.shutdown_kernel(now=True)
            log.close()
    return figures


COMM_FIGURES = ("comms_round_trip_idle_p50_ms", "comms_round_trip_idle_p90_ms",
                "comms_round_trip_cell_running_p50_ms", "comms_round_trip_cell_running_p90_ms")
# A target that answers every comm_msg with a comm_msg carrying the same data; and a cell that spins until
# interrupted. {flag} is set by nothing: the spin ends with an interrupt.
COMM_CELLS = {
    "java": {
        "target": ("import io.callisto.comm.*;\n"
                   'Comms.registerTarget("bench.echo", (comm, open) -> comm.onMessage(m -> comm.send(m.data())));'),
        "spin": 'System.out.println("spinning"); while (true) { Thread.onSpinWait(); }',
    },
    "python": {
        "target": ("def _bench_echo(comm, open_msg):\n"
                   "    comm.on_msg(lambda msg: comm.send(msg['content']['data']))\n"
                   "get_ipython().kernel.comm_manager.register_target('bench.echo', _bench_echo)\n"),
        "spin": "print('spinning', flush=True)\nwhile True:\n    pass\n",
    },
}


def bench_comms(name, rounds, blocked_after=10.0):
    """Frontend comm_msg → the listener's reply on IOPub, rounds times with the kernel idle and rounds times
    while a cell spins, in a kernel of its own. Each round trip waits for its reply before the next is sent."""
    language = KernelSpecManager().get_kernel_spec(name).language.lower()
    cells = COMM_CELLS.get(language, COMM_CELLS["java"])
    figures = {}
    km, client, log, _ = start_kernel(name, "-comms")
    try:
        wait_until_answering(client)
        reply, _, outputs = client.run(cells["target"], timeout=120)
        if reply is None or reply["content"]["status"] != "ok":
            return {figure: "n/a" for figure in COMM_FIGURES}
        comm_id = uuid.uuid4().hex
        opened = client.send(client.shell, "comm_open", {"comm_id": comm_id, "target_name": "bench.echo", "data": {}})
        client.wait_for(lambda n, m: n == "iopub" and m["msg_type"] == "status"
                        and m["content"]["execution_state"] == "idle" and m["parent_header"].get("msg_id") == opened)
        sequence = iter(range(10**9))

        def round_trip(timeout):
            """Seconds from sending a comm_msg to its echo arriving on IOPub (TimeoutError if none came)."""
            n = next(sequence)
            start = time.perf_counter()
            client.send(client.shell, "comm_msg", {"comm_id": comm_id, "data": {"n": n}})
            client.wait_for(lambda name, m: name == "iopub" and m["msg_type"] == "comm_msg"
                            and m["content"].get("comm_id") == comm_id
                            and m["content"].get("data", {}).get("n") == n, timeout)
            return time.perf_counter() - start

        def measure(prefix):
            for _ in range(20):  # warm up
                round_trip(60)
            times = [round_trip(60) * 1000 for _ in range(rounds)]
            figures[f"{prefix}_p50_ms"] = percentile(times, 0.5)
            figures[f"{prefix}_p90_ms"] = percentile(times, 0.9)

        measure("comms_round_trip_idle")

        cell = client.execute(cells["spin"])
        client.wait_for(lambda n, m: n == "iopub" and m["msg_type"] == "stream"
                        and m["parent_header"].get("msg_id") == cell, timeout=60)
        try:
            round_trip(blocked_after)
            measure("comms_round_trip_cell_running")
        except TimeoutError:
            for figure in COMM_FIGURES[2:]:
                figures[figure] = f"none in {blocked_after:.0f} s"
        km.interrupt_kernel()
        client.wait_for(lambda n, m: n == "shell" and m["parent_header"].get("msg_id") == cell, timeout=60)
        # A kernel that queued the comm_msg behind the cell answers it now; the kernel is then idle again.
        round_trip(60)
    except TimeoutError as failure:
        for figure in COMM_FIGURES:
            figures.setdefault(figure, f"failed: {failure}")
    finally:
        client.close()
        km.shutdown_kernel(now=True)
        log.close()
    return figures


PRINT_RUNS = 5  # the print takes a fraction of a second: its median of five
ENCRYPTION_FIGURES = ("trivial_cell_p50_ms", "trivial_cell_p90_ms", "print_100k_lines_s")
PRINT_100K_LINES = {
    "java": "for (int i = 0; i < 100000; i++) System.out.println(i);",
    "python": "for i in range(100000):\n    print(i)\n",
}


def bench_encryption(name, cells):
    """Trivial cells and the 100,000-line print with CurveZMQ off, then on, each in a kernel of its own; the
    figures side by side and the encrypted/plain ratios."""
    spec = KernelSpecManager().get_kernel_spec(name)
    if "curve" not in spec.metadata.get("supported_encryption", []):
        return {f"encryption_{mode}_{figure}": "n/a" for mode in ("plain", "curve") for figure in ENCRYPTION_FIGURES}
    printing = PRINT_100K_LINES.get(spec.language.lower(), PRINT_100K_LINES["java"])
    figures = {}
    for mode, encryption in (("plain", "disabled"), ("curve", "required")):
        km, client, log, _ = start_kernel(name, f"-{mode}", encryption)
        try:
            wait_until_answering(client)
            wait_until_publishing(client)
            if encryption == "required" and not km.get_connection_info().get("curve_secretkey"):
                raise RuntimeError("jupyter_client handed out no CurveZMQ keys")
            for i in range(20):  # warm up
                client.run(f"{i} + 1")
            times = [client.run(f"{i} + 1")[1] * 1000 for i in range(cells)]
            figures[f"encryption_{mode}_trivial_cell_p50_ms"] = percentile(times, 0.5)
            figures[f"encryption_{mode}_trivial_cell_p90_ms"] = percentile(times, 0.9)
            runs = []
            for _ in range(PRINT_RUNS):
                _, elapsed, outputs = client.run(printing, timeout=180)
                text = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")
                if text.count("\n") != 100_000:
                    raise TimeoutError(f"{text.count(chr(10))} lines of 100000")
                runs.append(elapsed)
            figures[f"encryption_{mode}_print_100k_lines_s"] = statistics.median(runs)
        except TimeoutError as failure:
            figures.setdefault(f"encryption_{mode}_print_100k_lines_s", f"failed: {failure}")
        finally:
            client.close()
            km.shutdown_kernel(now=True)
            log.close()
    for ratio, figure in (("trivial_cell_p50", "trivial_cell_p50_ms"), ("print_100k_lines", "print_100k_lines_s")):
        plain, curve = figures.get(f"encryption_plain_{figure}"), figures.get(f"encryption_curve_{figure}")
        if isinstance(plain, float) and isinstance(curve, float) and plain:
            figures[f"encryption_ratio_curve_plain_{ratio}"] = curve / plain
    return figures


FIFTY_DECLARATIONS = (
    [f"int m{i}(int x) {{ return x + {i}; }}" for i in range(20)]
    + [f"record Point{i}(int x, int y) {{ int sum() {{ return x + y + {i}; }} }}" for i in range(10)]
    + [f"class Counter{i} {{ private int n; int next() {{ return n += {i}; }} }}" for i in range(10)]
    + [f"interface Shape{i} {{ double area(); default String name() {{ return \"s{i}\"; }} }}" for i in range(5)]
    + [f"import {p};" for p in ["java.time.*", "java.text.*", "java.nio.charset.*", "java.util.function.*",
                                "java.lang.reflect.*"]]
)


# Ten cells a notebook session re-runs as it goes: declarations of every kind and expressions over them.
RERUN_CELLS = [
    "int base = 3;",
    "int square(int x) { return x * x; }",
    "record Pair(int a, int b) { int sum() { return a + b; } }",
    "var pairs = new ArrayList<Pair>();",
    "for (int i = 0; i < 10; i++) pairs.add(new Pair(i, square(i)));",
    'String label(Pair p) { return p.a() + "->" + p.b(); }',
    'pairs.stream().map(p -> label(p)).collect(Collectors.joining(","))',
    "class Box { int n; Box(int n) { this.n = n; } int twice() { return 2 * n; } }",
    "var box = new Box(base);",
    "box.twice() + square(base)",
]

# A 40-cell teaching notebook: classes, loops, strings, collections, as a first Java course has them.
TEACHING_NOTEBOOK = [
    'System.out.println("Hello, Java");',
    "int a = 7, b = 5;",
    "a + b",
    "a * b - a / b",
    "double ratio = (double) a / b;",
    'String.format("%.3f", ratio)',
    'String name = "Ada Lovelace";',
    "name.toUpperCase()",
    'name.split(" ")[1].length()',
    'new StringBuilder(name).reverse().toString()',
    "int total = 0;\nfor (int i = 1; i <= 100; i++) {\n    total += i;\n}\ntotal",
    "int n = 27, steps = 0;\nwhile (n != 1) {\n    n = n % 2 == 0 ? n / 2 : 3 * n + 1;\n    steps++;\n}\nsteps",
    "long factorial(int k) { return k <= 1 ? 1 : k * factorial(k - 1); }",
    "factorial(15)",
    "boolean isPrime(int k) {\n    if (k < 2) return false;\n    for (int d = 2; d * d <= k; d++) if (k % d == 0) return false;\n    return true;\n}",
    "IntStream.rangeClosed(1, 50).filter(k -> isPrime(k)).boxed().toList()",
    "int[] numbers = {5, 3, 9, 1, 7};",
    "Arrays.sort(numbers);\nArrays.toString(numbers)",
    "List<String> fruits = new ArrayList<>(List.of(\"pear\", \"apple\", \"fig\"));",
    'fruits.add("banana");\nCollections.sort(fruits);\nfruits',
    "Map<String, Integer> lengths = new TreeMap<>();\nfor (String f : fruits) lengths.put(f, f.length());\nlengths",
    "Set<Integer> seen = new HashSet<>(List.of(1, 2, 2, 3, 3, 3));\nseen.size()",
    "class Account {\n    private final String owner;\n    private double balance;\n"
    "    Account(String owner) { this.owner = owner; }\n    void deposit(double x) { balance += x; }\n"
    "    double balance() { return balance; }\n    public String toString() { return owner + \": \" + balance; }\n}",
    'var account = new Account("Ada");',
    "account.deposit(120.5);\naccount.deposit(30);\naccount",
    "interface Shape { double area(); }",
    "record Circle(double r) implements Shape { public double area() { return Math.PI * r * r; } }",
    "record Rect(double w, double h) implements Shape { public double area() { return w * h; } }",
    "List<Shape> shapes = List.of(new Circle(1), new Rect(2, 3), new Circle(0.5));",
    "shapes.stream().mapToDouble(Shape::area).sum()",
    "enum Day { MON, TUE, WED, THU, FRI, SAT, SUN }",
    "Arrays.stream(Day.values()).filter(d -> d.ordinal() >= 5).toList()",
    'String word = "racecar";\nboolean palindrome = new StringBuilder(word).reverse().toString().equals(word);\npalindrome',
    "var counts = new HashMap<Character, Integer>();\nfor (char c : \"mississippi\".toCharArray()) counts.merge(c, 1, Integer::sum);\ncounts",
    "int[][] grid = new int[3][4];\nfor (int r = 0; r < 3; r++) for (int c = 0; c < 4; c++) grid[r][c] = r * c;\nArrays.deepToString(grid)",
    'try {\n    Integer.parseInt("forty");\n} catch (NumberFormatException e) {\n    System.out.println("not a number: " + e.getMessage());\n}',
    "Optional<String> longest = fruits.stream().max(Comparator.comparingInt(String::length));\nlongest.orElse(\"none\")",
    "var squares = IntStream.range(0, 10).map(i -> i * i).boxed().collect(Collectors.toList());\nsquares",
    "fruits.stream().collect(Collectors.groupingBy(String::length))",
    'System.out.println("Done: " + fruits.size() + " fruits, " + shapes.size() + " shapes");',
]

SPARK_WORDS_MB = 50


def word_file(directory, megabytes=SPARK_WORDS_MB):
    """A text of ~megabytes MB: lines of 12 words drawn (seeded) from a vocabulary of 5,000."""
    import random
    path = pathlib.Path(directory) / f"words-{megabytes}mb.txt"
    if not path.exists() or path.stat().st_size < megabytes * 1_000_000:
        rng = random.Random(7)
        vocabulary = [f"w{rng.randrange(10**6)}" for _ in range(5000)]
        with open(path, "w") as out:
            written = 0
            while written < megabytes * 1_000_000:
                line = " ".join(rng.choices(vocabulary, k=12)) + "\n"
                out.write(line)
                written += len(line)
    return path


def cell_error(reply, outputs):
    """A cell's error in one line, or None when it succeeded."""
    if reply and reply["content"]["status"] == "ok":
        return None
    for message in outputs:
        if message["msg_type"] == "error":
            return f"{message['content']['ename']}: {message['content']['evalue'].splitlines()[0][:120]}"
    return f"status {reply['content']['status'] if reply else 'none'}"


def bench_spark(name, runs=3):
    """The word count, local and on a standalone cluster, and the class directory's cost per cell."""
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tests"))
    import tempfile
    from spark_cluster import spark_version, standalone_cluster
    spec = KernelSpecManager().get_kernel_spec(name)
    if spec.language.lower() != "java":
        return {f"spark_word_count_{where}_s": "n/a" for where in ("local", "cluster")}
    figures = {}
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="callisto-bench-spark-"))
    words = word_file(pathlib.Path(__file__).parent)
    count = ('spark.read().textFile("%s")\n'
             '    .flatMap((FlatMapFunction<String, String>) line -> Arrays.asList(line.split(" ")).iterator(), Encoders.STRING())\n'
             '    .groupByKey((MapFunction<String, String>) w -> w, Encoders.STRING()).count().count()') % words
    with standalone_cluster(scratch) as cluster:
        km, client, log, _ = start_kernel(name, "-spark")
        try:
            wait_until_answering(client)
            wait_until_publishing(client)
            for code in (f"%maven org.apache.spark:spark-sql_2.13:{spark_version()}",
                         "import org.apache.spark.sql.*;\nimport org.apache.spark.api.java.function.*;"):
                reply, _, outputs = client.run(code, timeout=900)
                if cell_error(reply, outputs):
                    raise RuntimeError(f"{code.splitlines()[0]}: {cell_error(reply, outputs)}")
            for where, master in (("local", "local[2]"), ("cluster", cluster.url)):
                session = (f'var spark = SparkSession.builder().master("{master}").appName("bench")'
                           '.config("spark.driver.host", "127.0.0.1").config("spark.ui.enabled", "false")'
                           '.config("spark.sql.shuffle.partitions", "4").getOrCreate();')
                reply, _, outputs = client.run(session, timeout=300)
                times, failure = [], cell_error(reply, outputs)
                for i in range(runs + 1):
                    if failure:
                        break
                    reply, elapsed, outputs = client.run(count, timeout=900)
                    failure = cell_error(reply, outputs)
                    if i > 0:  # the first run warms the JIT and Spark's own caches
                        times.append(elapsed)
                figures[f"spark_word_count_{where}_s"] = f"failed: {failure}" if failure else statistics.median(times)
                client.run("spark.stop();", timeout=120)
        finally:
            client.close()
            km.shutdown_kernel(now=True)
            log.close()
    if not any("callisto" in part for part in spec.argv):
        figures["spark_class_dir_declaration_cell_p50_ms"] = "n/a"
        return figures
    # Both kernels run side by side, in alternating blocks of 20 cells, so that drift on the machine falls on both.
    kernels = {mode: start_kernel(name, f"-classdir-{mode}", env=env)
               for mode, env in (("on", None), ("off", dict(os.environ, CALLISTO_JVM_OPTS="-Dcallisto.replClassDir=")))}
    timed = {(mode, kind): [] for mode in kernels for kind in ("declaration", "trivial")}
    try:
        for mode, (_, client, _, _) in kernels.items():
            wait_until_answering(client)
            wait_until_publishing(client)
            # Spark on the classpath: class files are written from then on (a notebook without Spark writes none)
            client.run(f"%maven org.apache.spark:spark-sql_2.13:{spark_version()}", timeout=900)
            client.run("import org.apache.spark.sql.*;")
            for i in range(20):  # warm up
                client.run(f"int warm{i}(int x) {{ return x + {i}; }}")
                client.run(f"{i} + 1")
        for block in range(5):
            for mode, (_, client, _, _) in kernels.items():
                for i in range(block * 20, block * 20 + 20):
                    timed[mode, "declaration"].append(client.run(f"int f{i}(int x) {{ return x + {i}; }}")[1] * 1000)
                    timed[mode, "trivial"].append(client.run(f"{i} + 1")[1] * 1000)
    finally:
        for km, client, log, _ in kernels.values():
            client.close()
            km.shutdown_kernel(now=True)
            log.close()
    for (mode, kind), times in timed.items():
        figures[f"spark_class_dir_{mode}_{kind}_cell_p50_ms"] = percentile(times, 0.5)
    for kind in ("declaration", "trivial"):
        on, off = figures[f"spark_class_dir_on_{kind}_cell_p50_ms"], figures[f"spark_class_dir_off_{kind}_cell_p50_ms"]
        figures[f"spark_class_dir_cost_{kind}_cell_ms"] = on - off
    return figures


def bench_session(name, reruns=200, declarations=1000):
    """The first minute of a session and how a cell's cost and the memory grow with the notebook."""
    spec = KernelSpecManager().get_kernel_spec(name)
    java = spec.language.lower() == "java"
    figures = {}

    def trivial_p50(client, count=100, offset=0):
        return percentile([client.run(f"{offset + i} + 1")[1] * 1000 for i in range(count)], 0.5)

    # Start to first result: an execute sent the moment kernel_info_reply arrives, until its execute_reply.
    km, client, log, start = start_kernel(name, "-session")
    try:
        wait_until_answering(client)
        figures["session_start_to_kernel_info_s"] = time.perf_counter() - start
        msg_id = client.execute("1 + 1")
        client.wait_for(lambda n, m: n == "shell" and m["parent_header"].get("msg_id") == msg_id, timeout=120)
        figures["session_start_to_first_result_s"] = time.perf_counter() - start
        wait_until_publishing(client)
        figures["session_first_20_cells_median_ms"] = statistics.median(
            client.run(f"{i} + 1")[1] * 1000 for i in range(20))
        if kernel_pid(km):
            figures["session_memory_at_start_mb"] = process_tree_rss_mb(kernel_pid(km))
        if java:
            # Warm means settled: Callisto starts its warm spare (a JShell and a JVM) in the first half second
            # without a cell, which here is the memory reading above; the first 20 cells show the cold phase.
            time.sleep(3)
            before = trivial_p50(client, offset=100)
            figures["session_trivial_cell_p50_ms"] = before
            figures["session_trivial_cell_p90_ms"] = percentile(
                [client.run(f"{i} + 1")[1] * 1000 for i in range(200, 300)], 0.9)
            for _ in range(reruns):
                for code in RERUN_CELLS:
                    client.run(code)
            figures["session_growth_200_reruns_of_10_cells_x"] = trivial_p50(client, offset=300) / before
        if kernel_pid(km):
            figures["session_memory_after_run_mb"] = process_tree_rss_mb(kernel_pid(km))
            time.sleep(60)  # a user reading: what the kernel gives back when idle
            figures["session_memory_60s_idle_mb"] = process_tree_rss_mb(kernel_pid(km))
            cpu = process_tree_cpu_seconds(kernel_pid(km))
            time.sleep(5)
            figures["session_idle_cpu_later_%"] = (process_tree_cpu_seconds(kernel_pid(km)) - cpu) / 5 * 100
        if java and kernel_pid(km):
            # The notebook goes on being re-run up to 3,500 cells in all (issue 16's memory figure for a long session).
            ran = 1 + 20 + 100 + 100 + reruns * len(RERUN_CELLS) + 100
            for i in range(ran, 3500):
                client.run(RERUN_CELLS[i % len(RERUN_CELLS)])
            figures["session_memory_after_3500_cells_mb"] = process_tree_rss_mb(kernel_pid(km))
    finally:
        client.close()
        km.shutdown_kernel(now=True)
        log.close()

    # CPU in the 3 s after kernel_info_reply, no cell sent; then 1,000 distinct declarations.
    km, client, log, start = start_kernel(name, "-declarations")
    try:
        wait_until_answering(client)
        if kernel_pid(km):
            cpu = process_tree_cpu_seconds(kernel_pid(km))
            time.sleep(3)
            figures["session_cpu_3s_after_ready_%"] = (process_tree_cpu_seconds(kernel_pid(km)) - cpu) / 3 * 100
        wait_until_publishing(client)
        if java:
            for i in range(20):
                client.run(f"{i} + 1")
            before = trivial_p50(client, offset=20)
            for i in range(declarations):
                client.run(f"int d{i} = {i};\nint dm{i}(int x) {{ return x + d{i}; }}")
            figures["session_growth_1000_declarations_x"] = trivial_p50(client, offset=200) / before
            if kernel_pid(km):
                figures["session_memory_after_1000_declarations_mb"] = process_tree_rss_mb(kernel_pid(km))
    finally:
        client.close()
        km.shutdown_kernel(now=True)
        log.close()

    # A real notebook through nbclient, the kernel's start included.
    if java:
        import nbformat
        from nbclient import NotebookClient
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(code) for code in TEACHING_NOTEBOOK]
        started = time.perf_counter()
        NotebookClient(nb, kernel_name=name, timeout=120, allow_errors=True).execute()
        figures["session_teaching_notebook_40_cells_s"] = time.perf_counter() - started
        failed = [i for i, cell in enumerate(nb.cells) if any(o.output_type == "error" for o in cell.outputs)]
        figures["session_teaching_notebook_errors"] = f"cells {failed}" if failed else "none"
    return figures


def run_in_process_jshell(args, stdin=None):
    """Runs bench/InProcessJShell.java with args (and stdin) on JAVA_HOME's java; returns its last line's JSON."""
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
    source = pathlib.Path(__file__).parent / "InProcessJShell.java"
    output = subprocess.run([java, str(source), *args], input=stdin, capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def in_process_jshell(cells):
    return run_in_process_jshell([str(cells)])


def in_process_jshell_growth():
    """JShell's own growth, in process, on the session figures' cells: the anchor for a kernel's growth."""
    return run_in_process_jshell(["growth"], "\n".join(RERUN_CELLS) + "\n")


def main():
    parser = argparse.ArgumentParser(description="Callisto benchmarks")
    parser.add_argument("kernels", nargs="*", default=["java"], help="kernelspec names; the first is the baseline")
    parser.add_argument("--cells", type=int, default=200, help="trivial cells to time")
    parser.add_argument("--only", choices=["all", "session", "editor", "debugger", "comms", "encryption", "spark"], default="all",
                        help="session, editor, debugger, comms, encryption, spark: just those figures, merged into an existing results file")
    parser.add_argument("--comm-rounds", type=int, default=200, help="comm round trips to time, idle and while a cell runs")
    parser.add_argument("--debug-cells", type=int, default=100, help="trivial cells to time with the debugger off, and as many with it on")
    parser.add_argument("--stops", type=int, default=30, help="continue → stopped round trips to time")
    parser.add_argument("--trace", action="store_true", help="print the debugger figures' messages to stderr")
    parser.add_argument("--out", default=str(pathlib.Path(__file__).parent / "results.json"))
    args = parser.parse_args()

    results = {}
    for name in args.kernels:
        results[name] = bench_kernel(name, args.cells) if args.only == "all" else {}
        if args.only in ("all", "debugger"):
            results[name].update(bench_debugger(name, args.debug_cells, args.stops, args.trace))
        if args.only in ("all", "comms"):
            results[name].update(bench_comms(name, args.comm_rounds))
        if args.only in ("all", "encryption"):
            results[name].update(bench_encryption(name, args.cells))
        if args.only in ("all", "session"):
            results[name].update(bench_session(name))
        if args.only == "editor":
            results[name].update(bench_editor(name))
        if args.only == "spark":
            results[name].update(bench_spark(name))
    if args.only == "all":
        results["in-process JShell (reference)"] = in_process_jshell(args.cells)
    if args.only in ("all", "session"):
        results.setdefault("in-process JShell (reference)", {}).update(in_process_jshell_growth())

    rows = sorted({key for figures in results.values() for key in figures})
    base = results[args.kernels[0]]
    width = max(len(row) for row in rows)
    print(f"{'figure':{width}}  " + "  ".join(f"{name[:24]:>24}" for name in results))
    for row in rows:
        cells = []
        for name, figures in results.items():
            value = figures.get(row, "")
            if isinstance(value, float) and row in GOALS:
                text = f"{value:.2f}x ({GOALS[row]})"
            elif isinstance(value, float):
                text = f"{value:.1f}"
                if name != args.kernels[0] and isinstance(base.get(row), float) and base[row]:
                    text += f" ({value / base[row]:.2f}x)"
            else:
                text = str(value)
            cells.append(f"{text:>24}")
        print(f"{row:{width}}  " + "  ".join(cells))
    out = pathlib.Path(args.out)
    if args.only != "all" and out.exists():
        # A partial run replaces its own figures and keeps the rest of the last full run's.
        merged = json.loads(out.read_text())
        for name, figures in results.items():
            merged.setdefault(name, {}).update(figures)
        results = merged
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    sys.exit(main())
