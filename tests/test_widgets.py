"""Java widgets over the real protocol, driven by jupyter_client as ipywidgets' frontend drives them: the
comm_open of a widget and its display, an update from the frontend reaching a Java observer (and echoed),
request_state, the jupyter.widget.control target's request_states (what a reloaded page asks), binary
buffers, a Button click, and examples/widgets.ipynb run headless by nbclient."""
import base64
import os
import pathlib
import queue
import time

import nbformat
import pytest
from jupyter_client.manager import start_new_kernel
from nbclient import NotebookClient

KERNEL = os.environ.get("CALLISTO_KERNEL", "java")
ROOT = pathlib.Path(__file__).resolve().parent.parent
VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture()
def kernel():
    km, client = start_new_kernel(kernel_name=KERNEL, startup_timeout=120)
    collected = []
    try:
        yield client, collected
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=True)


def run(client, collected, code, timeout=60):
    """Runs a cell; every IOPub message seen meanwhile is kept in `collected`, in order."""
    reply = client.execute_interactive(code, timeout=timeout, output_hook=collected.append)
    assert reply["content"]["status"] == "ok", reply["content"]
    return reply


def iopub_until(client, collected, done, timeout=30):
    """Reads IOPub into `collected` until done(collected) holds."""
    deadline = time.monotonic() + timeout
    while not done(collected):
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"not seen within {timeout} s; IOPub had {[m['msg_type'] for m in collected]}"
        try:
            collected.append(client.get_iopub_msg(timeout=min(remaining, 1)))
        except queue.Empty:
            pass


def idle_for(msg_id):
    return lambda seen: any(m["msg_type"] == "status" and m["parent_header"].get("msg_id") == msg_id
                            and m["content"]["execution_state"] == "idle" for m in seen)


def send_comm(client, msg_type, content, buffers=None):
    message = client.session.msg(msg_type, content)
    client.session.send(client.shell_channel.socket, message, buffers=buffers or [])
    return message["header"]["msg_id"]


def opens(collected):
    return {m["content"]["comm_id"]: m for m in collected if m["msg_type"] == "comm_open"}


def under(collected, msg_id, msg_type):
    return [m for m in collected if m["msg_type"] == msg_type and m["parent_header"].get("msg_id") == msg_id]


def test_a_slider_opens_its_models_first_and_shows_as_a_widget_view(kernel):
    client, seen = kernel
    run(client, seen, "import io.callisto.widgets.*;")
    run(client, seen, 'var slider = new IntSlider(5, 0, 10).description("n");\nslider')
    opened = opens(seen)
    result = next(m for m in seen if m["msg_type"] == "execute_result")
    model_id = result["content"]["data"][VIEW]["model_id"]
    assert result["content"]["data"][VIEW]["version_major"] == 2
    assert "IntSlider" in result["content"]["data"]["text/plain"]
    slider = opened[model_id]
    assert slider["content"]["target_name"] == "jupyter.widget"
    assert slider["metadata"]["version"] == "2.1.0"
    state = slider["content"]["data"]["state"]
    assert (state["_model_name"], state["_model_module"], state["_model_module_version"]) == \
        ("IntSliderModel", "@jupyter-widgets/controls", "2.0.0")
    assert (state["value"], state["min"], state["max"], state["description"]) == (5, 0, 10, "n")
    # Its layout and style are models of their own, opened before it and referred to by IPY_MODEL_ ids.
    order = [m["content"]["comm_id"] for m in seen if m["msg_type"] == "comm_open"]
    for ref in ("layout", "style"):
        assert state[ref].startswith("IPY_MODEL_")
        referenced = state[ref][len("IPY_MODEL_"):]
        assert order.index(referenced) < order.index(model_id)
    assert opened[state["style"][len("IPY_MODEL_"):]]["content"]["data"]["state"]["_model_name"] == "SliderStyleModel"


def test_an_update_from_the_frontend_reaches_a_java_observer_and_is_echoed(kernel):
    client, seen = kernel
    run(client, seen, "import io.callisto.widgets.*;")
    run(client, seen, 'var slider = new IntSlider();\n'
                      'slider.observe("value", c -> System.out.println("moved " + c.oldValue() + " -> " + c.newValue()));\n'
                      'slider')
    model_id = next(m for m in seen if m["msg_type"] == "execute_result")["content"]["data"][VIEW]["model_id"]
    update = send_comm(client, "comm_msg", {"comm_id": model_id, "data": {
        "method": "update", "state": {"value": 42}, "buffer_paths": []}})
    iopub_until(client, seen, idle_for(update))
    echo = under(seen, update, "comm_msg")
    assert [m["content"]["data"]["method"] for m in echo if m["content"]["comm_id"] == model_id] == ["echo_update"]
    assert echo[0]["content"]["data"]["state"] == {"value": 42}
    printed = "".join(m["content"]["text"] for m in under(seen, update, "stream"))
    assert printed == "moved 0 -> 42\n"
    seen.clear()
    run(client, seen, "slider.value()")
    assert next(m for m in seen if m["msg_type"] == "execute_result")["content"]["data"]["text/plain"] == "42"


def test_request_state_is_answered_with_the_full_state(kernel):
    client, seen = kernel
    run(client, seen, "import io.callisto.widgets.*;")
    run(client, seen, 'var t = new Text("hello");\nt')
    model_id = next(m for m in seen if m["msg_type"] == "execute_result")["content"]["data"][VIEW]["model_id"]
    asked = send_comm(client, "comm_msg", {"comm_id": model_id, "data": {"method": "request_state"}})
    iopub_until(client, seen, idle_for(asked))
    answer = [m for m in under(seen, asked, "comm_msg") if m["content"]["comm_id"] == model_id]
    assert len(answer) == 1
    data = answer[0]["content"]["data"]
    assert data["method"] == "update"
    assert data["state"]["value"] == "hello" and data["state"]["_model_name"] == "TextModel"
    assert data["buffer_paths"] == []


def test_a_reloaded_page_gets_every_widget_back_with_its_buffers(kernel):
    client, seen = kernel
    png = bytes([0x89, 0x50, 0x4E, 0x47, 0, 255, 1, 2])
    encoded = base64.b64encode(png).decode()
    run(client, seen, "import io.callisto.widgets.*;")
    run(client, seen, 'var s = new IntSlider().value(7);\n'
                      f'var img = new Image(java.util.Base64.getDecoder().decode("{encoded}"), "png");\n'
                      'display(s);\ndisplay(img);')
    shown = [m["content"]["data"][VIEW]["model_id"] for m in seen if m["msg_type"] == "display_data"
             and VIEW in m["content"]["data"] and m["content"]["data"]["text/plain"]]
    assert len(shown) == 2
    image_open = opens(seen)[shown[1]]
    assert image_open["buffers"] == [png]
    assert image_open["content"]["data"]["buffer_paths"] == [["value"]]
    # The frontend's widget manager, after a reload: open the control comm and ask for every state.
    control = "control-comm"
    opened = send_comm(client, "comm_open", {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}})
    iopub_until(client, seen, idle_for(opened))
    assert not under(seen, opened, "comm_close"), "the control target is registered"
    asked = send_comm(client, "comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
    iopub_until(client, seen, idle_for(asked))
    answer = [m for m in under(seen, asked, "comm_msg") if m["content"]["comm_id"] == control]
    assert len(answer) == 1
    data = answer[0]["content"]["data"]
    assert data["method"] == "update_states"
    states = data["states"]
    assert set(shown) <= set(states)
    assert states[shown[0]]["model_name"] == "IntSliderModel"
    assert states[shown[0]]["state"]["value"] == 7
    assert states[shown[1]]["model_module"] == "@jupyter-widgets/controls"
    # The image's bytes travel as a buffer, named by its path, and are not in the JSON.
    assert [shown[1], "state", "value"] in data["buffer_paths"]
    assert "value" not in states[shown[1]]["state"]
    index = data["buffer_paths"].index([shown[1], "state", "value"])
    assert answer[0]["buffers"][index] == png


def test_a_button_click_runs_the_java_listener_and_prints_under_the_click(kernel):
    client, seen = kernel
    run(client, seen, "import io.callisto.widgets.*;")
    run(client, seen, 'var clicks = new java.util.concurrent.atomic.AtomicInteger();\n'
                      'var b = new Button("go");\n'
                      'b.onClick(x -> System.out.println("click " + clicks.incrementAndGet()));\n'
                      'b')
    model_id = next(m for m in seen if m["msg_type"] == "execute_result")["content"]["data"][VIEW]["model_id"]
    for expected in ("click 1\n", "click 2\n"):
        click = send_comm(client, "comm_msg", {"comm_id": model_id, "data": {
            "method": "custom", "content": {"event": "click"}}})
        iopub_until(client, seen, idle_for(click))
        assert "".join(m["content"]["text"] for m in under(seen, click, "stream")) == expected
    seen.clear()
    run(client, seen, "clicks.get()")
    assert next(m for m in seen if m["msg_type"] == "execute_result")["content"]["data"]["text/plain"] == "2"


def test_a_slider_moved_while_a_cell_loops_is_seen_by_the_loop(kernel):
    client, seen = kernel
    run(client, seen, "import io.callisto.widgets.*;")
    run(client, seen, "var s = new IntSlider();\ns")
    model_id = next(m for m in seen if m["msg_type"] == "execute_result")["content"]["data"][VIEW]["model_id"]
    looping = client.execute('while (s.value() != 9) { Thread.onSpinWait(); }\n"saw " + s.value()')
    update = send_comm(client, "comm_msg", {"comm_id": model_id, "data": {
        "method": "update", "state": {"value": 9}, "buffer_paths": []}})
    reply = client.get_shell_msg(timeout=60)
    while reply["parent_header"]["msg_id"] != looping:
        reply = client.get_shell_msg(timeout=60)
    assert reply["content"]["status"] == "ok"
    iopub_until(client, seen, idle_for(looping))
    result = [m for m in under(seen, looping, "execute_result")]
    assert result[0]["content"]["data"]["text/plain"] == '"saw 9"'
    assert under(seen, update, "status"), "the update was handled while the cell ran"


def test_the_example_notebook_runs_headless_with_a_view_for_every_widget(tmp_path):
    notebook = nbformat.read(ROOT / "examples" / "widgets.ipynb", as_version=4)
    NotebookClient(notebook, kernel_name=KERNEL, timeout=120, startup_timeout=120).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"], [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    views = [o for o in outputs if o.output_type in ("execute_result", "display_data") and VIEW in o.data]
    assert len(views) >= 8
    assert any(o.output_type == "execute_result" and o.data["text/plain"] == '"last n seen: 5"' for o in outputs)


def test_a_widget_declared_is_not_shown_and_opens_nothing_until_it_is(kernel):
    client, seen = kernel
    run(client, seen, "import io.callisto.widgets.*;")
    seen.clear()
    run(client, seen, "var s = new IntSlider(3, 0, 10);")
    assert not [m for m in seen if m["msg_type"] in ("comm_open", "display_data", "execute_result")]
    run(client, seen, "s")
    assert next(m for m in seen if m["msg_type"] == "execute_result")["content"]["data"][VIEW]


def test_output_captured_before_it_is_shown_exists_in_the_frontend_first(kernel):
    client, seen = kernel
    run(client, seen, "import io.callisto.widgets.*;")
    reply = run(client, seen, 'var o = new Output();\no.capture(() -> System.out.println("inside"));\no')
    cell = reply["parent_header"]["msg_id"]
    types = [(m["msg_type"], m["content"]) for m in seen]
    output_id = next(m for m in seen if m["msg_type"] == "execute_result")["content"]["data"][VIEW]["model_id"]
    opened = next(i for i, (t, c) in enumerate(types) if t == "comm_open" and c["comm_id"] == output_id)
    capturing = next(i for i, (t, c) in enumerate(types) if t == "comm_msg" and c["comm_id"] == output_id
                     and c["data"]["state"].get("msg_id") == cell)
    printed = next(i for i, (t, c) in enumerate(types) if t == "stream" and c["text"] == "inside\n")
    released = next(i for i, (t, c) in enumerate(types) if t == "comm_msg" and c["comm_id"] == output_id
                    and c["data"]["state"].get("msg_id") == "")
    assert opened < capturing < printed < released


def test_a_listener_that_ends_the_jvm_is_told_and_closes_the_widgets(kernel):
    client, seen = kernel
    run(client, seen, "import io.callisto.widgets.*;")
    run(client, seen, 'var kill = new Button("kill");\nkill.onClick(b -> System.exit(3));\nkill')
    model_id = next(m for m in seen if m["msg_type"] == "execute_result")["content"]["data"][VIEW]["model_id"]
    opened = set(opens(seen))
    click = send_comm(client, "comm_msg", {"comm_id": model_id, "data": {
        "method": "custom", "content": {"event": "click"}}})
    iopub_until(client, seen, idle_for(click), timeout=60)
    notice = "".join(m["content"]["text"] for m in under(seen, click, "stream") if m["content"]["name"] == "stderr")
    assert "ended while it handled this comm_msg" in notice
    assert {m["content"]["comm_id"] for m in under(seen, click, "comm_close")} == opened
    seen.clear()
    run(client, seen, "1 + 1")
    assert next(m for m in seen if m["msg_type"] == "execute_result")["content"]["data"]["text/plain"] == "2"
