#!/usr/bin/env python3
"""Validations whose body is sent in a packet of its own, 0 to 3 ms after the headers.

Counts the answers by status: every one should be 200. A status of None is a connection the
server closed without answering, or left without an answer for 10 s. Usage:

    perf-jmeter/split-bodies.py API_KEY [REQUESTS_PER_CONNECTION [CONNECTIONS [CODE]]]

The default code is the large data set's first generated code; on the demo data use SAVE10.
"""
import json
import random
import socket
import sys
import threading
import time

key = sys.argv[1]
per_connection = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
connections = int(sys.argv[3]) if len(sys.argv) > 3 else 8
code = sys.argv[4] if len(sys.argv) > 4 else "LARGE-G-0500001"
PAUSES = [0, 0, 0.0001, 0.0005, 0.001, 0.003]
statuses = {}
failures = []
lock = threading.Lock()


def answer(sock):
    data = b""
    while b"\r\n\r\n" not in data:
        try:
            piece = sock.recv(65536)
        except socket.timeout:
            return None, b"", b"no answer within 10 s"
        if not piece:
            return None, b"", b""
        data += piece
    head, rest = data.split(b"\r\n\r\n", 1)
    lengths = [int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")]
    while len(rest) < (lengths[0] if lengths else 0):
        rest += sock.recv(65536)
    return int(head.split(b" ")[1]), head, rest


def client(number):
    sock = None
    for i in range(per_connection):
        body = json.dumps({"code": code, "userId": "user_%07d" % random.randint(1, 1000000), "orderValue": 100,
                           "orderId": "split-%d-%d" % (number, i)}).encode()
        head = ("POST /api/coupons/validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                "Authorization: ApiKey %s\r\nContent-Length: %d\r\n\r\n" % (key, len(body))).encode()
        if sock is None:
            sock = socket.create_connection(("127.0.0.1", 8080))
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.settimeout(10)
        sock.sendall(head)
        pause = random.choice(PAUSES)
        if pause:
            time.sleep(pause)
        sock.sendall(body)
        status, head, rest = answer(sock)
        with lock:
            statuses[status] = statuses.get(status, 0) + 1
            if status != 200:
                failures.append((pause, status, rest[:200]))
        if status is None or b"connection: close" in head.lower():
            sock.close()
            sock = None


started = time.time()
threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(statuses, "in %.1f s" % (time.time() - started))
for failure in failures[:10]:
    print("pause %s s: %s %s" % failure)
