"""Maelstrom's lin-kv workload (read, write, cas on integer keys), by primary-backup
replication: the first node is the primary and orders every operation; other nodes
forward requests to it and relay its answers. Every second the primary sends the
keys changed since to the followers, which apply them to their copies (asynchronous
replication: a follower's copy lags the primary).

Correct as long as the primary does not crash: every operation, reads included, takes
effect at the primary, between its request and its answer.

Planted bug, `--bug local-read`: a follower answers reads from its own copy, which lags
the primary, so a read can miss a write that had already completed: a stale read.
"""

import sys

from maelstrom import Node

LOCAL_READ = "--bug" in sys.argv and "local-read" in sys.argv
FORWARD_TIMEOUT = 1.0
REPLICATE_SECONDS = 1.0

node = Node()
store = {}
changed = set()  # keys the primary changed since it last replicated


def primary():
    return node.node_ids[0]


def perform(body):
    """Applies one operation at the primary; returns the answer body."""
    kind, key = body["type"], body["key"]
    if kind == "read":
        if key not in store:
            return {"type": "error", "code": 20, "text": f"key {key} does not exist"}
        return {"type": "read_ok", "value": store[key]}
    if kind == "write":
        store[key] = body["value"]
    elif kind == "cas":
        if key not in store:
            return {"type": "error", "code": 20, "text": f"key {key} does not exist"}
        if store[key] != body["from"]:
            return {"type": "error", "code": 22, "text": f"expected {body['from']}, had {store[key]}"}
        store[key] = body["to"]
    changed.add(key)
    return {"type": f"{kind}_ok"}


def replicate():
    if node.node_id != primary() or not changed:
        return
    for key in sorted(changed):
        for follower in node.peers():
            node.send(follower, {"type": "apply", "key": key, "value": store[key]})
    changed.clear()


def handle(req):
    body = req["body"]
    if node.node_id == primary() or (LOCAL_READ and body["type"] == "read"):
        node.reply(req, perform(body) if node.node_id == primary() else local_read(body))
        return
    forwarded = {k: v for k, v in body.items() if k not in ("msg_id", "in_reply_to")}

    def relay(res):
        answer = {k: v for k, v in res["body"].items() if k not in ("msg_id", "in_reply_to")}
        node.reply(req, answer)

    node.rpc(primary(), forwarded, relay, timeout=FORWARD_TIMEOUT,
             on_timeout=lambda: node.error(req, 0, "the primary did not answer in time"))


def local_read(body):
    key = body["key"]
    if key not in store:
        return {"type": "error", "code": 20, "text": f"key {key} does not exist"}
    return {"type": "read_ok", "value": store[key]}


def apply(req):
    store[req["body"]["key"]] = req["body"]["value"]


for kind in ("read", "write", "cas"):
    node.on(kind, handle)
node.on("apply", apply)
node.every(REPLICATE_SECONDS, replicate)
node.run()
