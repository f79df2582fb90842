#!/usr/bin/python3
"""Helpers for the shell benchmarks in bench/: standard library only (Debian's /usr/bin/python3).

  free-port                         print a free TCP port on 127.0.0.1
  start LOG -- COMMAND...           start COMMAND (output to LOG), wait until GET /healthz answers
                                    on --port, write "PID MILLISECONDS" (exec to first answer) to
                                    --ready-file, then wait for COMMAND and exit with its status
  make-board PORT SESSION CSRF      create a board of --lists lists x --cards cards through the
                                    API (keep-alive, one connection per list); print its id
"""

import argparse
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthz_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return s.recv(16).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def start(log_path: str, port: int, ready_file: str, command: list, timeout_s: float) -> int:
    with open(log_path, "ab") as log:
        began = time.monotonic()
        child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                 stdin=subprocess.DEVNULL)
    # Stay the server's parent until it ends, passing a stop request on to it.
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, lambda *_: child.terminate())
    while not healthz_answers(port):
        if child.poll() is not None:
            print(f"server exited with status {child.returncode} before answering; see {log_path}",
                  file=sys.stderr)
            return 1
        if time.monotonic() - began > timeout_s:
            print(f"server did not answer /healthz within {timeout_s} s; see {log_path}",
                  file=sys.stderr)
            child.terminate()
            return child.wait()
        time.sleep(0.0005)
    elapsed_ms = (time.monotonic() - began) * 1000
    with open(ready_file + ".tmp", "w") as ready:
        ready.write(f"{child.pid} {elapsed_ms:.1f}\n")
    os.rename(ready_file + ".tmp", ready_file)
    return child.wait()


class Api:
    """One keep-alive connection that speaks JSON with the session cookie and CSRF token."""

    def __init__(self, port: int, session: str, csrf: str):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = {
            "Content-Type": "application/json",
            "Cookie": f"village_session={session}",
            "X-CSRF-Token": csrf,
        }

    def post(self, path: str, body: dict) -> dict:
        self.connection.request("POST", path, body=json.dumps(body), headers=self.headers)
        response = self.connection.getresponse()
        data = response.read()
        if response.status not in (200, 201):
            raise RuntimeError(f"POST {path} answered {response.status}: {data[:300]!r}")
        return json.loads(data)


def card_body(list_number: int, card_number: int) -> str:
    # A realistic short notice: a sentence, some emphasis and a link, as organisers write them.
    return (f"Notes for session {card_number} of stream {list_number}. **Bring your logbook**; "
            f"slides and the sign-up sheet are on the [programme page](https://example.org/"
            f"programme/{list_number}/{card_number}).")


def make_board(port: int, session: str, csrf: str, lists: int, cards: int) -> int:
    api = Api(port, session, csrf)
    board = api.post("/api/v1/boards", {"name": f"Benchmark board {lists}x{cards}"})
    board_id = board["id"] if "id" in board else board["board"]["id"]
    list_ids = []
    for number in range(1, lists + 1):
        created = api.post(f"/api/v1/boards/{board_id}/lists", {"name": f"Stream {number}"})
        list_ids.append(created["id"] if "id" in created else created["list"]["id"])

    failures = []

    def fill(list_number: int, list_id: int) -> None:
        try:
            own = Api(port, session, csrf)
            for card in range(1, cards + 1):
                own.post(f"/api/v1/lists/{list_id}/cards",
                         {"title": f"Teaching day {list_number}.{card}: neonatal resuscitation",
                          "body": card_body(list_number, card)})
        except Exception as error:  # reported below, after every thread has finished
            failures.append(error)

    threads = [threading.Thread(target=fill, args=(n, i)) for n, i in enumerate(list_ids, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return board_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("free-port")
    p_start = commands.add_parser("start")
    p_start.add_argument("log")
    p_start.add_argument("--port", type=int, required=True)
    p_start.add_argument("--ready-file", required=True)
    p_start.add_argument("--timeout", type=float, default=30)
    p_start.add_argument("server", nargs=argparse.REMAINDER)
    p_board = commands.add_parser("make-board")
    p_board.add_argument("port", type=int)
    p_board.add_argument("session")
    p_board.add_argument("csrf")
    p_board.add_argument("--lists", type=int, default=10)
    p_board.add_argument("--cards", type=int, default=500)
    args = parser.parse_args()

    if args.command == "free-port":
        print(free_port())
        return 0
    if args.command == "start":
        server = args.server[1:] if args.server[:1] == ["--"] else args.server
        return start(args.log, args.port, args.ready_file, server, args.timeout)
    print(make_board(args.port, args.session, args.csrf, args.lists, args.cards))
    return 0


if __name__ == "__main__":
    sys.exit(main())
