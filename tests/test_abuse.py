"""Abuse: the kernel under malformed traffic, concurrent clients, a spinning cell and a flood of output.
Bounded in count and time, loopback only."""
import json
import os
import pathlib
import random
import time

import pytest
import zmq
from jupyter_client import BlockingKernelClient, KernelManager
from jupyter_client.session import Session

from raw_wire import kernel_info_flood, raw_socket

KERNEL = os.environ.get("CALLISTO_KERNEL", "java")


@pytest.fixture()
def kernel(tmp_path):
    log = open(tmp_path / "kernel.log", "w")
    km = KernelManager(kernel_name=KERNEL)
    km.start_kernel(stderr=log, env={**os.environ, "CALLISTO_LOG_LEVEL": "info", "CALLISTO_OUTPUT_LIMIT_MB": "8"})
    client = km.client()
    client.start_channels()
    client.wait_for_ready(timeout=60)
    yield km, client, tmp_path / "kernel.log"
    client.stop_channels()
    km.shutdown_kernel(now=True)
    log.close()


def run(client, code, timeout=60):
    outputs = []
    reply = client.execute_interactive(code, timeout=timeout, output_hook=outputs.append)
    return reply, outputs


def test_ten_thousand_malformed_messages_execute_nothing_and_never_leak_the_key(kernel, tmp_path):
    km, client, log = kernel
    marker = tmp_path / "executed"
    code = f'java.nio.file.Files.writeString(java.nio.file.Path.of("{marker}"), "ran");'
    key = km.session.key
    good = Session(key=key, signature_scheme=km.session.signature_scheme)
    wrong = Session(key=b"not-the-key", signature_scheme=km.session.signature_scheme)
    sockets = [raw_socket(km, zmq.DEALER, port) for port in ("shell_port", "control_port", "stdin_port")]
    rng = random.Random(42)

    def malformed(i):
        message = good.msg("execute_request", {"code": code, "silent": False})
        frames = good.serialize(message)
        kind = i % 9
        if kind == 0:
            return [rng.randbytes(rng.randint(0, 64)) for _ in range(rng.randint(1, 8))]
        if kind == 1:
            return wrong.serialize(wrong.msg("execute_request", {"code": code}))
        if kind == 2:
            frames[1] = b""
            return frames
        if kind == 3:
            frames[3] = b"{not json"
            return frames
        if kind == 4:
            return frames[2:]  # no delimiter
        if kind == 5:
            frames[1] = b"0" * 64
            return frames
        if kind == 6:  # huge content, wrongly signed
            frames[5] = json.dumps({"code": "x" * 200_000}).encode()
            return frames
        if kind == 7:  # valid signature, content of the wrong types
            return good.serialize(good.msg("complete_request", {"code": 12, "cursor_pos": "end"}))
        return good.serialize(good.msg(f"no_such_{i}_request", {}))

    for i in range(10_000):
        sockets[i % 3].send_multipart(malformed(i))
    # A message seen once, sent again: the copy must be refused (its code only prints).
    once_msg = good.msg("kernel_info_request", {})
    once = good.serialize(once_msg)
    sockets[0].send_multipart(once)
    sockets[0].send_multipart(once)
    # Messages from one connection are read in order, but behind the flood on it (slower still over CurveZMQ):
    # wait for the first copy's answer and the replay's refusal, each with a deadline.
    answers = 0

    def read_shell_replies():
        nonlocal answers
        if sockets[0].poll(200):
            _, frames = good.feed_identities(sockets[0].recv_multipart())
            answers += good.deserialize(frames)["parent_header"].get("msg_id") == once_msg["header"]["msg_id"]

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (answers == 0 or "duplicate signature" not in log.read_text()):
        read_shell_replies()
    assert answers == 1, "the replayed message's first copy was not answered"
    assert "duplicate signature" in log.read_text(), "the replayed copy was not refused"

    heartbeat = raw_socket(km, zmq.REQ, "hb_port")
    heartbeat.send(b"ping")
    assert heartbeat.poll(10_000), "heartbeat answered after the flood"
    assert heartbeat.recv() == b"ping"
    try:
        reply, _ = run(client, "1 + 1", timeout=120)
    except TimeoutError:
        # Seen twice in 30 runs under load: keep what the kernel logged, to find out why.
        raise AssertionError("no answer after the flood; the kernel's log ends:\n" + "\n".join(log.read_text().splitlines()[-60:]))
    assert reply["content"]["status"] == "ok"
    assert not marker.exists(), "a malformed message was executed"
    text = log.read_text()
    assert "dropped a message" in text
    read_shell_replies()
    assert answers == 1, "the replayed copy was answered too"
    assert key.decode() not in text, "the key reached the log"
    for socket in sockets + [heartbeat]:
        socket.close()


def test_a_client_that_stops_reading_iopub_still_gets_every_status_once_it_reads(kernel):
    # Three thousand requests answered while the client reads no IOPub: six thousand statuses, more than
    # ZeroMQ's default high-water marks (1000 at each end) hold. Then a cell must still reach its idle.
    km, client, _ = kernel
    key = km.session.key
    good = Session(key=key, signature_scheme=km.session.signature_scheme)
    shell = raw_socket(km, zmq.DEALER, "shell_port")  # over CurveZMQ in the encrypted pass
    replies = kernel_info_flood(shell, good, 3000)
    assert replies == 3000, f"{replies} kernel_info replies of 3000"
    reply, outputs = run(client, "1 + 1", timeout=120)
    assert reply["content"]["status"] == "ok"
    assert any(o["msg_type"] == "execute_result" and o["content"]["data"]["text/plain"] == "2" for o in outputs)
    shell.close()


def test_two_clients_five_hundred_executes_each(kernel):
    km, _, _ = kernel
    clients = []
    for _ in range(2):
        # A session of its own per client, as two users' clients have (km.client() would share one identity).
        c = BlockingKernelClient()
        c.load_connection_info(km.get_connection_info())
        clients.append(c)
    for c in clients:
        c.start_channels()
        c.wait_for_ready(timeout=60)
    sent = {0: [], 1: []}
    for i in range(500):
        for n, c in enumerate(clients):
            sent[n].append(c.execute(f'System.out.println("client {n} cell {i}");', stop_on_error=False))
    counts = {}
    for n, c in enumerate(clients):
        remaining = set(sent[n])
        while remaining:
            reply = c.get_shell_msg(timeout=120)
            msg_id = reply["parent_header"]["msg_id"]
            if msg_id not in remaining:
                continue  # a kernel_info reply wait_for_ready left behind
            assert reply["content"]["status"] == "ok", reply["content"]
            counts[msg_id] = reply["content"]["execution_count"]
            remaining.discard(msg_id)
    ordered = sorted(counts.values())
    assert len(set(ordered)) == 1000, "every execute got its own execution count"
    for n in range(2):
        client_counts = [counts[m] for m in sent[n]]
        assert client_counts == sorted(client_counts), "a client's cells ran in the order it sent them"
    # Output: every line under its own cell, and busy/idle balanced for every request.
    for n, c in enumerate(clients):
        text_by_parent, states = {}, {}
        own = list(sent[n])
        deadline = time.monotonic() + 120
        while not all(states.get(m) == "idle" for m in own) and time.monotonic() < deadline:
            msg = c.get_iopub_msg(timeout=60)
            parent = msg["parent_header"].get("msg_id")
            if parent not in counts:
                continue
            if msg["msg_type"] == "stream":
                text_by_parent[parent] = text_by_parent.get(parent, "") + msg["content"]["text"]
            elif msg["msg_type"] == "status":
                states[parent] = msg["content"]["execution_state"]
        assert all(states.get(m) == "idle" for m in own), "every request of this client ended idle"
        for i, msg_id in enumerate(own):
            assert text_by_parent.get(msg_id) == f"client {n} cell {i}\n"
    for c in clients:
        c.stop_channels()


def test_heartbeat_answers_while_a_cell_spins(kernel):
    km, client, _ = kernel
    msg_id = client.execute('{ System.out.println("spinning"); for (;;) { } }')
    while True:
        msg = client.get_iopub_msg(timeout=30)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
            break
    heartbeat = raw_socket(km, zmq.REQ, "hb_port")
    worst = 0.0
    for _ in range(20):
        start = time.perf_counter()
        heartbeat.send(b"ping")
        assert heartbeat.poll(1000)
        heartbeat.recv()
        worst = max(worst, time.perf_counter() - start)
    heartbeat.close()
    km.interrupt_kernel()
    # wait_for_ready may have left kernel_info replies on shell: take this execute's reply.
    reply = client.get_shell_msg(timeout=30)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = client.get_shell_msg(timeout=30)
    assert reply["content"]["ename"] == "Interrupted"
    # How fast is a figure for bench/, not an assertion here: answering at all while the cell spins is.
    print(f"slowest of 20 heartbeats while a cell spins: {worst * 1000:.1f} ms")


def test_a_hundred_megabytes_of_output_is_cut_with_a_note_and_the_kernel_keeps_serving(kernel):
    km, client, _ = kernel
    code = 'String line = "x".repeat(1023);\nfor (int i = 0; i < 100 * 1024; i++) System.out.println(line);'
    reply, outputs = run(client, code, timeout=300)
    assert reply["content"]["status"] == "ok"
    streams = [o for o in outputs if o["msg_type"] == "stream"]
    total = sum(len(o["content"]["text"]) for o in streams)
    assert total < 10 * 1024 * 1024, f"{total} bytes reached the client"
    assert any("output is dropped" in o["content"]["text"] for o in streams if o["content"]["name"] == "stderr")
    reply, outputs = run(client, '"still serving"')
    assert reply["content"]["status"] == "ok"
    pid = km.provisioner.process.pid
    rss_kb = int(pathlib.Path(f"/proc/{pid}/status").read_text().split("VmRSS:")[1].split()[0])
    assert rss_kb < 1_000_000, f"kernel resident memory {rss_kb} kB"
