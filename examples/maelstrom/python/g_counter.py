"""Maelstrom's g-counter workload: `add` a non-negative delta, `read` the sum of all adds.

Each add is given an id and forwarded to every peer, and resent every 0.3 seconds until
the peer acknowledges it. Resends are safe because a node applies each add id once.

Planted bug, `--bug double-add`: the node forgets which add ids it has applied, so an add
that is resent (its acknowledgement was late or lost) is counted again, and reads exceed
the sum of all adds.
"""

import sys

from maelstrom import Node

DOUBLE_ADD = "--bug" in sys.argv and "double-add" in sys.argv
RETRY_SECONDS = 0.3

node = Node()
total = 0
applied = set()
next_add = 0
pending = {}  # (add id, peer) -> delta, until the peer acknowledges


def apply(add_id, delta):
    global total
    if not DOUBLE_ADD:
        if add_id in applied:
            return
        applied.add(add_id)
    total += delta


def add(req):
    global next_add
    delta = req["body"]["delta"]
    next_add += 1
    add_id = f"{node.node_id}-{next_add}"
    apply(add_id, delta)
    for peer in node.peers():
        pending[(add_id, peer)] = delta
    node.reply(req, {"type": "add_ok"})


def replicate(req):
    body = req["body"]
    apply(body["id"], body["delta"])
    node.reply(req, {"type": "replicate_ok"})


def resend():
    for (add_id, peer), delta in list(pending.items()):
        node.rpc(peer, {"type": "replicate", "id": add_id, "delta": delta},
                 lambda res, key=(add_id, peer): pending.pop(key, None))


node.on("add", add)
node.on("replicate", replicate)
node.on("read", lambda req: node.reply(req, {"type": "read_ok", "value": total}))
node.every(RETRY_SECONDS, resend)
node.run()
