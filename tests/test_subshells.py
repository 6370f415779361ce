"""Kernel subshells (JEP 91, messaging protocol 5.5) against the real kernel: create, list and delete on
control; shell requests routed by header.subshell_id; cells on a subshell running while the parent
shell's cell spins, in the same namespace, with their own execution count and their output parented to
them; interrupts stopping every shell. Each test starts its own kernel; waits poll with a deadline."""
import os
import queue
import time
from collections import defaultdict

import pytest
from jupyter_client import KernelManager

KERNEL = os.environ.get("CALLISTO_KERNEL", "java")
PARENT = object()  # send without a subshell_id


class Wire:
    """One client's traffic, kept by the msg_id of the request each message answers (messages of concurrent
    requests interleave on every channel)."""

    def __init__(self, client):
        self.client = client
        self.replies = {}
        self.iopub = defaultdict(list)

    def send(self, channel, msg_type, content=None, subshell=PARENT):
        msg = self.client.session.msg(msg_type, content or {})
        if subshell is not PARENT:
            msg["header"]["subshell_id"] = subshell
        getattr(self.client, channel + "_channel").send(msg)
        return msg["header"]["msg_id"]

    def _drain(self, getter, store):
        while True:
            try:
                msg = getter(timeout=0.05)
            except queue.Empty:
                return
            store(msg)

    def _poll(self, done, timeout, what):
        deadline = time.monotonic() + timeout
        while True:
            self._drain(self.client.get_shell_msg, self._keep_reply)
            self._drain(self.client.get_control_msg, self._keep_reply)
            self._drain(self.client.get_iopub_msg, self._keep_iopub)
            if done():
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout} s waiting for {what}")

    def _keep_reply(self, msg):
        self.replies[msg["parent_header"].get("msg_id")] = msg

    def _keep_iopub(self, msg):
        self.iopub[msg["parent_header"].get("msg_id")].append(msg)

    def reply(self, msg_id, timeout=60):
        self._poll(lambda: msg_id in self.replies, timeout, f"the reply to {msg_id}")
        return self.replies[msg_id]

    def idle(self, msg_id, timeout=60):
        """The IOPub messages of a request, once its idle status has come."""
        self._poll(lambda: any(self.is_status(m, "idle") for m in self.iopub[msg_id]), timeout,
                   f"the idle of {msg_id}")
        return self.iopub[msg_id]

    def until(self, predicate, timeout, what):
        self._poll(predicate, timeout, what)

    @staticmethod
    def is_status(msg, state):
        return msg["msg_type"] == "status" and msg["content"]["execution_state"] == state

    def request(self, channel, msg_type, content=None, subshell=PARENT, timeout=60):
        msg_id = self.send(channel, msg_type, content, subshell)
        reply = self.reply(msg_id, timeout)
        self.idle(msg_id, timeout)
        return reply

    def execute(self, code, subshell=PARENT, **options):
        return self.send("shell", "execute_request", {"code": code, "silent": False, "store_history": True,
                                                      "user_expressions": {}, "allow_stdin": False,
                                                      "stop_on_error": True, **options}, subshell)

    def create(self):
        reply = self.request("control", "create_subshell_request")
        assert reply["content"]["status"] == "ok", reply["content"]
        return reply["content"]["subshell_id"]

    def streams(self, msg_id, name="stdout"):
        return "".join(m["content"]["text"] for m in self.iopub[msg_id]
                       if m["msg_type"] == "stream" and m["content"]["name"] == name)


@pytest.fixture()
def wire(tmp_path):
    log = open(tmp_path / "kernel.log", "w")
    km = KernelManager(kernel_name=KERNEL)
    km.start_kernel(stderr=log)
    client = km.client()
    client.start_channels()
    client.wait_for_ready(timeout=60)
    # wait_for_ready may leave replies and statuses behind: start from empty channels.
    for getter in (client.get_shell_msg, client.get_iopub_msg):
        while True:
            try:
                getter(timeout=0.2)
            except queue.Empty:
                break
    yield Wire(client)
    client.stop_channels()
    km.shutdown_kernel(now=True)
    log.close()


def spin_on_parent(wire):
    """Starts a parent-shell cell that counts without end; returns its msg_id once it is counting."""
    declared = wire.execute("java.util.concurrent.atomic.AtomicLong counter = new java.util.concurrent.atomic.AtomicLong();")
    assert wire.reply(declared)["content"]["status"] == "ok"
    spinning = wire.execute('System.out.println("spinning");\n'
                            "while (true) { counter.incrementAndGet(); Thread.sleep(1); }")
    wire.until(lambda: "spinning" in wire.streams(spinning), 60, "the parent cell to start spinning")
    return spinning


def test_create_list_delete(wire):
    first = wire.create()
    second = wire.create()
    assert first != second
    listed = wire.request("control", "list_subshell_request")
    assert listed["content"]["status"] == "ok"
    assert listed["content"]["subshell_id"] == [first, second]
    deleted = wire.request("control", "delete_subshell_request", {"subshell_id": first})
    assert deleted["content"]["status"] == "ok"
    assert deleted["msg_type"] == "delete_subshell_reply"
    listed = wire.request("control", "list_subshell_request")
    assert listed["content"]["subshell_id"] == [second]


def test_control_requests_are_wrapped_in_busy_and_idle(wire):
    msg_id = wire.send("control", "create_subshell_request")
    assert wire.reply(msg_id)["msg_type"] == "create_subshell_reply"
    states = [m["content"]["execution_state"] for m in wire.idle(msg_id) if m["msg_type"] == "status"]
    assert states == ["busy", "idle"]


def test_deleting_an_unknown_subshell_is_an_error_reply(wire):
    reply = wire.request("control", "delete_subshell_request", {"subshell_id": "no-such-subshell"})
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "UnknownSubshellError"
    assert "no-such-subshell" in reply["content"]["evalue"]
    sid = wire.create()
    assert wire.request("control", "delete_subshell_request", {"subshell_id": sid})["content"]["status"] == "ok"
    again = wire.request("control", "delete_subshell_request", {"subshell_id": sid})
    assert again["content"]["ename"] == "UnknownSubshellError"


def test_shell_requests_to_an_unknown_subshell_get_error_replies(wire):
    info = wire.request("shell", "kernel_info_request", subshell="no-such-subshell")
    assert info["msg_type"] == "kernel_info_reply"
    assert info["content"]["status"] == "error"
    assert info["content"]["ename"] == "UnknownSubshellError"
    executed = wire.execute('System.out.println("never")', subshell="no-such-subshell")
    reply = wire.reply(executed)
    assert reply["content"]["ename"] == "UnknownSubshellError"
    assert wire.streams(executed) == ""


def test_a_deleted_subshell_takes_no_more_requests(wire):
    sid = wire.create()
    assert wire.request("control", "delete_subshell_request", {"subshell_id": sid})["content"]["status"] == "ok"
    reply = wire.request("shell", "kernel_info_request", subshell=sid)
    assert reply["content"]["ename"] == "UnknownSubshellError"


def test_kernel_info_on_a_subshell_is_answered_there_and_advertises_subshells(wire):
    sid = wire.create()
    msg_id = wire.send("shell", "kernel_info_request", subshell=sid)
    reply = wire.reply(msg_id)
    assert reply["content"]["status"] == "ok"
    assert "kernel subshells" in reply["content"]["supported_features"]
    assert reply["parent_header"]["subshell_id"] == sid
    statuses = [m for m in wire.idle(msg_id) if m["msg_type"] == "status"]
    assert [m["content"]["execution_state"] for m in statuses] == ["busy", "idle"]
    assert all(m["parent_header"]["subshell_id"] == sid for m in statuses)


def test_other_shell_requests_on_a_subshell(wire):
    sid = wire.create()
    complete = wire.request("shell", "complete_request", {"code": "Math.ab", "cursor_pos": 7}, subshell=sid)
    assert "abs(" in complete["content"]["matches"]
    inspect = wire.request("shell", "inspect_request", {"code": "Math.abs(1)", "cursor_pos": 6, "detail_level": 0},
                           subshell=sid)
    assert inspect["content"]["status"] == "ok" and inspect["content"]["found"]
    complete_check = wire.request("shell", "is_complete_request", {"code": "int x = "}, subshell=sid)
    assert complete_check["content"]["status"] == "incomplete"
    comm_info = wire.request("shell", "comm_info_request", {}, subshell=sid)
    assert comm_info["content"] == {"status": "ok", "comms": {}}
    history = wire.request("shell", "history_request", {"hist_access_type": "tail", "n": 1, "output": False,
                                                        "raw": True}, subshell=sid)
    assert history["content"]["status"] == "ok"
    assert all(r["parent_header"]["subshell_id"] == sid for r in (complete, inspect, complete_check, comm_info, history))


def test_subshell_id_null_means_the_parent_shell(wire):
    info = wire.request("shell", "kernel_info_request", subshell=None)
    assert info["content"]["status"] == "ok"
    executed = wire.execute('System.out.println("parent")', subshell=None)
    assert wire.reply(executed)["content"]["status"] == "ok"
    assert wire.streams(executed) == "parent\n"
    comm_info = wire.request("shell", "comm_info_request", {}, subshell=None)
    assert comm_info["content"]["status"] == "ok"
    opened = wire.send("shell", "comm_open", {"comm_id": "c-null", "target_name": "no.such.target", "data": {}},
                       subshell=None)
    closes = [m for m in wire.idle(opened) if m["msg_type"] == "comm_close"]
    assert [m["content"]["comm_id"] for m in closes] == ["c-null"]
    listed = wire.request("control", "list_subshell_request", subshell=None)
    assert listed["content"] == {"status": "ok", "subshell_id": []}


def test_comm_messages_with_a_subshell_id_are_handled(wire):
    sid = wire.create()
    registered = wire.execute("""
        io.callisto.comm.Comms.registerTarget("echo", (comm, opened) -> comm.onMessage(message -> {
            System.out.println("got " + message.data().get("n"));
            comm.send(java.util.Map.of("echo", message.data().get("n")));
        }));""")
    assert wire.reply(registered)["content"]["status"] == "ok", wire.reply(registered)["content"]
    opened = wire.send("shell", "comm_open", {"comm_id": "c1", "target_name": "echo", "data": {}}, subshell=sid)
    assert not [m for m in wire.idle(opened) if m["msg_type"] == "comm_close"]
    sent = wire.send("shell", "comm_msg", {"comm_id": "c1", "data": {"n": 7}}, subshell=sid)
    iopub = wire.idle(sent)
    assert [m["content"]["data"] for m in iopub if m["msg_type"] == "comm_msg"] == [{"echo": 7}]
    assert wire.streams(sent) == "got 7\n"
    assert all(m["parent_header"]["subshell_id"] == sid for m in iopub)
    closed = wire.send("shell", "comm_close", {"comm_id": "c1", "data": {}}, subshell=sid)
    wire.idle(closed)
    info = wire.request("shell", "comm_info_request", {}, subshell=sid)
    assert info["content"]["comms"] == {}


def test_execute_on_a_subshell_while_the_parent_cell_spins(wire):
    spinning = spin_on_parent(wire)
    sid = wire.create()
    seen = []
    for _ in range(2):
        msg_id = wire.execute('System.out.println("counter " + counter.get());', subshell=sid)
        reply = wire.reply(msg_id, timeout=30)
        assert reply["content"]["status"] == "ok", reply["content"]
        wire.idle(msg_id)
        text = wire.streams(msg_id)
        assert text.startswith("counter "), text
        seen.append(int(text.split()[1]))
    assert spinning not in wire.replies, "the parent cell should still be running"
    assert 0 < seen[0] <= seen[1], seen
    # The namespace is one: what a subshell declares, the parent could use (and the spinner still counts).
    declared = wire.execute("long seenOnSubshell = counter.get();", subshell=sid)
    assert wire.reply(declared)["content"]["status"] == "ok"
    wire.send("control", "interrupt_request")
    assert wire.reply(spinning, timeout=30)["content"]["ename"] == "Interrupted"
    after = wire.execute("seenOnSubshell > 0")
    assert wire.reply(after)["content"]["status"] == "ok"
    results = [m for m in wire.idle(after) if m["msg_type"] == "execute_result"]
    assert results[0]["content"]["data"]["text/plain"] == "true"


def test_subshell_cells_read_what_the_parent_updates(wire):
    spin_on_parent(wire)
    sid = wire.create()
    values = []

    def read():
        msg_id = wire.execute("counter.get()", subshell=sid)
        assert wire.reply(msg_id, timeout=30)["content"]["status"] == "ok"
        result = [m for m in wire.idle(msg_id) if m["msg_type"] == "execute_result"]
        values.append(int(result[0]["content"]["data"]["text/plain"]))
        return len(values) >= 2 and values[-1] > values[0]

    deadline = time.monotonic() + 30
    while not read():
        assert time.monotonic() < deadline, values
    wire.send("control", "interrupt_request")


def test_each_subshell_counts_its_own_executions(wire):
    first = wire.create()
    second = wire.create()
    counts = defaultdict(list)
    for shell in (first, first, second, PARENT, first):
        msg_id = wire.execute("1 + 1", subshell=shell)
        reply = wire.reply(msg_id)
        counts[shell if shell is not PARENT else "parent"].append(reply["content"]["execution_count"])
        inputs = [m for m in wire.idle(msg_id) if m["msg_type"] == "execute_input"]
        assert inputs[0]["content"]["execution_count"] == reply["content"]["execution_count"]
    assert counts[first] == [1, 2, 3]
    assert counts[second] == [1]
    assert counts["parent"] == [1]


def test_subshell_outputs_are_parented_to_the_subshell_request(wire):
    spinning = spin_on_parent(wire)
    sid = wire.create()
    msg_id = wire.execute('System.out.println("out"); System.err.println("err");\n'
                          'display("shown");\n'
                          '"value"', subshell=sid)
    reply = wire.reply(msg_id, timeout=30)
    assert reply["content"]["status"] == "ok", reply["content"]
    iopub = wire.idle(msg_id)
    types = [m["msg_type"] for m in iopub]
    assert types[0] == "status" and types[-1] == "status"
    assert "execute_input" in types and "display_data" in types and "execute_result" in types
    assert wire.streams(msg_id) == "out\n"
    assert wire.streams(msg_id, "stderr") == "err\n"
    result = [m for m in iopub if m["msg_type"] == "execute_result"][0]
    assert result["content"]["data"]["text/plain"] == '"value"'
    assert result["content"]["execution_count"] == reply["content"]["execution_count"]
    assert all(m["parent_header"]["msg_id"] == msg_id and m["parent_header"]["subshell_id"] == sid for m in iopub)
    # None of it went to the parent's running cell.
    parent_texts = wire.streams(spinning)
    assert "out" not in parent_texts.replace("spinning", "")
    assert not [m for m in wire.iopub[spinning] if m["msg_type"] in ("display_data", "execute_result")]
    wire.send("control", "interrupt_request")
    assert wire.reply(spinning, timeout=30)["content"]["ename"] == "Interrupted"


def test_errors_on_a_subshell(wire):
    sid = wire.create()
    msg_id = wire.execute('throw new IllegalStateException("boom");', subshell=sid)
    reply = wire.reply(msg_id)
    assert reply["content"]["status"] == "error"
    assert "IllegalStateException" in reply["content"]["ename"]
    errors = [m for m in wire.idle(msg_id) if m["msg_type"] == "error"]
    assert len(errors) == 1 and errors[0]["parent_header"]["subshell_id"] == sid
    compile_error = wire.execute("int broken = ;", subshell=sid)
    assert wire.reply(compile_error)["content"]["status"] == "error"
    fine = wire.execute("2 * 21", subshell=sid)
    assert wire.reply(fine)["content"]["status"] == "ok"


def test_interrupt_stops_cells_on_every_shell(wire):
    spinning = spin_on_parent(wire)
    sid = wire.create()
    sub = wire.execute('System.out.println("sub spinning"); while (true) { counter.incrementAndGet(); }',
                       subshell=sid)
    wire.until(lambda: "sub spinning" in wire.streams(sub), 30, "the subshell cell to start")
    interrupt = wire.request("control", "interrupt_request")
    assert interrupt["content"]["status"] == "ok"
    assert wire.reply(spinning, timeout=30)["content"]["ename"] == "Interrupted"
    assert wire.reply(sub, timeout=30)["content"]["ename"] == "Interrupted"
    # Both shells run cells again afterwards.
    for shell in (PARENT, sid):
        msg_id = wire.execute("counter.get() > 0", subshell=shell)
        assert wire.reply(msg_id, timeout=30)["content"]["status"] == "ok"


def test_subshells_run_concurrently_with_each_other(wire):
    first = wire.create()
    second = wire.create()
    wire.reply(wire.execute("java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);"))
    waiting = wire.execute("latch.await(); \"released\"", subshell=first)
    wire.until(lambda: any(m["msg_type"] == "execute_input" for m in wire.iopub[waiting]), 30, "the wait to start")
    release = wire.execute("latch.countDown();", subshell=second)
    assert wire.reply(release, timeout=30)["content"]["status"] == "ok"
    assert wire.reply(waiting, timeout=30)["content"]["status"] == "ok"
    results = [m for m in wire.idle(waiting) if m["msg_type"] == "execute_result"]
    assert results[0]["content"]["data"]["text/plain"] == '"released"'


def test_requests_on_one_subshell_run_in_order(wire):
    sid = wire.create()
    ids = [wire.execute(f'System.out.print("{i} ");', subshell=sid) for i in range(5)]
    replies = [wire.reply(msg_id) for msg_id in ids]
    assert [r["content"]["execution_count"] for r in replies] == [1, 2, 3, 4, 5]
    assert [wire.streams(msg_id) for msg_id in ids] == [f"{i} " for i in range(5)]


def test_declarations_on_three_shells_at_once_all_compile_and_stay(wire):
    first = wire.create()
    second = wire.create()
    sent = []
    for i in range(15):
        sent.append(wire.execute(f'int p{i} = {i}; String f{i}() {{ return "p" + p{i}; }} f{i}()'))
        sent.append(wire.execute(f"int a{i} = {i} * 2; Thread.sleep(2); a{i}", subshell=first))
        sent.append(wire.execute(f"class B{i} {{ int v = {i}; }} new B{i}().v", subshell=second))
    failures = [wire.reply(msg_id, timeout=120)["content"] for msg_id in sent]
    assert [f for f in failures if f["status"] != "ok"] == []
    total = wire.execute("f14() + (a14 + new B14().v)")
    assert wire.reply(total)["content"]["status"] == "ok"
    results = [m for m in wire.idle(total) if m["msg_type"] == "execute_result"]
    assert results[0]["content"]["data"]["text/plain"] == '"p1442"'


def test_deleting_a_busy_subshell_answers_its_running_cell_first(wire):
    sid = wire.create()
    wire.reply(wire.execute("java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);"))
    waiting = wire.execute('gate.await(); "done"', subshell=sid)
    wire.until(lambda: any(m["msg_type"] == "execute_input" for m in wire.iopub[waiting]), 30, "the wait to start")
    assert wire.request("control", "delete_subshell_request", {"subshell_id": sid})["content"]["status"] == "ok"
    assert wire.request("control", "list_subshell_request")["content"]["subshell_id"] == []
    release = wire.execute("gate.countDown();")
    assert wire.reply(release)["content"]["status"] == "ok"
    assert wire.reply(waiting, timeout=30)["content"]["status"] == "ok"
    results = [m for m in wire.idle(waiting) if m["msg_type"] == "execute_result"]
    assert results[0]["content"]["data"]["text/plain"] == '"done"'
    gone = wire.request("shell", "kernel_info_request", subshell=sid)
    assert gone["content"]["ename"] == "UnknownSubshellError"
