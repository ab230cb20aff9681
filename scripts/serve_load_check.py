"""The full-size load check of `attune serve` (issue 14; README, "The teaching page").

Starts `attune serve --port 0`, holds a dozen slow-header connections (one header byte a
second) and opens 50 concurrent population streams of 5,000 dyads while it asks for the
page (GET /) every 100 ms; after LOAD_SECONDS every client leaves, and the page is asked
again. Prints the streams served and refused, GET /'s latency during and after the load,
how long the server took to be idle after the clients left, and its peak RSS.

    /usr/bin/python3 scripts/serve_load_check.py build/attune [load seconds, default 15]
"""
import http.client
import json
import re
import socket
import statistics
import subprocess
import sys
import threading
import time

binary = sys.argv[1]
LOAD_SECONDS = float(sys.argv[2]) if len(sys.argv) > 2 else 15.0
STREAMS, DYADS, SLOW = 50, 5000, 12

# Every client here is 127.0.0.1: the per-address connection cap (16 by default) is raised to
# the thread pool's 64 so that the check still reaches the server-wide limits it measures.
server = subprocess.Popen([binary, "serve", "--port", "0", "--connections-per-address", "64"], stdout=subprocess.PIPE, text=True)
port = int(re.search(r":(\d+)/", server.stdout.readline()).group(1))
stop = threading.Event()


def slow_header():
    """Half a request, then one more header byte a second: never a complete header."""
    connection = socket.create_connection(("127.0.0.1", port))
    try:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        while not stop.wait(1.0):
            connection.sendall(b"a")
    except OSError:
        pass  # cut by the server's header time: open another, as an attacker would
    finally:
        connection.close()
    if not stop.is_set():
        slow_header()


streams = {"served": 0, "refused": 0, "other": 0}
streams_lock = threading.Lock()
open_streams = []  # their sockets, shut down when the pages leave


def stream():
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=LOAD_SECONDS + 30)
    try:
        connection.request("GET", "/api/population?dyads=%d" % DYADS)
        response = connection.getresponse()
        if response.status == 200:
            with streams_lock:
                open_streams.append(connection.sock)
        kind = "served" if response.status == 200 else "refused" if response.status == 429 else "other"
        with streams_lock:
            streams[kind] += 1
        while response.status == 200 and not stop.is_set() and response.fp.readline():
            pass
    except OSError:
        with streams_lock:
            streams["other"] += 1
    finally:
        connection.close()


def page_latency():
    start = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/")
    response = connection.getresponse()
    response.read()
    connection.close()
    assert response.status == 200, response.status
    return time.monotonic() - start


def status():
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/api/status")
    body = json.loads(connection.getresponse().read())
    connection.close()
    return body


def peak_rss_mib():
    for line in open("/proc/%d/status" % server.pid):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure():
    """Returns GET /'s latencies during the load and after, the seconds until no run was left, the
    server's last status and its peak RSS."""
    clients = [threading.Thread(target=slow_header) for _ in range(SLOW)]
    clients += [threading.Thread(target=stream) for _ in range(STREAMS)]
    for client in clients:
        client.start()
    during = []
    load_end = time.monotonic() + LOAD_SECONDS
    while time.monotonic() < load_end:
        during.append(page_latency())
        time.sleep(0.1)
    stop.set()
    left = time.monotonic()
    with streams_lock:
        for connection in open_streams:  # the pages leave, as a closed tab does: FIN at once
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already ended
    for client in clients:
        client.join()
    after = page_latency()
    while status()["runs"] > 0:
        time.sleep(0.1)
    idle_after = time.monotonic() - left
    final = status()
    rss = peak_rss_mib()
    return during, after, idle_after, final, rss


try:
    during, after, idle_after, final, rss = measure()
finally:
    server.terminate()
    server.wait(timeout=30)

print("streams: %(served)d served, %(refused)d refused 429, %(other)d other" % streams)
print("GET / during load: %d requests, median %.1f ms, max %.1f ms" % (
    len(during), 1000 * statistics.median(during), 1000 * max(during)))
print("GET / after the clients left: %.1f ms; no run left %.2f s after they left" % (1000 * after, idle_after))
print("server: %d dyads simulated, %d runs dropped as their client left; peak RSS %.0f MiB" % (
    final["dyads_simulated"], final["client_gone_runs"], rss))
