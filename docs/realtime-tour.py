#!/usr/bin/env python3
"""Watch a TaskForge board and your notifications live over STOMP (docs/realtime.md).

Usage: realtime-tour.py BASE_URL ACCESS_TOKEN PROJECT_ID [SECONDS]
Needs the websocket-client package (Debian: python3-websocket; pip: websocket-client).
Prints every frame the server sends (heart-beats skipped) until SECONDS (default 60) pass.
"""
import sys
import time

import websocket

base, token, project = sys.argv[1], sys.argv[2], sys.argv[3]
seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 60

ws = websocket.create_connection(base.replace("http", "ws", 1) + "/ws", timeout=seconds)
# A STOMP frame: command, headers, blank line, body, NUL.
ws.send(f"CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer {token}\n\n\0")
ws.send(f"SUBSCRIBE\nid:board\ndestination:/topic/projects/{project}\n\n\0")
ws.send("SUBSCRIBE\nid:inbox\ndestination:/user/queue/notifications\n\n\0")
deadline = time.monotonic() + seconds
try:
    while time.monotonic() < deadline:
        ws.settimeout(max(0.1, deadline - time.monotonic()))
        frame = ws.recv()
        if frame.strip():
            command, _, rest = frame.partition("\n")
            headers, _, body = rest.partition("\n\n")
            destination = [h for h in headers.split("\n") if h.startswith(("destination:", "message:"))]
            print(command, *destination, body.rstrip("\0"), flush=True)
            if command == "ERROR":
                break
except (websocket.WebSocketTimeoutException, websocket.WebSocketConnectionClosedException):
    pass
finally:
    ws.close()
