"""Protocol 5.5 iopub_welcome (JEP 65): IOPub is XPUB with XPUB_VERBOSE, so every client subscribing to "" is
welcomed, also while another client holds the same subscription. Waits use get_iopub_msg's timeout."""
import os
import queue

from jupyter_client import KernelManager

KERNEL = os.environ.get("CALLISTO_KERNEL", "java")


def _welcomes(client, timeout=30):
    """IOPub messages until the first iopub_welcome (which must come), then whatever follows within 1 s."""
    seen = []
    while not any(m["msg_type"] == "iopub_welcome" for m in seen):
        seen.append(client.get_iopub_msg(timeout=timeout))
    try:
        while True:
            seen.append(client.get_iopub_msg(timeout=1))
    except queue.Empty:
        pass
    return [m for m in seen if m["msg_type"] == "iopub_welcome"]


def test_two_subscribers_are_each_welcomed():
    km = KernelManager(kernel_name=KERNEL)
    km.start_kernel()
    first = second = None
    try:
        first = km.client()
        first.start_channels()
        mine = _welcomes(first)
        assert mine[0]["content"] == {"subscription": ""}
        assert mine[0]["parent_header"] == {}
        second = km.client()
        second.start_channels()  # same topic, first still subscribed: only XPUB_VERBOSE passes this one up
        theirs = _welcomes(second)
        assert theirs[0]["content"] == {"subscription": ""}
        # The first client, subscribed to everything, sees the second's welcome too.
        assert first.get_iopub_msg(timeout=10)["msg_type"] == "iopub_welcome"
    finally:
        for client in (first, second):
            if client is not None:
                client.stop_channels()
        km.shutdown_kernel(now=True)
