#!/usr/bin/env python3
"""Load for the flood drill (bench/drills/flood.sh): a checkout burst with and without a flood.

Checkout buyers (one thread and one keep-alive connection each) place one-unit orders back to
back for the whole run, each with its own Idempotency-Key, and write every answer as the
drills' checker reads it (answers.<n>: "key code id ms retry-after time card"). The run is
in phases of PHASE seconds: warm-up (with the whole flood), then quiet phases between flood, logins only, bodies
only, flood. During a flood (or the phase of one kind), other threads
  * log in over and over with a correct password (each login hashes with Argon2id), and
  * send bodies a server must refuse cheaply: a 64 MB Content-Length, a chunked body that
    never ends, truncated and deeply nested JSON.
Prints one JSON object: acknowledged orders per second of each phase, the flood's answers
by status, and the goodput ratios (flood phases, and each kind alone, over the quiet phases).
Given the server's process id, it also reports what each phase cost in CPU, the server's
and this generator's (which runs on the same cores), and from the bodies-only phase what
one refused body costs each of them beyond the orders of that phase.

Plain Python (no dependencies) with raw sockets for the bodies no client library sends.
"""

import http.client
import json
import os
import resource
import socket
import sys
import threading
import time

base_host, base_port = sys.argv[1], int(sys.argv[2])
sku, run_dir, phase = sys.argv[3], sys.argv[4], float(sys.argv[5])
login_threads, body_threads = int(sys.argv[6]), int(sys.argv[7])
tokens = [line.strip() for line in open(run_dir + "/tokens") if line.strip()]
flood_email, password = sys.argv[8], sys.argv[9]
app_pid = int(sys.argv[10]) if len(sys.argv) > 10 else None
# The JIT needs minutes of load on 2 cores before checkouts settle: a warm-up as short as a
# phase left the quiet phases climbing all run long (108 to 161 orders/s), which charged the
# first flood phase with a cold server.
warmup = float(os.environ.get("FLOOD_WARMUP", phase))

# "flood" is both kinds at once (the pass criterion); "logins" and "bodies" one kind alone,
# to tell which of them costs the checkouts their goodput.
PHASES = ["warm-up", "quiet", "flood", "quiet", "logins", "quiet", "bodies", "quiet", "flood", "quiet"]
stop = threading.Event()
login_flood = threading.Event()
body_flood = threading.Event()
flood_answers = {}
flood_lock = threading.Lock()
sent = {"login": 0, "body": 0}


def count(kind, status):
    with flood_lock:
        flood_answers.setdefault(kind, {}).setdefault(str(status), 0)
        flood_answers[kind][str(status)] += 1
        sent["login" if kind == "login" else "body"] += 1


def app_cpu():
    """The server's CPU seconds so far (user and system, all its threads)."""
    if app_pid is None:
        return 0.0
    fields = open("/proc/%d/stat" % app_pid).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def snapshot():
    with flood_lock:
        counts = dict(sent)
    return time.time(), app_cpu(), own_cpu(), counts


def connection():
    return http.client.HTTPConnection(base_host, base_port, timeout=15)


def buyer(n, token):
    conn = connection()
    i = 0
    with open("%s/answers.%d" % (run_dir, n), "w") as out:
        while not stop.is_set():
            i += 1
            key = "drill-%d-%d" % (n, i)
            body = json.dumps({"items": [{"sku": sku, "quantity": 1}], "payment": {"token": "tok_visa"}})
            started = time.time()
            code, ident, retry = "000", "-", "-"
            try:
                conn.request("POST", "/api/v1/orders", body, {"Content-Type": "application/json",
                             "Authorization": "Bearer " + token, "Idempotency-Key": key})
                response = conn.getresponse()
                data = response.read()
                code = str(response.status)
                retry = response.getheader("Retry-After") or "-"
                try:
                    parsed = json.loads(data)
                    ident = parsed.get("id") or parsed.get("type", "-").rsplit("/", 1)[-1]
                except ValueError:
                    pass
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = connection()
            ended = time.time()
            out.write("%s %s %s %d %s %.3f tok_visa\n" % (key, code, ident, (ended - started) * 1000, retry, ended))
            out.flush()


def logins():
    conn = connection()
    body = json.dumps({"email": flood_email, "password": password})
    while not stop.is_set():
        if not login_flood.wait(0.2):
            continue
        try:
            conn.request("POST", "/api/v1/auth/login", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            count("login", response.status)
        except (OSError, http.client.HTTPException) as ex:
            count("login", type(ex).__name__)
            conn.close()
            conn = connection()


def raw(request, then=b"", seconds=0.0):
    """Sends a request's bytes, optionally streams more for a while, returns the status."""
    with socket.create_connection((base_host, base_port), timeout=15) as s:
        s.sendall(request)
        deadline = time.time() + seconds
        s.setblocking(False)
        answer = b""
        while True:
            try:
                chunk = s.recv(65536)
                if not chunk:
                    break
                answer += chunk
                if b"\r\n" in answer:
                    break
            except BlockingIOError:
                if time.time() < deadline and then:
                    try:
                        s.sendall(then)
                    except (BlockingIOError, OSError):
                        time.sleep(0.01)
                else:
                    time.sleep(0.01)
                    if time.time() > deadline + 10:
                        return "no-answer"
            except OSError:
                break
        s.setblocking(True)
        line = answer.split(b"\r\n", 1)[0].split()
        return line[1].decode() if len(line) > 1 else "closed"


def bodies(n):
    token = tokens[0]
    head = "POST /api/v1/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" \
           "Authorization: Bearer " + token + "\r\nIdempotency-Key: flood-%d-%%d\r\n" % n
    junk = b"x" * 65536
    nested = b"[" * 200000
    truncated = json.dumps({"items": [{"sku": sku, "quantity": 1}] * 5000}).encode()[:-7]
    kinds = [
        ("64MB-declared", lambda i: raw((head % i + "Content-Length: 67108864\r\n\r\n").encode(), junk, 2.0)),
        ("chunked-endless", lambda i: raw((head % i + "Transfer-Encoding: chunked\r\n\r\n").encode(),
                                          b"10000\r\n" + junk + b"\r\n", 2.0)),
        ("nested-json", lambda i: raw((head % i + "Content-Length: %d\r\n\r\n" % len(nested)).encode() + nested)),
        ("truncated-json",
         lambda i: raw((head % i + "Content-Length: %d\r\n\r\n" % len(truncated)).encode() + truncated)),
    ]
    i = 0
    while not stop.is_set():
        if not body_flood.wait(0.2):
            continue
        name, send = kinds[(i + n) % len(kinds)]
        i += 1
        try:
            count(name, send(i))
        except OSError as ex:
            count(name, type(ex).__name__)


threads = [threading.Thread(target=buyer, args=(n + 1, t), daemon=True) for n, t in enumerate(tokens)]
threads += [threading.Thread(target=logins, daemon=True) for _ in range(login_threads)]
threads += [threading.Thread(target=bodies, args=(n,), daemon=True) for n in range(body_threads)]
for t in threads:
    t.start()
edges = []
for name in PHASES:
    # The warm-up runs the whole flood too: otherwise the first flood phase meets a JIT
    # that has compiled the checkouts but not the logins and refusals, and measures that.
    for kinds, event in ((("warm-up", "flood", "logins"), login_flood),
                         (("warm-up", "flood", "bodies"), body_flood)):
        if name in kinds:
            event.set()
        else:
            event.clear()
    before = snapshot()
    time.sleep(warmup if name == "warm-up" else phase)
    edges.append((name, before, snapshot()))
login_flood.clear()
body_flood.clear()
stop.set()
for t in threads:
    t.join(20)

acked = []
for n in range(1, len(tokens) + 1):
    for line in open("%s/answers.%d" % (run_dir, n)):
        fields = line.split()
        if fields[1] == "201":
            acked.append(float(fields[5]))
rates = [(name, sum(1 for t in acked if a[0] < t <= b[0]) / (b[0] - a[0])) for name, a, b in edges]
# Per phase: seconds, orders, the server's and the generator's CPU seconds, bodies sent.
costs = [(name, b[0] - a[0], sum(1 for t in acked if a[0] < t <= b[0]), b[1] - a[1], b[2] - a[2],
          b[3]["body"] - a[3]["body"]) for name, a, b in edges]


def mean(kind):
    values = [r for name, r in rates[1:] if name == kind]
    return sum(values) / len(values)


quiet, flood = mean("quiet"), mean("flood")


def per_body_ms(column):
    """CPU (ms) of one refused body in the bodies-only phase beyond what its orders cost
    at the quiet phases' CPU per order (column 3: the server's, 4: the generator's)."""
    quiet_costs = [c for c in costs[1:] if c[0] == "quiet"]
    orders = sum(c[2] for c in quiet_costs)
    per_order = sum(c[column] for c in quiet_costs) / orders if orders else 0.0
    name, _, orders, *cpu = next(c for c in costs if c[0] == "bodies")
    bodies = cpu[2]
    return round((cpu[column - 3] - orders * per_order) * 1000 / bodies, 2) if bodies else 0.0


ratio = flood / quiet if quiet else 0.0
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"phases": [[name, round(r, 1)] for name, r in rates], "quiet": round(quiet, 1),
                  "flood": round(flood, 1), "ratio": round(ratio, 3),
                  "logins_ratio": round(mean("logins") / quiet if quiet else 0.0, 3),
                  "bodies_ratio": round(mean("bodies") / quiet if quiet else 0.0, 3), "answers": flood_answers,
                  "client_cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
                  "cores": [[name, round(app / s, 2), round(own / s, 2)] for name, s, _, app, own, _ in costs],
                  "bodies_per_s": round(next(c[5] / c[1] for c in costs if c[0] == "bodies"), 1),
                  "app_ms_per_body": per_body_ms(3), "generator_ms_per_body": per_body_ms(4)}))
