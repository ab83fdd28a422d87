"""Maelstrom's broadcast workload: every value broadcast to any node reaches every node.

A value first seen is sent at once to each neighbour (the `topology` message names them),
and resent every half second until that neighbour acknowledges it, so values cross
partitions once they heal.

Planted bug, `--bug never-retry`: each value is sent to each neighbour once and never
resent; a value sent while a partition cuts the link is lost for the nodes behind it.
"""

import sys

from maelstrom import Node

NEVER_RETRY = "--bug" in sys.argv and "never-retry" in sys.argv
RETRY_SECONDS = 0.5

node = Node()
seen = set()
neighbours = []
unacknowledged = {}  # neighbour -> set of values it has not acknowledged


def topology(req):
    global neighbours
    neighbours = req["body"]["topology"].get(node.node_id, node.peers())
    node.reply(req, {"type": "topology_ok"})


def learn(value, source):
    if value in seen:
        return
    seen.add(value)
    for neighbour in neighbours:
        if neighbour == source:
            continue
        if NEVER_RETRY:
            node.send(neighbour, {"type": "gossip", "values": [value]})
        else:
            unacknowledged.setdefault(neighbour, set()).add(value)
            send_gossip(neighbour, [value])


def send_gossip(neighbour, batch):
    node.rpc(neighbour, {"type": "gossip", "values": batch},
             lambda res: acknowledged(neighbour, batch), timeout=2.0)


def resend():
    for neighbour, values in unacknowledged.items():
        if values:
            send_gossip(neighbour, sorted(values, key=repr))


def acknowledged(neighbour, batch):
    unacknowledged.get(neighbour, set()).difference_update(batch)


def broadcast(req):
    learn(req["body"]["message"], req["src"])
    node.reply(req, {"type": "broadcast_ok"})


def gossip(req):
    for value in req["body"]["values"]:
        learn(value, req["src"])
    if "msg_id" in req["body"]:
        node.reply(req, {"type": "gossip_ok"})


node.on("topology", topology)
node.on("broadcast", broadcast)
node.on("gossip", gossip)
node.on("read", lambda req: node.reply(req, {"type": "read_ok", "messages": sorted(seen, key=repr)}))
if not NEVER_RETRY:
    node.every(RETRY_SECONDS, resend)
node.run()
