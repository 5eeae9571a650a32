#!/usr/bin/env python3
"""Validations whose bodies arrive in every way at once, for a while, against one service.

Kinds of client, each a number of threads:
  keepalive  50 validations per connection, half of the bodies 0 to 3 ms after their headers
  large      a 20 kB body in 4 kB pieces, which the service refuses with 413
  trickle    headers and one byte of the body, then nothing: 408 at the body deadline
  split      one validation per connection, the body 0 to 10 ms after the headers

Prints how many answers of each kind had each status (0: none within 10 s, or the connection
closed without one), and how many took longer than their bound (3 s for large and trickle, 1 s for
the others). Every keepalive and split answer should be 200, every large one 413, every trickle one
408. Usage:

    perf-jmeter/mixed-bodies.py API_KEY [SECONDS [MIX [CODE [PORT]]]]

MIX defaults to keepalive:16,large:4,trickle:20; CODE to SAVE10 (the demo data); PORT to 8080.
"""
import collections
import random
import socket
import sys
import threading
import time

key = sys.argv[1]
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 60
mix = sys.argv[3] if len(sys.argv) > 3 else "keepalive:16,large:4,trickle:20"
code = sys.argv[4] if len(sys.argv) > 4 else "SAVE10"
port = int(sys.argv[5]) if len(sys.argv) > 5 else 8080
BODY = ('{"code":"%s","userId":"u-1001","orderValue":120.00}' % code).encode()
LARGE = ('{"code":"' + "A" * 20000 + '"}').encode()
counts = collections.Counter()
lock = threading.Lock()


def headers(length):
    return ("POST /api/coupons/validate HTTP/1.1\r\nHost: localhost:%d\r\nAuthorization: ApiKey %s\r\n"
            "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % (port, key, length)).encode()


def connect():
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.settimeout(10)
    return sock


def answer(sock):
    """The whole response as bytes, or what came before a timeout or the connection's end."""
    data = b""
    try:
        while True:
            piece = sock.recv(65536)
            if not piece:
                return data
            data += piece
            end = data.find(b"\r\n\r\n")
            if end >= 0:
                lengths = [int(line.split(b":")[1]) for line in data[:end].split(b"\r\n")
                           if line.lower().startswith(b"content-length:")]
                if lengths and len(data) - end - 4 >= lengths[0]:
                    return data
    except OSError:
        return data


def status(response):
    try:
        return int(response.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0


def record(kind, response, started, bound_ms):
    with lock:
        counts[(kind, status(response))] += 1
        if (time.time() - started) * 1000 > bound_ms:
            counts[(kind, "over %d ms" % bound_ms)] += 1


def keepalive():
    sock = connect()
    try:
        for _ in range(50):
            started = time.time()
            sock.sendall(headers(len(BODY)))
            if random.random() < 0.5:
                time.sleep(random.random() * 0.003)
            sock.sendall(BODY)
            response = answer(sock)
            record("keepalive", response, started, 1000)
            if status(response) != 200 or b"onnection: close" in response:
                break
    finally:
        sock.close()


def large():
    sock = connect()
    started = time.time()
    try:
        sock.sendall(headers(len(LARGE)))
        for i in range(0, len(LARGE), 4000):
            try:
                sock.sendall(LARGE[i:i + 4000])
            except OSError:
                break
        record("large", answer(sock), started, 3000)
    finally:
        sock.close()


def trickle():
    sock = connect()
    started = time.time()
    try:
        sock.sendall(headers(100) + b"{")
        record("trickle", answer(sock), started, 3000)
    finally:
        sock.close()


def split():
    sock = connect()
    started = time.time()
    try:
        sock.sendall(headers(len(BODY)))
        time.sleep(random.random() * 0.01)
        sock.sendall(BODY)
        record("split", answer(sock), started, 1000)
    finally:
        sock.close()


def loop(client, until):
    while time.time() < until:
        try:
            client()
        except OSError as failure:
            with lock:
                counts[(client.__name__, type(failure).__name__)] += 1


until = time.time() + seconds
threads = []
for part in mix.split(","):
    name, number = part.split(":")
    for _ in range(int(number)):
        threads.append(threading.Thread(target=loop, args=(globals()[name], until)))
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
for (kind, outcome), number in sorted(counts.items(), key=str):
    print("%-9s %-12s %d" % (kind, outcome, number))
