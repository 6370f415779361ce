"""The Jupyter debug protocol (DAP over control and IOPub) for Java cells, driven from jupyter_client as
JupyterLab drives it: debug_request on control, debug_reply back, debug_event on IOPub.

Modelled on ipykernel's tests/test_debugger.py. Every test starts a kernel of its own (about a second), so no
test depends on another's breakpoints, stops or variables. Waits poll the sockets for a condition with a
timeout; nothing sleeps. Every debug_request the helper sends is also checked for its reply's envelope
(type, request_seq, command) and for IOPub busy then idle parented to it.
"""
import json
import os
import pathlib
import time

import pytest
import zmq
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager

KERNEL = os.environ.get("CALLISTO_KERNEL", "java")
TIMEOUT = 60

# JupyterLab's own initialize arguments (packages/debugger/src/session.ts), adapterID = the kernel's name.
INITIALIZE = {
    "clientID": "jupyterlab", "clientName": "JupyterLab", "adapterID": KERNEL, "pathFormat": "path",
    "linesStartAt1": True, "columnsStartAt1": True, "supportsVariableType": True, "supportsVariablePaging": True,
    "supportsRunInTerminalRequest": True, "locale": "en",
}


def murmur2(text, seed):
    """Gary Court's MurmurHash2 over the UTF-8 bytes, as JupyterLab's hash.ts computes cell paths; unsigned."""
    data = text.encode("utf-8")
    m, mask = 0x5BD1E995, 0xFFFFFFFF
    h = (seed ^ len(data)) & mask
    i = 0
    while len(data) - i >= 4:
        k = int.from_bytes(data[i:i + 4], "little")
        k = (k * m) & mask
        k ^= k >> 24
        k = (k * m) & mask
        h = ((h * m) & mask) ^ k
        i += 4
    rest = len(data) - i
    if rest == 3:
        h ^= data[i + 2] << 16
    if rest >= 2:
        h ^= data[i + 1] << 8
    if rest >= 1:
        h ^= data[i]
        h = (h * m) & mask
    h ^= h >> 13
    h = (h * m) & mask
    h ^= h >> 15
    return h


def cell(*lines):
    return "\n".join(lines)


def line_of(code, marker):
    """The 1-based line of the cell that holds marker (a Java comment such as // <bp>)."""
    hits = [n for n, text in enumerate(code.split("\n"), start=1) if marker in text]
    assert len(hits) == 1, f"{marker!r} is on lines {hits}"
    return hits[0]


def brief(value):
    return json.dumps(value, default=str)[:1500]


class Kernel:
    """A Callisto kernel and one client, with everything that arrives on IOPub, shell and control kept in order,
    so a test can wait for any message without losing the others."""

    def __init__(self, km, kc, log_path):
        self.km, self.kc, self.log_path = km, kc, log_path
        self.iopub, self.shell, self.control = [], [], []
        self.taken = set()  # msg_ids of debug events a test has already waited for
        self.seq = 0
        self.poller = zmq.Poller()
        self.channels = [(kc.iopub_channel, self.iopub), (kc.shell_channel, self.shell),
                         (kc.control_channel, self.control)]
        for channel, _ in self.channels:
            self.poller.register(channel.socket, zmq.POLLIN)

    # -- plumbing ------------------------------------------------------------------------------------------------

    def pump(self, timeout):
        ready = dict(self.poller.poll(int(timeout * 1000)))
        for channel, store in self.channels:
            if channel.socket in ready:
                while channel.msg_ready():
                    store.append(channel.get_msg(timeout=0))

    def wait(self, find, what, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            found = find()
            if found is not None:
                return found
            left = deadline - time.monotonic()
            if left <= 0:
                recent = [(m["msg_type"], m["content"]) for m in self.iopub[-8:]]
                raise AssertionError(f"no {what} within {timeout} s; last IOPub messages: {brief(recent)}")
            self.pump(min(left, 0.5))

    def _status(self, parent_id):
        return [m["content"]["execution_state"] for m in self.iopub
                if m["msg_type"] == "status" and m["parent_header"].get("msg_id") == parent_id]

    def wait_idle(self, parent_id, what):
        return self.wait(lambda: True if "idle" in self._status(parent_id) else None, f"IOPub idle for {what}")

    # -- debug requests ------------------------------------------------------------------------------------------

    def send_debug(self, content):
        """Sends a debug_request with any content (a dict, or bytes sent as they are); returns its msg_id."""
        msg = self.kc.session.msg("debug_request", content)
        self.kc.control_channel.send(msg)
        return msg["header"]["msg_id"]

    def debug_reply(self, msg_id, what, timeout=TIMEOUT):
        def find():
            for m in self.control:
                if m["parent_header"].get("msg_id") == msg_id:
                    return m
            return None
        return self.wait(find, f"debug_reply to {what}", timeout)

    def request(self, command, arguments=None, ok=True, seq=None):
        """A DAP request as JupyterLab sends it; returns the reply content (the DAP response). With ok=True
        the response must be a success, with ok=False a failure with a message (ok=None: either)."""
        if seq is None:
            self.seq += 1
            seq = self.seq
        content = {"type": "request", "seq": seq, "command": command, "arguments": arguments or {}}
        msg_id = self.send_debug(content)
        what = f"{command} {brief(arguments or {})}"
        reply = self.debug_reply(msg_id, what)
        assert reply["msg_type"] == "debug_reply", f"{what}: {reply['msg_type']}"
        response = reply["content"]
        assert response.get("type") == "response", f"{what} → {brief(response)}"
        assert response.get("request_seq") == seq, f"{what} → {brief(response)}"
        assert response.get("command") == command, f"{what} → {brief(response)}"
        self.wait_idle(msg_id, what)
        states = self._status(msg_id)
        assert states[:2] == ["busy", "idle"], f"{what}: IOPub status parented to it was {states}"
        if ok is True:
            assert response.get("success") is True, f"{what} → {brief(response)}"
        elif ok is False:
            assert response.get("success") is False, f"{what} should fail → {brief(response)}"
            assert isinstance(response.get("message"), str) and response["message"].strip(), \
                f"{what} failed without a message → {brief(response)}"
        return response

    def body(self, command, arguments=None):
        return self.request(command, arguments).get("body", {})

    def start_debugger(self):
        """What JupyterLab does when the bug icon is switched on: debugInfo, initialize, attach, debugInfo."""
        self.body("debugInfo")
        capabilities = self.body("initialize", INITIALIZE)
        self.request("attach")
        info = self.body("debugInfo")
        assert info["isStarted"] is True, f"debugInfo after attach → {brief(info)}"
        return capabilities

    def path_of(self, code):
        """The cell path JupyterLab computes for code from debugInfo's hash parameters."""
        info = self.body("debugInfo")
        return f"{info['tmpFilePrefix']}{murmur2(code, info['hashSeed'])}{info['tmpFileSuffix']}"

    def dump(self, code):
        return self.body("dumpCell", {"code": code})["sourcePath"]

    def set_breakpoints(self, path, lines):
        body = self.body("setBreakpoints", {"source": {"path": path}, "breakpoints": [{"line": n} for n in lines],
                                            "sourceModified": False})
        got = body.get("breakpoints")
        assert isinstance(got, list) and len(got) == len(lines), f"setBreakpoints {path} {lines} → {brief(body)}"
        for bp, line in zip(got, lines):
            assert bp.get("verified") is True, f"setBreakpoints line {line} → {brief(bp)}"
            assert bp.get("line") == line, f"setBreakpoints line {line} → {brief(bp)}"
            assert bp.get("source", {}).get("path") == path, f"setBreakpoints {path} → {brief(bp)}"
        return got

    def frames(self, thread_id):
        body = self.body("stackTrace", {"threadId": thread_id})
        frames = body.get("stackFrames")
        assert isinstance(frames, list) and frames, f"stackTrace {thread_id} → {brief(body)}"
        assert body.get("totalFrames", len(frames)) >= len(frames), f"stackTrace → {brief(body)}"
        for frame in frames:
            assert isinstance(frame.get("id"), int), f"stackTrace frame without an id: {brief(frame)}"
            assert isinstance(frame.get("name"), str) and frame["name"], f"frame without a name: {brief(frame)}"
            assert isinstance(frame.get("line"), int), f"frame without a line: {brief(frame)}"
        return frames

    def scope(self, frame_id, name):
        scopes = self.body("scopes", {"frameId": frame_id})["scopes"]
        named = {s["name"]: s for s in scopes}
        assert name in named, f"scopes {frame_id} has no {name!r}: {brief(scopes)}"
        assert named[name].get("expensive") is False, brief(named[name])
        return named[name]["variablesReference"]

    def variables(self, reference):
        assert isinstance(reference, int) and reference > 0, f"not an expandable reference: {reference!r}"
        found = self.body("variables", {"variablesReference": reference})["variables"]
        for v in found:
            assert {"name", "value", "variablesReference"} <= v.keys(), f"variable lacks fields: {brief(v)}"
        return {v["name"]: v for v in found}

    def local_variables(self, thread_id, frame_index=0):
        frame = self.frames(thread_id)[frame_index]
        return self.variables(self.scope(frame["id"], "Locals"))

    # -- events --------------------------------------------------------------------------------------------------

    def _event(self, name, thread_id=None, take=True):
        """The first debug event called name (of thread_id) no test has waited for yet; take marks it seen."""
        for m in self.iopub:
            if m["msg_type"] == "debug_event" and m["header"]["msg_id"] not in self.taken \
                    and m["content"].get("event") == name \
                    and (thread_id is None or m["content"].get("body", {}).get("threadId") == thread_id):
                if take:
                    self.taken.add(m["header"]["msg_id"])
                return m["content"]
        return None

    def event(self, name, thread_id=None, timeout=TIMEOUT):
        return self.wait(lambda: self._event(name, thread_id), f"debug_event {name!r}", timeout)

    def stopped(self, exec_id, reason, timeout=TIMEOUT):
        """The next `stopped` event (its body); fails at once if the cell exec_id finishes instead."""
        def find():
            event = self._event("stopped")
            if event is not None:
                return event
            reply = self._shell_reply(exec_id)
            if reply is not None:
                out = self.outputs(exec_id)
                raise AssertionError(f"the cell finished without a 'stopped' event ({reason} expected): "
                                     f"{brief(reply['content'])}; outputs {brief(out)}")
            return None
        event = self.wait(find, f"'stopped' event (reason {reason})", timeout)
        body = event.get("body", {})
        assert body.get("reason") == reason, f"stopped → {brief(event)}; expected reason {reason!r}"
        assert isinstance(body.get("threadId"), int), f"stopped without a threadId → {brief(event)}"
        assert body.get("allThreadsStopped") is False, f"stopped → {brief(event)}"
        return body

    def resume(self, command, thread_id):
        """continue / next / stepIn / stepOut, then the `continued` event for that thread."""
        body = self.request(command, {"threadId": thread_id}).get("body", {})
        if command == "continue":
            assert body.get("allThreadsContinued") is False, f"continue → {brief(body)}"
        continued = self.event("continued", thread_id)
        assert continued["body"].get("allThreadsContinued") is False, f"continued → {brief(continued)}"

    # -- cells ---------------------------------------------------------------------------------------------------

    def execute(self, code):
        return self.kc.execute(code, stop_on_error=False)

    def _shell_reply(self, msg_id):
        for m in self.shell:
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_reply":
                return m
        return None

    def outputs(self, msg_id):
        mine = [m for m in self.iopub if m["parent_header"].get("msg_id") == msg_id]
        return {
            "stdout": "".join(m["content"]["text"] for m in mine
                              if m["msg_type"] == "stream" and m["content"]["name"] == "stdout"),
            "stderr": "".join(m["content"]["text"] for m in mine
                              if m["msg_type"] == "stream" and m["content"]["name"] == "stderr"),
            "results": [m["content"]["data"].get("text/plain") for m in mine if m["msg_type"] == "execute_result"],
            "errors": [m["content"] for m in mine if m["msg_type"] == "error"],
        }

    def finish(self, msg_id, timeout=TIMEOUT):
        """Waits for the cell's execute_reply and its IOPub idle; returns (reply content, outputs). A `stopped`
        event no test has waited for fails it at once: the cell stopped where it should have run on."""
        def find():
            stop = self._event("stopped", take=False)
            if stop is not None:
                raise AssertionError(f"the cell stopped where it should run on: {brief(stop)}; "
                                     f"outputs so far {brief(self.outputs(msg_id))}")
            return self._shell_reply(msg_id)
        reply = self.wait(find, "execute_reply", timeout)
        self.wait_idle(msg_id, "the cell")
        return reply["content"], self.outputs(msg_id)

    def run(self, code):
        """Runs a cell that must succeed; returns its outputs."""
        reply, out = self.finish(self.execute(code))
        assert reply["status"] == "ok", f"cell {code!r} → {brief(reply)} {brief(out)}"
        return out

    def warm_up(self):
        """Waits for the Java engine by running a silent cell (no execution count, no history)."""
        msg_id = self.kc.execute("0", silent=True, store_history=False)
        reply, _ = self.finish(msg_id)
        assert reply["status"] == "ok", brief(reply)

    def log_tail(self, lines=60):
        try:
            return "\n".join(pathlib.Path(self.log_path).read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def start_kernel(tmp_path, attempt):
    log_path = tmp_path / f"kernel-{attempt}.log"
    log = open(log_path, "w")
    km = KernelManager(kernel_name=KERNEL)
    km.start_kernel(stderr=log, env={**os.environ, "CALLISTO_LOG_LEVEL": "info",
                                     "CALLISTO_HISTORY_FILE": str(tmp_path / "history.jsonl")})
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
    except RuntimeError:
        kc.stop_channels()
        log.close()
        # jupyter_client picks the ports, frees them, and the kernel binds them a moment later: another
        # process can take one in between. That is jupyter_client's race, not the kernel's; a second start
        # gets other ports. Anything else is a failure.
        if attempt == 0 and "Address already in use" in log_path.read_text(errors="replace"):
            km.cleanup_resources()
            return start_kernel(tmp_path, 1)
        raise
    return km, kc, log, log_path


@pytest.fixture()
def kernel(tmp_path):
    km, kc, log, log_path = start_kernel(tmp_path, 0)
    k = Kernel(km, kc, log_path)
    yield k
    print("--- kernel log (last lines) ---\n" + k.log_tail())  # shown by pytest only when the test failed
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    log.close()


@pytest.fixture()
def dbg(kernel):
    """A kernel with the debugger started as JupyterLab starts it, once the Java engine is up (initialize right
    after the kernel is ready is test_debug_info_before_start_then_initialize_attach_and_dump_cell's)."""
    kernel.warm_up()
    kernel.start_debugger()
    return kernel


def assert_cell_frame(frame, path, line, what):
    assert frame.get("source", {}).get("path") == path and frame.get("line") == line, \
        f"{what}: expected {path} line {line}, got {brief(frame)}"


# ---------------------------------------------------------------------------------------------------------------


def test_murmur2_gives_jupyterlabs_vectors():
    """The harness's own hash against the contract's vectors (JupyterLab hash.ts, seed 3339675911)."""
    seed = 3339675911
    assert [murmur2(s, seed) for s in ("", "a", "abcd", "héllo")] == [3990065800, 2167009006, 804720481, 3844570329]


def test_kernelspec_and_kernel_info_announce_the_debugger(kernel):
    spec = KernelSpecManager().get_kernel_spec(KERNEL)
    assert spec.metadata.get("debugger") is True, f"kernelspec metadata: {spec.metadata}"
    msg_id = kernel.kc.kernel_info()
    reply = kernel.wait(lambda: next((m for m in kernel.shell if m["parent_header"].get("msg_id") == msg_id), None),
                        "kernel_info_reply")
    content = reply["content"]
    assert "debugger" in content.get("supported_features", []), brief(content)
    assert content.get("debugger") is True, brief(content)


def test_debug_info_before_start_then_initialize_attach_and_dump_cell(kernel):
    info = kernel.body("debugInfo")
    assert info["isStarted"] is False, brief(info)
    assert info["hashMethod"] == "Murmur2", brief(info)
    assert isinstance(info["hashSeed"], int) and 0 <= info["hashSeed"] <= 0xFFFFFFFF, brief(info)
    assert info["tmpFilePrefix"].endswith(f"callisto_{kernel.km.provisioner.pid}/"), brief(info)
    assert info["tmpFileSuffix"] == ".java", brief(info)
    assert info["breakpoints"] == [] and info["stoppedThreads"] == [], brief(info)
    assert info["richRendering"] is True, brief(info)
    assert info["exceptionPaths"] == ["Java Exceptions"], brief(info)
    assert info["copyToGlobals"] is False, brief(info)

    capabilities = kernel.body("initialize", INITIALIZE)
    assert capabilities.get("supportsConfigurationDoneRequest") is True, brief(capabilities)
    assert capabilities.get("supportsModulesRequest") is True, brief(capabilities)
    assert capabilities.get("supportsExceptionInfoRequest") is True, brief(capabilities)
    assert {"filter": "uncaught", "label": "Uncaught Exceptions", "default": False} in \
        capabilities.get("exceptionBreakpointFilters", []), brief(capabilities)
    kernel.request("attach")
    kernel.event("initialized")  # DAP sends it after initialize's response; debugpy after attach's
    assert kernel.body("debugInfo")["isStarted"] is True

    # The path is the test's own Murmur2 of the code: ASCII, Latin-1 and a character beyond the BMP.
    for code in ("int x = 1;", 'String s = "héllo";\nSystem.out.println(s + " 🎉");'):
        expected = f"{info['tmpFilePrefix']}{murmur2(code, info['hashSeed'])}{info['tmpFileSuffix']}"
        path = kernel.dump(code)
        assert path == expected, f"dumpCell {code!r} → {path}; expected {expected}"
        assert pathlib.Path(path).read_text(encoding="utf-8") == code, f"dumpCell wrote {path} with other text"


def test_set_breakpoints_one_then_two_then_none(dbg):
    code = cell("int first = 1;",
                "int second = first + 1;  // <two>",
                "int third = second + 1;",
                'System.out.println("third " + third);  // <four>')
    two_, four = line_of(code, "<two>"), line_of(code, "<four>")
    path = dbg.dump(code)
    dbg.set_breakpoints(path, [two_])
    info = dbg.body("debugInfo")
    assert {"source": path, "breakpoints": [{"line": two_}]} in info["breakpoints"], brief(info)

    two = dbg.set_breakpoints(path, [two_, four])
    assert two[0]["id"] != two[1]["id"], f"two breakpoints share an id: {brief(two)}"
    info = dbg.body("debugInfo")
    entries = [e for e in info["breakpoints"] if e["source"] == path]
    assert len(entries) == 1 and [b["line"] for b in entries[0]["breakpoints"]] == [two_, four], brief(info)

    cleared = dbg.body("setBreakpoints", {"source": {"path": path}, "breakpoints": [], "sourceModified": False})
    assert cleared.get("breakpoints") == [], f"setBreakpoints [] → {brief(cleared)}"
    info = dbg.body("debugInfo")
    assert all(e["breakpoints"] == [] for e in info["breakpoints"] if e["source"] == path), brief(info)
    # With no breakpoints left the cell runs straight through.
    out = dbg.run(code)
    assert out["stdout"] == "third 3\n"


def test_stop_at_a_breakpoint_then_stack_scopes_and_continue(dbg):
    code = cell('String greeting = "hello";',
                "int n = greeting.length();",
                'System.out.println(greeting + " " + n);  // <bp>')
    bp_line = line_of(code, "<bp>")
    path = dbg.dump(code)
    ids = [bp["id"] for bp in dbg.set_breakpoints(path, [bp_line])]
    dbg.request("configurationDone")

    exec_id = dbg.execute(code)
    stop = dbg.stopped(exec_id, "breakpoint")
    thread = stop["threadId"]
    if "hitBreakpointIds" in stop:
        assert stop["hitBreakpointIds"] == ids, brief(stop)
    assert thread in dbg.body("debugInfo")["stoppedThreads"]

    frames = dbg.frames(thread)
    assert_cell_frame(frames[0], path, bp_line, "top frame")
    prefix = dbg.body("debugInfo")["tmpFilePrefix"]
    assert all(f.get("source", {}).get("path", "").startswith(prefix) for f in frames), \
        f"JDK or Callisto frames shown: {brief(frames)}"

    scopes = dbg.body("scopes", {"frameId": frames[0]["id"]})["scopes"]
    assert {"Locals", "Notebook"} <= {s["name"] for s in scopes}, brief(scopes)
    for scope in scopes:  # JupyterLab asks for every scope's variables
        if scope["variablesReference"] > 0:
            dbg.variables(scope["variablesReference"])
    notebook = dbg.variables(dbg.scope(frames[0]["id"], "Notebook"))
    assert notebook["n"]["value"] == "5", brief(notebook)
    assert "hello" in notebook["greeting"]["value"], brief(notebook)
    assert notebook["n"]["variablesReference"] == 0, brief(notebook["n"])

    dbg.resume("continue", thread)
    reply, out = dbg.finish(exec_id)
    assert reply["status"] == "ok", brief(reply)
    assert out["stdout"] == "hello 5\n"
    assert dbg.body("debugInfo")["stoppedThreads"] == []


def test_two_breakpoints_in_one_cell_stop_in_turn(dbg):
    code = cell("int first = 10;  // <a>",
                "int second = first * 2;",
                "System.out.println(first + second);  // <b>")
    path = dbg.dump(code)
    a, b = line_of(code, "<a>"), line_of(code, "<b>")
    dbg.set_breakpoints(path, [a, b])
    exec_id = dbg.execute(code)
    for line in (a, b):
        thread = dbg.stopped(exec_id, "breakpoint")["threadId"]
        assert_cell_frame(dbg.frames(thread)[0], path, line, "top frame")
        dbg.resume("continue", thread)
    reply, out = dbg.finish(exec_id)
    assert reply["status"] == "ok" and out["stdout"] == "30\n", brief([reply, out])


def test_locals_and_expanding_an_object_array_list_and_map(dbg):
    dbg.run("int counter = 41;")
    code = cell("class Point { int x = 3; int y = 4; int sum() { return x + y; } }",
                "void look(int factor) {",
                "    int[] arr = {10, 20, 30};",
                '    List<String> list = new ArrayList<>(List.of("p", "q"));',
                "    Map<String, Integer> map = new LinkedHashMap<>();",
                '    map.put("k", 7);',
                "    Point pt = new Point();",
                '    String word = "hi";',
                "    System.out.println(word + factor);  // <bp>",
                "}",
                "look(6);  // <call>")
    path = dbg.dump(code)
    dbg.set_breakpoints(path, [line_of(code, "<bp>")])
    exec_id = dbg.execute(code)
    thread = dbg.stopped(exec_id, "breakpoint")["threadId"]
    frames = dbg.frames(thread)
    assert_cell_frame(frames[0], path, line_of(code, "<bp>"), "top frame")
    assert "look" in frames[0]["name"], brief(frames[0])
    assert_cell_frame(frames[1], path, line_of(code, "<call>"), "caller frame")

    local = dbg.variables(dbg.scope(frames[0]["id"], "Locals"))
    assert {"factor", "arr", "list", "map", "pt", "word"} <= local.keys(), brief(local)
    assert local["factor"]["value"] == "6" and local["factor"]["variablesReference"] == 0, brief(local["factor"])
    assert local["factor"].get("type") == "int", brief(local["factor"])
    assert local["factor"].get("evaluateName") == "factor", brief(local["factor"])
    assert "int[]" in local["arr"].get("type", ""), brief(local["arr"])
    assert "hi" in local["word"]["value"], brief(local["word"])

    arr = dbg.variables(local["arr"]["variablesReference"])
    assert {k: v["value"] for k, v in arr.items()} == {"[0]": "10", "[1]": "20", "[2]": "30"}, brief(arr)
    items = dbg.variables(local["list"]["variablesReference"])
    assert "[0]" in items and "[1]" in items, brief(items)
    assert "p" in items["[0]"]["value"] and "q" in items["[1]"]["value"], brief(items)
    entries = dbg.variables(local["map"]["variablesReference"])
    keyed = [v for name, v in entries.items() if "k" in name]
    assert len(keyed) == 1 and "7" in keyed[0]["value"], f"map entries: {brief(entries)}"
    point = dbg.variables(local["pt"]["variablesReference"])
    assert point["x"]["value"] == "3" and point["y"]["value"] == "4", brief(point)

    notebook = dbg.variables(dbg.scope(frames[0]["id"], "Notebook"))
    assert notebook["counter"]["value"] == "41", brief(notebook)

    dbg.resume("continue", thread)
    reply, out = dbg.finish(exec_id)
    assert reply["status"] == "ok" and out["stdout"] == "hi6\n", brief([reply, out])


def test_next_stops_at_the_following_line(dbg):
    code = cell("void steps() {",
                "    int a = 1;  // <bp>",
                "    int b = a + 1;",
                '    System.out.println("b=" + b);',
                "}",
                "steps();")
    path = dbg.dump(code)
    bp = line_of(code, "<bp>")
    dbg.set_breakpoints(path, [bp])
    exec_id = dbg.execute(code)
    thread = dbg.stopped(exec_id, "breakpoint")["threadId"]
    assert_cell_frame(dbg.frames(thread)[0], path, bp, "at the breakpoint")
    for line in (bp + 1, bp + 2):
        dbg.resume("next", thread)
        stop = dbg.stopped(exec_id, "step")
        assert stop["threadId"] == thread, brief(stop)
        assert_cell_frame(dbg.frames(thread)[0], path, line, "after next")
    local = dbg.local_variables(thread)
    assert local["a"]["value"] == "1" and local["b"]["value"] == "2", brief(local)
    assert dbg.outputs(exec_id)["stdout"] == "", "the println ran before its line was stepped over"
    dbg.resume("continue", thread)
    reply, out = dbg.finish(exec_id)
    assert reply["status"] == "ok" and out["stdout"] == "b=2\n", brief([reply, out])


def test_next_goes_from_one_top_level_line_to_the_next(dbg):
    # Each top-level line is a snippet of its own, run by JShell one after the other: Next still goes line by line.
    code = cell("int twice(int v) { return 2 * v; }",
                "int first = twice(1);  // <bp>",
                'System.out.println("one " + first);',
                "int second = first + 1;",
                'System.out.println("two " + second);')
    path = dbg.dump(code)
    bp = line_of(code, "<bp>")
    dbg.set_breakpoints(path, [bp])
    exec_id = dbg.execute(code)
    thread = dbg.stopped(exec_id, "breakpoint")["threadId"]
    for line in (bp + 1, bp + 2, bp + 3):
        dbg.resume("next", thread)
        dbg.stopped(exec_id, "step")
        assert_cell_frame(dbg.frames(thread)[0], path, line, "after next")
    assert dbg.outputs(exec_id)["stdout"] == "one 2\n", brief(dbg.outputs(exec_id))
    dbg.resume("continue", thread)
    reply, out = dbg.finish(exec_id)
    assert reply["status"] == "ok" and out["stdout"] == "one 2\ntwo 3\n", brief([reply, out])


def test_locals_of_an_instance_method_show_this_and_the_locals(dbg):
    code = cell("class Counter {",
                "    int count = 7;",
                "    int add(int n) {",
                "        int sum = count + n;  // <bp>",
                "        return sum;",
                "    }",
                "}",
                "new Counter().add(5)")
    path = dbg.dump(code)
    dbg.set_breakpoints(path, [line_of(code, "<bp>")])
    exec_id = dbg.execute(code)
    thread = dbg.stopped(exec_id, "breakpoint")["threadId"]
    local = dbg.local_variables(thread)
    assert "this" in local and local["this"]["variablesReference"] > 0, brief(local)
    assert local["n"]["value"] == "5", brief(local)
    fields = dbg.variables(local["this"]["variablesReference"])
    assert fields["count"]["value"] == "7", brief(fields)
    dbg.resume("continue", thread)
    reply, out = dbg.finish(exec_id)
    assert reply["status"] == "ok" and out["results"] == ["12"], brief([reply, out])


def test_step_in_to_a_method_of_an_earlier_cell_and_step_out(kernel):
    # The earlier cell runs before the debugger starts and is never dumped: the kernel hashed it when it ran.
    earlier = cell("int twice(int v) {",
                   "    int r = v * 2;  // <first>",
                   "    return r;",
                   "}")
    kernel.run(earlier)
    kernel.start_debugger()
    earlier_path = kernel.path_of(earlier)
    code = cell("int start = 5;",
                'System.out.println("twice " + twice(start));  // <bp>')
    bp = line_of(code, "<bp>")
    path = kernel.dump(code)
    kernel.set_breakpoints(path, [bp])
    exec_id = kernel.execute(code)
    thread = kernel.stopped(exec_id, "breakpoint")["threadId"]

    kernel.resume("stepIn", thread)
    assert kernel.stopped(exec_id, "step")["threadId"] == thread
    frames = kernel.frames(thread)
    assert_cell_frame(frames[0], earlier_path, line_of(earlier, "<first>"), "after stepIn")
    assert "twice" in frames[0]["name"], brief(frames[0])
    assert_cell_frame(frames[1], path, bp, "caller after stepIn")
    assert kernel.local_variables(thread)["v"]["value"] == "5"
    assert kernel.body("source", {"source": {"path": earlier_path}})["content"] == earlier

    kernel.resume("stepOut", thread)
    assert kernel.stopped(exec_id, "step")["threadId"] == thread
    assert_cell_frame(kernel.frames(thread)[0], path, bp, "after stepOut")

    kernel.resume("continue", thread)
    reply, out = kernel.finish(exec_id)
    assert reply["status"] == "ok" and out["stdout"] == "twice 10\n", brief([reply, out])


def test_pause_a_long_loop(dbg):
    dbg.run("long spins = 0;")
    code = 'System.out.println("spinning"); while (spins >= 0) { spins++; }'  # one line: the pause lands on it
    path = dbg.path_of(code)
    exec_id = dbg.execute(code)
    dbg.wait(lambda: True if dbg.outputs(exec_id)["stdout"] == "spinning\n" else None, "the loop to start")
    # JupyterLab pauses with threadId 1 when no thread is stopped (service.ts _currentThread).
    dbg.request("pause", {"threadId": 1})
    stop = dbg.stopped(exec_id, "pause")
    thread = stop["threadId"]
    assert thread in dbg.body("debugInfo")["stoppedThreads"]
    assert_cell_frame(dbg.frames(thread)[0], path, 1, "paused frame")
    dbg.resume("continue", thread)
    assert dbg.body("debugInfo")["stoppedThreads"] == []
    dbg.km.interrupt_kernel()
    reply, _ = dbg.finish(exec_id)
    assert reply["status"] == "error" and reply["ename"] == "Interrupted", brief(reply)
    assert dbg.run("spins > 0")["results"] == ["true"]


def test_next_after_pausing_in_sleep_stops_in_the_cell(dbg):
    code = cell("long ticks = 0;",
                "while (true) {",
                "    ticks++;",
                "    Thread.sleep(20);  // <sleep>",
                "}")
    path = dbg.path_of(code)
    exec_id = dbg.execute(code)

    def ticking():
        shown = {v["name"]: v["value"] for v in dbg.body("inspectVariables")["variables"]}
        return True if shown.get("ticks", "0") != "0" else None
    dbg.wait(ticking, "the loop to tick")
    # The pause lands in Thread.sleep, in the JDK: the frames shown are the cell's, and Next comes back to it.
    dbg.request("pause", {"threadId": 1})
    thread = dbg.stopped(exec_id, "pause")["threadId"]
    top = dbg.frames(thread)[0]
    assert top["source"]["path"] == path, brief(top)
    dbg.resume("next", thread)
    dbg.stopped(exec_id, "step")
    top = dbg.frames(thread)[0]
    assert top["source"]["path"] == path and top["line"] in (3, 4), brief(top)
    dbg.resume("continue", thread)
    dbg.km.interrupt_kernel()
    reply, _ = dbg.finish(exec_id)
    assert reply["status"] == "error" and reply["ename"] == "Interrupted", brief(reply)


def test_evaluate_while_stopped(dbg):
    dbg.run("int counter = 41;")
    dbg.run("int plus(int a, int b) { return a + b; }")
    code = cell("class Point { int x = 3; int y = 4; int sum() { return x + y; } }",
                "void look(int factor) {",
                "    int[] arr = {10, 20, 30};",
                '    List<String> list = new ArrayList<>(List.of("p", "q"));',
                "    Point pt = new Point();",
                '    String word = "hi";',
                "    System.out.println(word + factor);  // <bp>",
                "}",
                "look(6);")
    path = dbg.dump(code)
    dbg.set_breakpoints(path, [line_of(code, "<bp>")])
    exec_id = dbg.execute(code)
    thread = dbg.stopped(exec_id, "breakpoint")["threadId"]
    frame_id = dbg.frames(thread)[0]["id"]

    def evaluate(expression, context="repl"):
        return dbg.body("evaluate", {"expression": expression, "frameId": frame_id, "context": context})

    for expression, value in [("factor", "6"), ("counter", "41"), ("pt.x", "3"), ("arr[2]", "30"),
                              ("pt.sum()", "7"), ("word.length()", "2"), ("42", "42"),
                              ("plus(2, 3)", "5"), ("Math.max(1, 2)", "2"), ("Integer.MAX_VALUE", "2147483647")]:
        result = evaluate(expression)
        assert result["result"] == value, f"evaluate {expression!r} → {brief(result)}; expected {value}"
    assert "q" in evaluate("list.get(1)")["result"]
    assert evaluate("factor", "watch")["result"] == "6"
    assert evaluate("factor", "hover")["result"] == "6"
    point = evaluate("pt")
    assert point["variablesReference"] > 0, brief(point)
    assert dbg.variables(point["variablesReference"])["y"]["value"] == "4"
    dbg.request("evaluate", {"expression": "no_such_name", "frameId": frame_id, "context": "repl"}, ok=False)

    dbg.resume("continue", thread)
    reply, out = dbg.finish(exec_id)
    assert reply["status"] == "ok" and out["stdout"] == "hi6\n", brief([reply, out])


def test_inspect_variables_when_nothing_is_stopped(dbg):
    dbg.run('int counter = 41;\nString title = "callisto";\nList<Integer> nums = List.of(1, 2, 3);')
    found = {v["name"]: v for v in dbg.body("inspectVariables")["variables"]}
    assert {"counter", "title", "nums"} <= found.keys(), brief(found)
    assert found["counter"]["value"] == "41" and found["counter"]["type"] == "int", brief(found["counter"])
    assert "callisto" in found["title"]["value"] and "String" in found["title"]["type"], brief(found["title"])
    assert found["counter"]["variablesReference"] == 0, brief(found["counter"])
    nums = dbg.variables(found["nums"]["variablesReference"])
    assert [nums[f"[{i}]"]["value"] for i in range(3)] == ["1", "2", "3"], brief(nums)

    rich = dbg.body("richInspectVariables", {"variableName": "title"})
    assert "callisto" in rich["data"]["text/plain"], brief(rich)
    assert isinstance(rich.get("metadata"), dict), brief(rich)
    assert "41" in dbg.body("richInspectVariables", {"variableName": "counter"})["data"]["text/plain"]


def test_rich_inspect_variables_at_a_breakpoint(dbg):
    dbg.run("double ratio = 0.25;")
    code = cell("void look() {",
                '    String word = "rich-" + 7;',
                "    System.out.println(word);  // <bp>",
                "}",
                "look();")
    path = dbg.dump(code)
    dbg.set_breakpoints(path, [line_of(code, "<bp>")])
    exec_id = dbg.execute(code)
    thread = dbg.stopped(exec_id, "breakpoint")["threadId"]
    frame_id = dbg.frames(thread)[0]["id"]
    rich = dbg.body("richInspectVariables", {"variableName": "word", "frameId": frame_id})
    assert "rich-7" in rich["data"]["text/plain"], brief(rich)
    # JupyterLab asks for the Globals panel while the cell is stopped too.
    found = {v["name"]: v for v in dbg.body("inspectVariables")["variables"]}
    assert found.get("ratio", {}).get("value") == "0.25", brief(found)
    dbg.resume("continue", thread)
    reply, out = dbg.finish(exec_id)
    assert reply["status"] == "ok" and out["stdout"] == "rich-7\n", brief([reply, out])


def test_source_of_a_dumped_cell_and_of_an_unknown_path(dbg):
    code = "int answer = 42;\n// a comment, é and 🎉\n"
    path = dbg.dump(code)
    assert dbg.body("source", {"source": {"path": path}})["content"] == code
    prefix = dbg.body("debugInfo")["tmpFilePrefix"]
    dbg.request("source", {"source": {"path": prefix + "123.java"}}, ok=False)


def test_modules(dbg):
    dbg.run("int x = 1;")
    body = dbg.body("modules")
    modules = body.get("modules")
    assert isinstance(modules, list), brief(body)
    assert body.get("totalModules") == len(modules), brief(body)
    for module in modules:
        assert "id" in module and isinstance(module.get("name"), str), brief(module)


def test_uncaught_exception_stops_with_exception_info(dbg):
    dbg.request("setExceptionBreakpoints", {"filters": ["uncaught"]})
    code = cell("void boom(int depth) {",
                '    throw new IllegalStateException("boom at " + depth);  // <throw>',
                "}",
                "boom(7);  // <call>")
    path = dbg.dump(code)
    exec_id = dbg.execute(code)
    thread = dbg.stopped(exec_id, "exception")["threadId"]
    frames = dbg.frames(thread)
    assert_cell_frame(frames[0], path, line_of(code, "<throw>"), "top frame")
    assert_cell_frame(frames[1], path, line_of(code, "<call>"), "caller frame")
    info = dbg.body("exceptionInfo", {"threadId": thread})
    assert "IllegalStateException" in info["exceptionId"], brief(info)
    assert "boom at 7" in info["description"], brief(info)
    assert info["breakMode"] == "unhandled", brief(info)
    assert "IllegalStateException" in info["details"]["typeName"], brief(info)
    assert info["details"]["message"] == "boom at 7", brief(info)
    dbg.resume("continue", thread)
    reply, _ = dbg.finish(exec_id)
    assert reply["status"] == "error" and "IllegalStateException" in reply["ename"], brief(reply)


def test_caught_exceptions_and_an_empty_filter_do_not_stop(dbg):
    dbg.request("setExceptionBreakpoints", {"filters": ["uncaught"]})
    out = dbg.run('try { Integer.parseInt("x"); } catch (NumberFormatException e) { System.out.println("caught"); }')
    assert out["stdout"] == "caught\n"
    dbg.request("setExceptionBreakpoints", {"filters": []})
    reply, _ = dbg.finish(dbg.execute('throw new IllegalStateException("plain");'))
    assert reply["status"] == "error" and "IllegalStateException" in reply["ename"], brief(reply)


def test_every_debug_request_gets_busy_then_idle_parented_to_it(kernel):
    # Kernel.request checks busy then idle for each; here every command JupyterLab sends, stopped or not.
    kernel.request("debugInfo")
    kernel.warm_up()
    kernel.request("initialize", INITIALIZE)
    kernel.request("attach")
    kernel.request("setExceptionBreakpoints", {"filters": []})
    kernel.request("inspectVariables")
    kernel.request("modules")
    code = cell("int v = 3;", "System.out.println(v);  // <bp>")
    path = kernel.dump(code)
    kernel.set_breakpoints(path, [2])
    kernel.request("configurationDone")
    kernel.request("source", {"source": {"path": path}})
    kernel.request("no_such_command", ok=False)
    exec_id = kernel.execute(code)
    thread = kernel.stopped(exec_id, "breakpoint")["threadId"]
    kernel.request("threads")
    frame_id = kernel.frames(thread)[0]["id"]
    kernel.variables(kernel.scope(frame_id, "Notebook"))
    kernel.request("evaluate", {"expression": "v", "frameId": frame_id, "context": "repl"})
    kernel.request("richInspectVariables", {"variableName": "v", "frameId": frame_id})
    kernel.request("debugInfo")
    kernel.request("continue", {"threadId": thread})
    assert kernel.finish(exec_id)[0]["status"] == "ok"
    kernel.request("disconnect", {"restart": False, "terminateDebuggee": False})
    # JupyterLab repeats sequence numbers (every debugInfo it sends on connecting is seq 0): each is answered.
    for _ in range(2):
        kernel.request("debugInfo", seq=0)


def test_unknown_commands_and_bad_arguments_fail_with_a_message(dbg):
    dbg.request("noSuchCommand", ok=False)
    dbg.request("stackTrace", {"threadId": 987654}, ok=False)
    dbg.request("variables", {"variablesReference": 987654}, ok=False)
    dbg.request("dumpCell", {}, ok=False)
    dbg.request("setBreakpoints", {"source": {}, "breakpoints": [{"line": 1}]}, ok=False)
    assert dbg.body("debugInfo")["isStarted"] is True


def test_malformed_debug_requests_get_a_failed_reply_and_the_kernel_serves(dbg):
    for content in ({}, {"type": "request", "seq": 1}, {"type": "request", "seq": 2, "command": 5},
                    {"type": "request", "seq": 3, "command": "debugInfo", "arguments": "not an object"}):
        msg_id = dbg.send_debug(content)
        reply = dbg.debug_reply(msg_id, f"malformed {content!r}", timeout=20)
        assert reply["msg_type"] == "debug_reply", brief(reply)
        assert reply["content"].get("success") is False, f"debug_request {content!r} → {brief(reply['content'])}"
        dbg.wait_idle(msg_id, f"malformed {content!r}")
    # Content that is not a JSON object is a malformed message, not a malformed DAP request: the kernel drops
    # and logs it, as it does on every channel, and goes on serving. Control is served in order, so once the
    # debugInfo sent after them is answered, no reply to them can still come.
    dropped = [dbg.send_debug(content) for content in (b"[1, 2]", b'"text"', b"42")]
    assert dbg.body("debugInfo")["isStarted"] is True
    answered = [m for m in dbg.control if m["parent_header"].get("msg_id") in dropped]
    assert answered == [], brief(answered)
    assert dbg.run("6 * 7")["results"] == ["42"]


def test_breakpoint_in_a_method_of_a_cell_run_before_the_debugger_started(kernel):
    earlier = cell("int triple(int v) {",
                   "    int t = v * 3;  // <bp>",
                   "    return t;",
                   "}")
    kernel.run(earlier)
    kernel.start_debugger()
    earlier_path = kernel.dump(earlier)  # JupyterLab dumps the cell when a breakpoint is set in its gutter
    kernel.set_breakpoints(earlier_path, [line_of(earlier, "<bp>")])
    later = "System.out.println(triple(4));"
    exec_id = kernel.execute(later)
    thread = kernel.stopped(exec_id, "breakpoint")["threadId"]
    frames = kernel.frames(thread)
    assert_cell_frame(frames[0], earlier_path, line_of(earlier, "<bp>"), "frame in the earlier cell")
    assert_cell_frame(frames[1], kernel.path_of(later), 1, "frame in the later cell")
    assert kernel.local_variables(thread)["v"]["value"] == "4"
    kernel.resume("continue", thread)
    reply, out = kernel.finish(exec_id)
    assert reply["status"] == "ok" and out["stdout"] == "12\n", brief([reply, out])


def test_breakpoint_on_a_path_never_dumped_is_kept_until_the_cell_runs(dbg):
    code = cell("int p = 2;", "System.out.println(p * 21);  // <bp>")
    path = dbg.path_of(code)  # JupyterLab may send setBreakpoints for a path it computed without dumpCell
    dbg.body("setBreakpoints", {"source": {"path": path}, "breakpoints": [{"line": 2}], "sourceModified": False})
    exec_id = dbg.execute(code)
    thread = dbg.stopped(exec_id, "breakpoint")["threadId"]
    assert_cell_frame(dbg.frames(thread)[0], path, 2, "top frame")
    dbg.resume("continue", thread)
    reply, out = dbg.finish(exec_id)
    assert reply["status"] == "ok" and out["stdout"] == "42\n", brief([reply, out])


def test_breakpoint_hit_by_a_thread_the_cell_started(dbg):
    code = cell("void work() {",
                "    int inThread = 99;",
                '    System.out.println("in thread " + inThread);  // <bp>',
                "}",
                'Thread worker = new Thread(() -> work(), "worker-1");  // <lambda>',
                "worker.start();",
                "worker.join();",
                'System.out.println("joined");')
    path = dbg.dump(code)
    dbg.set_breakpoints(path, [line_of(code, "<bp>")])
    exec_id = dbg.execute(code)
    thread = dbg.stopped(exec_id, "breakpoint")["threadId"]
    threads = {t["id"]: t["name"] for t in dbg.body("threads")["threads"]}
    assert thread in threads and "worker-1" in threads[thread], f"threads → {threads}; stopped {thread}"
    frames = dbg.frames(thread)
    assert_cell_frame(frames[0], path, line_of(code, "<bp>"), "worker's top frame")
    assert_cell_frame(frames[1], path, line_of(code, "<lambda>"), "the lambda's frame")
    assert all(f.get("source", {}).get("path") == path for f in frames), f"JDK frames shown: {brief(frames)}"
    assert dbg.local_variables(thread)["inThread"]["value"] == "99"
    dbg.resume("continue", thread)
    reply, out = dbg.finish(exec_id)
    assert reply["status"] == "ok" and out["stdout"] == "in thread 99\njoined\n", brief([reply, out])


def test_a_cell_run_again_stops_again(dbg):
    code = cell("int runs = 0;", "runs = runs + 1;", 'System.out.println("run " + runs);  // <bp>')
    path = dbg.dump(code)
    dbg.set_breakpoints(path, [line_of(code, "<bp>")])
    for _ in range(2):
        exec_id = dbg.execute(code)
        thread = dbg.stopped(exec_id, "breakpoint")["threadId"]
        assert_cell_frame(dbg.frames(thread)[0], path, line_of(code, "<bp>"), "top frame")
        dbg.resume("continue", thread)
        reply, out = dbg.finish(exec_id)
        assert reply["status"] == "ok" and out["stdout"] == "run 1\n", brief([reply, out])


def test_interrupt_while_stopped_ends_the_cell(dbg):
    code = cell('System.out.println("before");', 'System.out.println("after");  // <bp>')
    path = dbg.dump(code)
    dbg.set_breakpoints(path, [2])
    exec_id = dbg.execute(code)
    dbg.stopped(exec_id, "breakpoint")
    dbg.km.interrupt_kernel()
    reply, out = dbg.finish(exec_id)
    assert reply["status"] == "error" and reply["ename"] == "Interrupted", brief(reply)
    assert out["stdout"] == "before\n", brief(out)
    assert dbg.body("debugInfo")["stoppedThreads"] == []
    assert dbg.run("6 * 7")["results"] == ["42"]


def test_system_exit_while_debugging(dbg):
    reply, _ = dbg.finish(dbg.execute("System.exit(3);"))
    assert reply["status"] == "error" and reply["ename"] == "ExecutorDied", brief(reply)
    info = dbg.body("debugInfo")
    assert info["isStarted"] is True and info["stoppedThreads"] == [], brief(info)
    assert dbg.run("6 * 7")["results"] == ["42"]
    # Breakpoints reach the JVM that took over.
    code = cell("int z = 5;", "System.out.println(z);  // <bp>")
    path = dbg.dump(code)
    dbg.set_breakpoints(path, [2])
    exec_id = dbg.execute(code)
    thread = dbg.stopped(exec_id, "breakpoint")["threadId"]
    assert_cell_frame(dbg.frames(thread)[0], path, 2, "top frame in the new JVM")
    dbg.resume("continue", thread)
    reply, out = dbg.finish(exec_id)
    assert reply["status"] == "ok" and out["stdout"] == "5\n", brief([reply, out])


def test_maven_library_frames_between_cell_frames(dbg):
    dbg.run("%maven org.apache.commons:commons-collections4:4.6.0")
    code = cell("boolean keep(int x) {",
                "    return x % 2 == 0;  // <bp>",
                "}",
                "List<Integer> nums = new ArrayList<>(List.of(1, 2, 3, 4));",
                "org.apache.commons.collections4.CollectionUtils.filter(nums, x -> keep(x));  // <call>",
                'System.out.println(nums);')
    path = dbg.dump(code)
    dbg.set_breakpoints(path, [line_of(code, "<bp>")])
    exec_id = dbg.execute(code)
    thread = dbg.stopped(exec_id, "breakpoint")["threadId"]
    frames = dbg.frames(thread)
    assert_cell_frame(frames[0], path, line_of(code, "<bp>"), "the method's frame")
    library = [f for f in frames if "CollectionUtils.filter" in f["name"]]
    assert library and "path" not in library[0].get("source", {}), brief(frames)
    assert library[0].get("presentationHint") == "subtle", brief(library)
    assert_cell_frame(frames[-1], path, line_of(code, "<call>"), "the cell's own frame")
    modules = dbg.body("modules")["modules"]
    assert any("commons-collections4" in m["name"] for m in modules), brief(modules)
    dbg.set_breakpoints(path, [])
    dbg.resume("continue", thread)
    reply, out = dbg.finish(exec_id)
    assert reply["status"] == "ok" and out["stdout"] == "[2, 4]\n", brief([reply, out])


def test_breakpoint_in_a_method_restored_after_the_executor_restarted(dbg):
    earlier = cell("int square(int v) {",
                   "    int s = v * v;  // <bp>",
                   "    return s;",
                   "}")
    dbg.run(earlier)
    reply, _ = dbg.finish(dbg.execute("System.exit(4);"))
    assert reply["status"] == "error" and "1 method" in reply["evalue"], brief(reply)
    # The method was restored into the JVM that took over, under a class of a new name: the breakpoint set on
    # its cell's line still reaches it, and its frame still names that cell.
    path = dbg.dump(earlier)
    dbg.set_breakpoints(path, [line_of(earlier, "<bp>")])
    later = "System.out.println(square(6));"
    exec_id = dbg.execute(later)
    thread = dbg.stopped(exec_id, "breakpoint")["threadId"]
    frames = dbg.frames(thread)
    assert_cell_frame(frames[0], path, line_of(earlier, "<bp>"), "restored method's frame")
    assert_cell_frame(frames[1], dbg.path_of(later), 1, "caller's frame")
    assert dbg.local_variables(thread)["v"]["value"] == "6"
    dbg.resume("continue", thread)
    reply, out = dbg.finish(exec_id)
    assert reply["status"] == "ok" and out["stdout"] == "36\n", brief([reply, out])


def test_breakpoint_set_before_the_executor_restarted_still_stops(dbg):
    earlier = cell("int cube(int v) {",
                   "    int c = v * v * v;  // <bp>",
                   "    return c;",
                   "}")
    dbg.run(earlier)
    path = dbg.dump(earlier)
    dbg.set_breakpoints(path, [line_of(earlier, "<bp>")])
    reply, _ = dbg.finish(dbg.execute("System.exit(5);"))
    assert reply["status"] == "error", brief(reply)
    # No setBreakpoints again (JupyterLab sends none): the JVM that took over gets the breakpoint by itself.
    exec_id = dbg.execute("System.out.println(cube(2));")
    thread = dbg.stopped(exec_id, "breakpoint")["threadId"]
    assert_cell_frame(dbg.frames(thread)[0], path, line_of(earlier, "<bp>"), "restored method's frame")
    dbg.resume("continue", thread)
    reply, out = dbg.finish(exec_id)
    assert reply["status"] == "ok" and out["stdout"] == "8\n", brief([reply, out])


def test_disconnect_ends_a_stopped_cell_as_an_interrupt_and_drops_breakpoints(dbg):
    code = cell('System.out.println("one");  // <bp>', 'System.out.println("two");')
    path = dbg.dump(code)
    dbg.set_breakpoints(path, [1])
    exec_id = dbg.execute(code)
    dbg.stopped(exec_id, "breakpoint")
    # Turning the debugger off while stopped ends the cell at once, as the stop button does (issue 12).
    dbg.request("disconnect", {"restart": False, "terminateDebuggee": False})
    reply, out = dbg.finish(exec_id)
    assert reply["status"] == "error" and reply["ename"] == "Interrupted", brief([reply, out])
    assert out["stdout"] == "", brief(out)
    info = dbg.body("debugInfo")
    assert info["isStarted"] is False and info["breakpoints"] == [] and info["stoppedThreads"] == [], brief(info)
    assert dbg.run(code)["stdout"] == "one\ntwo\n"  # no breakpoint left to stop it
    dbg.start_debugger()  # and the debugger can start again


def test_breakpoints_on_every_kind_of_top_level_line(dbg):
    """A breakpoint on line 2 stops there whatever kind of snippet the line is; all failures listed at once."""
    kinds = {
        "declaration": "int b = a + 1;",
        "assignment": "a = 5;",
        "increment": "a++;",
        "compound assignment": "a += 2;",
        "call with a value": "Math.abs(a);",
        "void call": "System.out.println(a);",
        "if statement": 'if (a > 0) System.out.println("positive");',
        "for statement": "for (int i = 0; i < 2; i++) a = a + i;",
        "var declaration": "var listed = List.of(a);",
        "conditional declaration": 'String sign = a > 0 ? "+" : "-";',
        "expression (the cell's value, last line)": "a * 2",
    }
    missed = []
    for kind, line in kinds.items():
        last = [] if "last line" in kind else ['System.out.println("end");']
        code = cell("int a = 1;", line, *last)
        path = dbg.dump(code)
        dbg.set_breakpoints(path, [2])
        exec_id = dbg.execute(code)
        try:
            thread = dbg.stopped(exec_id, "breakpoint")["threadId"]
        except AssertionError as e:
            missed.append(f"{kind} ({line!r}): {str(e)[:160]}")
            continue
        top = dbg.frames(thread)[0]
        if top.get("source", {}).get("path") != path or top.get("line") != 2:
            missed.append(f"{kind} ({line!r}): stopped at {brief(top)}")
        dbg.resume("continue", thread)
        reply, _ = dbg.finish(exec_id)
        assert reply["status"] == "ok", f"{kind}: {brief(reply)}"
    assert not missed, "breakpoints on line 2 that did not stop there:\n" + "\n".join(missed)


def test_jdk_frames_between_cell_frames_are_left_out(dbg):
    code = cell("void show(int x) {",
                '    System.out.println("x=" + x);  // <bp>',
                "}",
                "List.of(7).forEach(x -> {",
                "    show(x);  // <lambda>",
                "});  // <call>")
    path = dbg.dump(code)
    dbg.set_breakpoints(path, [line_of(code, "<bp>")])
    exec_id = dbg.execute(code)
    thread = dbg.stopped(exec_id, "breakpoint")["threadId"]
    frames = dbg.frames(thread)
    got = [(f.get("source", {}).get("path"), f["line"]) for f in frames]
    expected = [(path, line_of(code, "<bp>")), (path, line_of(code, "<lambda>"))]
    assert got[:2] == expected, f"frames {brief(frames)}"
    # forEach (JDK) is left out; the call's own frame is the cell's (the line javac gives the call: 4 or 6).
    assert len(got) == 3 and got[2][0] == path and got[2][1] in (4, line_of(code, "<call>")), f"frames {brief(frames)}"
    dbg.resume("continue", thread)
    reply, out = dbg.finish(exec_id)
    assert reply["status"] == "ok" and out["stdout"] == "x=7\n", brief([reply, out])


def test_requests_are_answered_while_a_cell_runs(dbg):
    dbg.run("int before = 3;")
    exec_id = dbg.execute('System.out.println("busy"); while (true) { Thread.sleep(20); }')
    dbg.wait(lambda: True if dbg.outputs(exec_id)["stdout"] == "busy\n" else None, "the cell to start")
    dbg.request("debugInfo")
    found = {v["name"]: v["value"] for v in dbg.body("inspectVariables")["variables"]}
    assert found.get("before") == "3", brief(found)
    dbg.request("modules")
    assert dbg._shell_reply(exec_id) is None, "the cell ended before it was interrupted"
    dbg.km.interrupt_kernel()
    reply, _ = dbg.finish(exec_id)
    assert reply["status"] == "error" and reply["ename"] == "Interrupted", brief(reply)
