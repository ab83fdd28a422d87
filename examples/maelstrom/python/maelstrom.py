"""A small Maelstrom node library: newline-delimited JSON on stdin/stdout, `init`, and
request/response helpers shaped as Maelstrom's own libraries shape them.

    node = Node()
    node.on("echo", lambda req: node.reply(req, {"type": "echo_ok", "echo": req["body"]["echo"]}))
    node.run()

Single-threaded: one loop reads stdin and runs timers, so handlers never race. What the
handlers send is written out once per batch of input, in one write. Logs go to stderr;
stdout carries only messages.
"""

import heapq
import itertools
import json
import os
import select
import sys
import time


class Node:
    def __init__(self):
        self.node_id = None
        self.node_ids = []
        self._handlers = {}
        self._callbacks = {}
        self._timers = []
        self._timer_order = itertools.count()
        self._next_msg_id = 0
        self._init_hooks = []
        self._outgoing = []
        self.on("init", self._handle_init)

    # -- registering behaviour -------------------------------------------------------------

    def on(self, message_type, handler):
        """Calls handler(message) for every message whose body has this type."""
        self._handlers[message_type] = handler

    def on_init(self, hook):
        """Calls hook() once the node knows its id and its peers."""
        self._init_hooks.append(hook)

    def every(self, seconds, action):
        """Calls action() every `seconds`, starting one period from now."""

        def tick():
            action()
            self.after(seconds, tick)

        self.after(seconds, tick)

    def after(self, seconds, action):
        """Calls action() once, `seconds` from now."""
        heapq.heappush(self._timers, (time.monotonic() + seconds, next(self._timer_order), action))

    # -- sending ---------------------------------------------------------------------------

    def peers(self):
        return [other for other in self.node_ids if other != self.node_id]

    def send(self, dest, body):
        """Sends one message (written out when the current batch of input is handled)."""
        message = {"src": self.node_id, "dest": dest, "body": body}
        self._outgoing.append(json.dumps(message, separators=(",", ":")))

    def reply(self, request, body):
        """Answers `request` with `body` (in_reply_to is filled in)."""
        body = dict(body)
        body["in_reply_to"] = request["body"]["msg_id"]
        self.send(request["src"], body)

    def rpc(self, dest, body, callback, timeout=None, on_timeout=None):
        """Sends a request; callback(response) runs when the answer arrives. With a
        timeout, on_timeout() runs instead if no answer came in time."""
        self._next_msg_id += 1
        msg_id = self._next_msg_id
        body = dict(body)
        body["msg_id"] = msg_id
        self._callbacks[msg_id] = callback
        if timeout is not None:

            def expire():
                if self._callbacks.pop(msg_id, None) is not None and on_timeout is not None:
                    on_timeout()

            self.after(timeout, expire)
        self.send(dest, body)

    def error(self, request, code, text):
        self.reply(request, {"type": "error", "code": code, "text": text})

    def log(self, text):
        sys.stderr.write(f"{self.node_id or '?'}: {text}\n")
        sys.stderr.flush()

    # -- the loop --------------------------------------------------------------------------

    def _handle_init(self, message):
        body = message["body"]
        self.node_id = body["node_id"]
        self.node_ids = body["node_ids"]
        self.reply(message, {"type": "init_ok"})
        for hook in self._init_hooks:
            hook()

    def _dispatch(self, line):
        message = json.loads(line)
        body = message["body"]
        in_reply_to = body.get("in_reply_to")
        if in_reply_to is not None:
            callback = self._callbacks.pop(in_reply_to, None)
            if callback is not None:
                callback(message)
            return
        handler = self._handlers.get(body["type"])
        if handler is None:
            if "msg_id" in body:
                self.error(message, 10, f"unsupported message type {body['type']}")
            return
        handler(message)

    def _flush(self):
        if self._outgoing:
            sys.stdout.write("\n".join(self._outgoing) + "\n")
            sys.stdout.flush()
            self._outgoing = []

    def _run_due_timers(self):
        now = time.monotonic()
        while self._timers and self._timers[0][0] <= now:
            _, _, action = heapq.heappop(self._timers)
            action()

    def run(self):
        """Reads messages until stdin ends, running timers in between."""
        stdin = sys.stdin.fileno()
        pending = b""
        while True:
            wait = None
            if self._timers:
                wait = max(0.0, self._timers[0][0] - time.monotonic())
            readable, _, _ = select.select([stdin], [], [], wait)
            if readable:
                chunk = os.read(stdin, 65536)
                if not chunk:
                    return
                pending += chunk
                *lines, pending = pending.split(b"\n")
                for line in lines:
                    if line.strip():
                        self._dispatch(line)
            self._run_due_timers()
            self._flush()
