"""Raw ZeroMQ clients of a kernel, for the abuse and encryption suites: a socket with no jupyter_client channel
around it, and a flood of signed kernel_info requests counted back."""
import time

import zmq

# raw_socket's default: a CurveZMQ client exactly when the connection has a server key (the encrypted pass).
FROM_CONNECTION = object()


def raw_socket(km, kind, port_name, curve_serverkey=FROM_CONNECTION):
    """A socket of `kind` connected to the kernel's `port_name`. `curve_serverkey`: the server's public key (Z85
    bytes) to connect as a CurveZMQ client with a fresh keypair, None for plaintext, or by default the key the
    connection carries, if any."""
    info = km.get_connection_info(session=False)
    if curve_serverkey is FROM_CONNECTION:
        curve_serverkey = info["curve_publickey"].encode() if info.get("curve_publickey") else None
    sock = zmq.Context.instance().socket(kind)
    sock.linger = 0
    if curve_serverkey is not None:
        public, secret = zmq.curve_keypair()
        sock.curve_publickey, sock.curve_secretkey, sock.curve_serverkey = public, secret, curve_serverkey
    sock.connect(f"tcp://{info['ip']}:{info[port_name]}")
    return sock


def kernel_info_flood(sock, session, count, timeout=120):
    """Sends `count` signed kernel_info_requests on `sock` before reading any reply, then reads replies until
    `count` have come or `timeout` seconds have passed; returns how many came."""
    for _ in range(count):
        sock.send_multipart(session.serialize(session.msg("kernel_info_request", {})))
    replies = 0
    deadline = time.monotonic() + timeout
    while replies < count and time.monotonic() < deadline:
        if sock.poll(1000):
            sock.recv_multipart()
            replies += 1
    return replies
