"""Comms (the messaging spec's "Custom Messages") between Java cells and the frontend, both ways, driven from
jupyter_client as ipywidgets' frontend drives them: comm_open / comm_msg / comm_close sent on shell (with
binary buffers), the kernel's comm messages, busy/idle and handler output read on IOPub, comm_info_request
on shell.

Every test starts a kernel of its own, so no test sees another's targets or comms. Every wait polls the
sockets for a condition with a deadline; nothing sleeps. Every IOPub message is kept in arrival order, so a
test can look for one message without losing the others and can compare the order two messages came in.
"""
import json
import os
import queue
import time
import uuid

import pytest
from jupyter_client import KernelManager

KERNEL = os.environ.get("CALLISTO_KERNEL", "java")
TIMEOUT = 60


def text_of(msg):
    return msg["content"].get("text", "")


class Kernel:
    """A kernel, one BlockingKernelClient, and everything that came on IOPub and shell so far."""

    def __init__(self, km, kc, log_path):
        self.km, self.kc, self.log_path = km, kc, log_path
        self.iopub = []   # every IOPub message, in arrival order
        self.shell = []   # shell replies not yet taken

    # -- receiving ---------------------------------------------------------------------------------------

    def _pump(self, timeout):
        """Moves whatever arrives on IOPub and shell in the next `timeout` seconds (at most) into the lists;
        returns as soon as something came."""
        got = False
        for channel, store in ((self.kc.iopub_channel, self.iopub), (self.kc.shell_channel, self.shell)):
            while True:
                try:
                    store.append(channel.get_msg(timeout=0))
                    got = True
                except queue.Empty:
                    break
        if not got:
            self.kc.iopub_channel.socket.poll(timeout * 1000)
        return got

    def wait_iopub(self, predicate, timeout=TIMEOUT, what="an IOPub message"):
        """The first IOPub message (already received or arriving before the deadline) for which predicate holds."""
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for msg in self.iopub[seen:]:
                if predicate(msg):
                    return msg
            seen = len(self.iopub)
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {what} in {timeout} s; IOPub had:\n" + self.describe()
                                     + "\nkernel log ends:\n" + self.log_tail())
            self._pump(min(left, 0.1))

    def wait_shell(self, parent_id, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            for msg in self.shell:
                if msg["parent_header"].get("msg_id") == parent_id:
                    self.shell.remove(msg)
                    return msg
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no shell reply to {parent_id} in {timeout} s; IOPub had:\n" + self.describe()
                                     + "\nkernel log ends:\n" + self.log_tail())
            self._pump(min(left, 0.1))

    def idle(self, parent_id, timeout=TIMEOUT):
        """Waits for the idle status parented to parent_id; returns every IOPub message parented to it, in order."""
        self.wait_iopub(lambda m: m["msg_type"] == "status" and m["content"]["execution_state"] == "idle"
                        and m["parent_header"].get("msg_id") == parent_id, timeout, f"idle for {parent_id}")
        return self.under(parent_id)

    def under(self, parent_id):
        return [m for m in self.iopub if m["parent_header"].get("msg_id") == parent_id]

    def index(self, msg):
        return next(i for i, m in enumerate(self.iopub) if m is msg)

    def describe(self):
        return "\n".join(f"  {m['msg_type']:<12} parent={m['parent_header'].get('msg_type')}:"
                         f"{str(m['parent_header'].get('msg_id'))[:8]} {str(m['content'])[:160]}"
                         for m in self.iopub[-40:])

    def log_tail(self):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-40:])
        except OSError:
            return "(no log)"

    # -- sending -----------------------------------------------------------------------------------------

    def send(self, msg_type, content, buffers=None, metadata=None):
        """Sends one shell message (comm_open, comm_msg, comm_close, comm_info_request, ...); returns its msg_id."""
        msg = self.kc.session.msg(msg_type, content)
        if metadata is not None:
            msg["metadata"] = metadata  # as given, also when it is not a dict (the malformed test's)
        self.kc.session.send(self.kc.shell_channel.socket, msg, buffers=buffers)
        return msg["header"]["msg_id"]

    def comm(self, msg_type, content, buffers=None, metadata=None):
        """Sends a comm message and waits for its idle; returns (msg_id, IOPub messages parented to it)."""
        msg_id = self.send(msg_type, content, buffers, metadata)
        return msg_id, self.idle(msg_id)

    def execute(self, code):
        return self.kc.execute(code, stop_on_error=False)

    def run(self, code, timeout=TIMEOUT):
        """Executes code, waits for its reply and idle; returns (reply, IOPub messages parented to it)."""
        msg_id = self.execute(code)
        reply = self.wait_shell(msg_id, timeout)
        outputs = self.idle(msg_id, timeout)
        return reply, outputs

    def run_ok(self, code, timeout=TIMEOUT):
        reply, outputs = self.run(code, timeout)
        assert reply["content"]["status"] == "ok", (code, reply["content"], [text_of(m) for m in outputs])
        return outputs

    def comm_info(self, target_name=None):
        content = {} if target_name is None else {"target_name": target_name}
        reply = self.wait_shell(self.send("comm_info_request", content))
        assert reply["msg_type"] == "comm_info_reply"
        assert reply["content"]["status"] == "ok"
        return {comm_id: info["target_name"] for comm_id, info in reply["content"]["comms"].items()}


@pytest.fixture()
def kernel(tmp_path):
    log_path = tmp_path / "kernel.log"
    log = open(log_path, "w")
    km = KernelManager(kernel_name=KERNEL)
    km.start_kernel(stderr=log, stdout=log, env={**os.environ, "CALLISTO_LOG_LEVEL": "info"})
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        k = Kernel(km, kc, log_path)
        # wait_for_ready's kernel_info replies and statuses belong to no test.
        k.run_ok("import io.callisto.comm.*;")
        k.shell.clear()
        k.iopub.clear()
        yield k
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        log.close()


def new_id():
    return uuid.uuid4().hex


def statuses(messages):
    return [m["content"]["execution_state"] for m in messages if m["msg_type"] == "status"]


def streams(messages, name=None):
    return "".join(text_of(m) for m in messages if m["msg_type"] == "stream" and (name is None or m["content"]["name"] == name))


def of_type(messages, msg_type):
    return [m for m in messages if m["msg_type"] == msg_type]


def as_bytes(buffers):
    return [bytes(b) for b in buffers]


ECHO_TARGET = """
Comms.registerTarget("echo", (comm, open) -> {
    System.out.println("opened " + comm.id() + " with x=" + open.data().get("x") + " meta=" + open.metadata().get("version"));
    comm.onMessage(m -> {
        byte[] first = m.buffers().get(0);
        byte[] reversed = new byte[first.length];
        for (int i = 0; i < first.length; i++) reversed[i] = first[first.length - 1 - i];
        comm.send(Map.of("echo", m.data(), "buffers", m.buffers().size(), "msgId", m.msgId(),
                         "version", String.valueOf(m.metadata().get("version"))),
                  Map.of("from", "java"),
                  List.of(reversed, new byte[] {0, 1, 2, (byte) 255}));
    });
});
"""


def test_frontend_opens_a_comm_and_a_message_with_a_buffer_gets_a_reply_with_buffers(kernel):
    kernel.run_ok(ECHO_TARGET)
    comm_id = new_id()
    open_id, under_open = kernel.comm("comm_open", {"comm_id": comm_id, "target_name": "echo", "data": {"x": 41}},
                                      metadata={"version": "2.1.0"})
    assert statuses(under_open) == ["busy", "idle"]
    assert under_open[0]["msg_type"] == "status" and under_open[-1]["msg_type"] == "status"
    assert streams(under_open, "stdout") == f"opened {comm_id} with x=41 meta=2.1.0\n"

    payload = bytes([0, 1, 2, 3, 0xFE, 0xFF]) + b"tail"
    msg_id, under_msg = kernel.comm("comm_msg", {"comm_id": comm_id, "data": {"hello": "world", "n": [1, 2]}},
                                    buffers=[payload, b"second"], metadata={"version": "2.1.0"})
    assert [m["msg_type"] for m in under_msg] == ["status", "comm_msg", "status"], [m["msg_type"] for m in under_msg]
    assert statuses(under_msg) == ["busy", "idle"]
    reply = under_msg[1]
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["parent_header"]["msg_type"] == "comm_msg"
    assert reply["content"]["comm_id"] == comm_id
    assert reply["content"]["data"] == {"echo": {"hello": "world", "n": [1, 2]}, "buffers": 2, "msgId": msg_id,
                                        "version": "2.1.0"}
    assert reply["metadata"] == {"from": "java"}
    assert as_bytes(reply["buffers"]) == [payload[::-1], bytes([0, 1, 2, 255])]
    assert kernel.comm_info() == {comm_id: "echo"}


def test_a_cell_opens_sends_on_and_closes_a_comm_all_under_its_execute_request(kernel):
    outputs = kernel.run_ok("""
var c = Comm.open("frontend.target", Map.of("a", 1), Map.of("version", "2.1.0"), List.of(new byte[] {9, 8, 7}));
c.send(Map.of("b", List.of(2, 3)), Map.of(), List.of(new byte[] {0, 1, 2, (byte) 255}, new byte[0]));
c.send(Map.of("c", "plain"));
c.close(Map.of("bye", true));
""")
    cell_id = outputs[0]["parent_header"]["msg_id"]
    comm_messages = [m for m in outputs if m["msg_type"].startswith("comm_")]
    assert [m["msg_type"] for m in comm_messages] == ["comm_open", "comm_msg", "comm_msg", "comm_close"]
    assert all(m["parent_header"]["msg_id"] == cell_id and m["parent_header"]["msg_type"] == "execute_request"
               for m in comm_messages)
    opened, first, second, closed = comm_messages
    comm_id = opened["content"]["comm_id"]
    assert comm_id and all(m["content"]["comm_id"] == comm_id for m in comm_messages)
    assert opened["content"]["target_name"] == "frontend.target"
    assert opened["content"]["data"] == {"a": 1}
    assert opened["metadata"] == {"version": "2.1.0"}
    assert as_bytes(opened["buffers"]) == [bytes([9, 8, 7])]
    assert first["content"]["data"] == {"b": [2, 3]}
    assert as_bytes(first["buffers"]) == [bytes([0, 1, 2, 255]), b""]
    assert second["content"]["data"] == {"c": "plain"} and second["buffers"] == []
    assert closed["content"]["data"] == {"bye": True}
    # Everything the cell caused lies between its busy and its idle.
    assert outputs[0]["content"]["execution_state"] == "busy"
    assert outputs[-1]["content"]["execution_state"] == "idle"
    assert kernel.comm_info() == {}


def test_comm_info_lists_exactly_the_open_comms_of_both_sides_and_forgets_closed_ones(kernel):
    kernel.run_ok("""
final Map<String, Comm> held = new java.util.concurrent.ConcurrentHashMap<>();
Comms.registerTarget("info", (comm, open) -> held.put(comm.id(), comm));
Comms.registerTarget("other", (comm, open) -> held.put(comm.id(), comm));
""")
    assert kernel.comm_info() == {}
    assert kernel.comm_info("info") == {}
    front_a, front_b, front_other = new_id(), new_id(), new_id()
    for comm_id, target in ((front_a, "info"), (front_b, "info"), (front_other, "other")):
        kernel.comm("comm_open", {"comm_id": comm_id, "target_name": target, "data": {}})
    outputs = kernel.run_ok('var k = Comm.open("frontend.side", Map.of()); System.out.print(k.id());')
    kernel_side = streams(outputs, "stdout")
    assert kernel_side
    # An open refused (unknown target) and a comm opened and closed in a cell are not listed.
    kernel.comm("comm_open", {"comm_id": new_id(), "target_name": "nobody", "data": {}})
    kernel.run_ok('Comm.open("frontend.side", Map.of()).close();')

    everything = {front_a: "info", front_b: "info", front_other: "other", kernel_side: "frontend.side"}
    assert kernel.comm_info() == everything
    assert kernel.comm_info("info") == {front_a: "info", front_b: "info"}
    assert kernel.comm_info("other") == {front_other: "other"}
    assert kernel.comm_info("frontend.side") == {kernel_side: "frontend.side"}
    assert kernel.comm_info("nobody") == {}

    kernel.comm("comm_close", {"comm_id": front_a, "data": {}})
    kernel.run_ok("k.close();")
    assert kernel.comm_info() == {front_b: "info", front_other: "other"}
    assert kernel.comm_info("info") == {front_b: "info"}
    assert kernel.comm_info("frontend.side") == {}
    # The Java side agrees: the comm the frontend closed is closed there too.
    outputs = kernel.run_ok(f'System.out.print(held.get("{front_a}").isOpen() + " " + held.get("{front_b}").isOpen());')
    assert streams(outputs, "stdout") == "false true"
    kernel.run_ok(f'held.get("{front_b}").close();')
    assert kernel.comm_info() == {front_other: "other"}


def test_a_comm_open_to_an_unknown_target_is_closed_at_once_with_its_comm_id(kernel):
    comm_id = new_id()
    open_id, under_open = kernel.comm("comm_open", {"comm_id": comm_id, "target_name": "no.such.target", "data": {"x": 1}})
    closes = of_type(under_open, "comm_close")
    assert len(closes) == 1, [m["msg_type"] for m in under_open]
    assert closes[0]["content"]["comm_id"] == comm_id
    assert closes[0]["parent_header"]["msg_id"] == open_id
    assert [m["msg_type"] for m in under_open] == ["status", "comm_close", "status"]
    assert kernel.comm_info() == {}
    # A message to the refused comm reaches nothing and breaks nothing.
    _, under_msg = kernel.comm("comm_msg", {"comm_id": comm_id, "data": {"late": True}})
    assert [m["msg_type"] for m in under_msg] == ["status", "status"]
    kernel.run_ok("1 + 1")


def test_a_frontend_comm_close_runs_on_close_and_removes_the_comm(kernel):
    kernel.run_ok("""
final java.util.concurrent.atomic.AtomicReference<Comm> last = new java.util.concurrent.atomic.AtomicReference<>();
final java.util.concurrent.atomic.AtomicInteger messagesAfterClose = new java.util.concurrent.atomic.AtomicInteger();
Comms.registerTarget("closable", (comm, open) -> {
    last.set(comm);
    comm.onMessage(m -> { if (!comm.isOpen()) messagesAfterClose.incrementAndGet(); System.out.println("message " + m.data()); });
    comm.onClose(m -> System.out.println("onClose ran, reason=" + m.data().get("reason") + " open=" + comm.isOpen()));
});
""")
    comm_id = new_id()
    kernel.comm("comm_open", {"comm_id": comm_id, "target_name": "closable", "data": {}})
    assert kernel.comm_info() == {comm_id: "closable"}
    close_id, under_close = kernel.comm("comm_close", {"comm_id": comm_id, "data": {"reason": "done"}})
    assert streams(under_close, "stdout") == "onClose ran, reason=done open=false\n"
    assert all(m["parent_header"]["msg_id"] == close_id for m in under_close)
    # The kernel does not echo the frontend's own close back to it.
    assert of_type(under_close, "comm_close") == []
    assert kernel.comm_info() == {}
    # A message on the closed comm is not handled.
    _, under_late = kernel.comm("comm_msg", {"comm_id": comm_id, "data": {"late": True}})
    assert streams(under_late) == ""
    outputs = kernel.run_ok("System.out.print(last.get().isOpen() + \" \" + messagesAfterClose.get());")
    assert streams(outputs, "stdout") == "false 0"


def test_comm_messages_are_handled_while_a_cell_spins(kernel):
    kernel.run_ok("""
final java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
Comms.registerTarget("flag", (comm, open) -> comm.onMessage(m -> {
    System.out.println("handler saw " + m.data().get("n"));
    received.incrementAndGet();
}));
""")
    comm_id = new_id()
    kernel.comm("comm_open", {"comm_id": comm_id, "target_name": "flag", "data": {}})
    cell = kernel.execute('System.out.println("spinning"); while (received.get() < 2) { Thread.onSpinWait(); } '
                          'System.out.println("released");')
    kernel.wait_iopub(lambda m: m["parent_header"].get("msg_id") == cell and m["msg_type"] == "stream"
                      and "spinning" in text_of(m), what="the cell's 'spinning'")
    # The first message is handled to its idle while the cell still spins: the cell needs two to end.
    first, under_first = kernel.comm("comm_msg", {"comm_id": comm_id, "data": {"n": 1}})
    assert streams(under_first, "stdout") == "handler saw 1\n"
    assert not any(m["parent_header"].get("msg_id") == cell for m in kernel.shell), "the cell ended with one message"
    assert not any(m["msg_type"] == "status" and m["content"]["execution_state"] == "idle" for m in kernel.under(cell))
    assert "released" not in streams(kernel.under(cell))
    # The second message lets the cell end.
    second, under_second = kernel.comm("comm_msg", {"comm_id": comm_id, "data": {"n": 2}})
    assert streams(under_second, "stdout") == "handler saw 2\n"
    reply = kernel.wait_shell(cell, timeout=120)
    assert reply["content"]["status"] == "ok", reply["content"]
    under_cell = kernel.idle(cell)
    assert streams(under_cell, "stdout") == "spinning\nreleased\n"
    first_idle = [m for m in under_first if m["msg_type"] == "status"][-1]
    cell_idle = [m for m in under_cell if m["msg_type"] == "status"][-1]
    assert kernel.index(first_idle) < kernel.index(cell_idle)
    # The comm thread's output never went under the cell.
    assert "handler saw" not in streams(under_cell)


def test_handler_output_and_exceptions_go_under_the_comm_msg_and_the_comm_keeps_working(kernel):
    kernel.run_ok("""
Comms.registerTarget("fragile", (comm, open) -> comm.onMessage(m -> {
    if (m.data().containsKey("boom")) {
        System.out.println("about to throw");
        throw new IllegalStateException("boom from the handler " + m.data().get("boom"));
    }
    System.out.println("handled " + m.data().get("n") + " under " + Comms.parentMsgId());
    System.err.println("a warning from the handler");
}));
""")
    comm_id = new_id()
    kernel.comm("comm_open", {"comm_id": comm_id, "target_name": "fragile", "data": {}})
    ok_id, under_ok = kernel.comm("comm_msg", {"comm_id": comm_id, "data": {"n": 1}})
    assert streams(under_ok, "stdout") == f"handled 1 under {ok_id}\n"
    assert streams(under_ok, "stderr") == "a warning from the handler\n"
    for m in of_type(under_ok, "stream"):
        assert m["parent_header"]["msg_type"] == "comm_msg"

    boom_id, under_boom = kernel.comm("comm_msg", {"comm_id": comm_id, "data": {"boom": 7}})
    assert streams(under_boom, "stdout") == "about to throw\n"
    err = streams(under_boom, "stderr")
    assert "IllegalStateException" in err and "boom from the handler 7" in err, err
    assert statuses(under_boom) == ["busy", "idle"]

    next_id, under_next = kernel.comm("comm_msg", {"comm_id": comm_id, "data": {"n": 2}})
    assert streams(under_next, "stdout") == f"handled 2 under {next_id}\n"
    outputs = kernel.run_ok('System.out.print("cell after " + Comms.parentMsgId());')
    assert streams(outputs, "stdout") == "cell after null"
    assert kernel.comm_info() == {comm_id: "fragile"}


def test_comms_opened_before_system_exit_are_closed_towards_the_frontend(kernel):
    kernel.run_ok('Comms.registerTarget("before.exit", (comm, open) -> {});')
    front = new_id()
    kernel.comm("comm_open", {"comm_id": front, "target_name": "before.exit", "data": {}})
    outputs = kernel.run_ok('var k = Comm.open("frontend.side", Map.of()); System.out.print(k.id());')
    kernel_side = streams(outputs, "stdout")
    assert kernel.comm_info() == {front: "before.exit", kernel_side: "frontend.side"}

    exit_id = kernel.execute("System.exit(0);")
    exit_reply = kernel.wait_shell(exit_id, timeout=120)
    assert "ended with exit code 0" in exit_reply["content"].get("evalue", ""), exit_reply["content"]
    under_exit = kernel.idle(exit_id, timeout=120)
    # The exit's cell hands over to a fresh executor; before its idle both comms are closed towards the frontend.
    closed = sorted(m["content"]["comm_id"] for m in of_type(under_exit, "comm_close"))
    assert closed == sorted([front, kernel_side]), kernel.describe()
    assert kernel.comm_info() == {}
    reply, _ = kernel.run("1 + 1", timeout=120)
    assert reply["content"]["status"] == "ok"
    assert len(of_type(kernel.iopub, "comm_close")) == 2, "a comm was closed twice"
    # The old comms are gone in the new executor too: the target was not re-registered, so a new open is refused,
    # and a message to an old comm reaches nothing.
    _, under_msg = kernel.comm("comm_msg", {"comm_id": front, "data": {}})
    assert of_type(under_msg, "stream") == [] and statuses(under_msg) == ["busy", "idle"]
    again = new_id()
    _, under_open = kernel.comm("comm_open", {"comm_id": again, "target_name": "before.exit", "data": {}})
    assert [m["content"]["comm_id"] for m in of_type(under_open, "comm_close")] == [again]
    # Comms work in the new executor.
    kernel.run_ok(ECHO_TARGET)
    fresh = new_id()
    kernel.comm("comm_open", {"comm_id": fresh, "target_name": "echo", "data": {"x": 1}})
    _, under_echo = kernel.comm("comm_msg", {"comm_id": fresh, "data": {"after": "exit"}}, buffers=[b"xy"])
    assert of_type(under_echo, "comm_msg")[0]["content"]["data"]["echo"] == {"after": "exit"}
    assert kernel.comm_info() == {fresh: "echo"}


def test_malformed_comm_messages_are_dropped_and_the_kernel_keeps_serving(kernel):
    kernel.run_ok("""
final java.util.List<Object> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
Comms.registerTarget("strict", (comm, open) -> comm.onMessage(m -> seen.add(m.data())));
""")
    good = new_id()
    kernel.comm("comm_open", {"comm_id": good, "target_name": "strict", "data": {}})
    malformed = [
        ("comm_msg", {"data": {"no": "comm_id"}}),
        ("comm_msg", {"comm_id": None, "data": {}}),
        ("comm_msg", {"comm_id": 12, "data": {}}),
        ("comm_msg", {"comm_id": [good], "data": {}}),
        ("comm_msg", {"comm_id": {"id": good}, "data": {}}),
        ("comm_msg", {"comm_id": good, "data": "not a dict"}),
        ("comm_msg", {"comm_id": good, "data": [1, 2, 3]}),
        ("comm_msg", {"comm_id": good, "data": 42}),
        ("comm_open", {"target_name": "strict", "data": {}}),
        ("comm_open", {"comm_id": 7, "target_name": "strict", "data": {}}),
        ("comm_open", {"comm_id": new_id(), "target_name": ["strict"], "data": {}}),
        ("comm_close", {"data": {}}),
        ("comm_close", {"comm_id": False}),
    ]
    sent = [kernel.send(msg_type, content) for msg_type, content in malformed]
    # Content that is not a JSON object at all, and metadata that is not one.
    sent.append(kernel.send("comm_msg", json.dumps([good, {"data": {}}]).encode()))
    sent.append(kernel.send("comm_msg", json.dumps("just a string").encode()))
    sent.append(kernel.send("comm_msg", b"null"))
    sent.append(kernel.send("comm_msg", {"comm_id": good, "data": {"bad": "metadata"}}, metadata=[1, 2]))
    # The kernel answers whatever it answers; then a good message is handled, in order after all of them.
    good_id, under_good = kernel.comm("comm_msg", {"comm_id": good, "data": {"n": "good"}})
    assert statuses(under_good) == ["busy", "idle"]
    outputs = kernel.run_ok("System.out.print(seen);")
    assert streams(outputs, "stdout") == "[{n=good}]", "a malformed comm_msg reached the handler"
    assert kernel.comm_info() == {good: "strict"}
    reply = kernel.wait_shell(kernel.send("kernel_info_request", {}))
    assert reply["content"]["status"] == "ok"
    log = kernel.log_path.read_text(errors="replace")
    assert "dropped a comm_msg without a comm_id" in log
    assert "dropped a comm_msg whose data is not a JSON object" in log


def test_the_frontend_talks_back_on_a_comm_a_cell_opened_and_closes_it(kernel):
    outputs = kernel.run_ok("""
var mine = Comm.open("frontend.model", Map.of());
mine.onMessage(m -> mine.send(Map.of("got", m.data(), "buffers", m.buffers().size())));
mine.onClose(m -> System.out.println("frontend closed " + mine.id()));
System.out.print(mine.id());
""")
    comm_id = streams(outputs, "stdout")
    assert [m["content"]["comm_id"] for m in of_type(outputs, "comm_open")] == [comm_id]
    msg_id, under_msg = kernel.comm("comm_msg", {"comm_id": comm_id, "data": {"state": {"value": 3}}}, buffers=[b"\x00"])
    answers = of_type(under_msg, "comm_msg")
    assert len(answers) == 1 and answers[0]["parent_header"]["msg_id"] == msg_id
    assert answers[0]["content"] == {"comm_id": comm_id, "data": {"got": {"state": {"value": 3}}, "buffers": 1}}
    assert kernel.comm_info() == {comm_id: "frontend.model"}
    _, under_close = kernel.comm("comm_close", {"comm_id": comm_id, "data": {}})
    assert streams(under_close, "stdout") == f"frontend closed {comm_id}\n"
    assert kernel.comm_info() == {}
    outputs = kernel.run_ok("System.out.print(mine.isOpen());")
    assert streams(outputs, "stdout") == "false"
