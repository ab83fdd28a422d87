// The broadcast workload: gossip along the topology, and keep resending every message a
// neighbour has not acknowledged, so messages cross a partition once it heals.
import { maelstromNode } from "./maelstrom-node.mjs";

export default maelstromNode(import.meta.url, (node) => {
  const messages = new Set();
  /** Per neighbour: messages it has not acknowledged yet. */
  const unacked = new Map();
  let neighbours = [];

  const learn = (message, from) => {
    if (messages.has(message)) return;
    messages.add(message);
    for (const neighbour of neighbours) {
      if (neighbour !== from) unacked.get(neighbour)?.add(message);
    }
  };

  node.on("topology", (req) => {
    neighbours = req.body.topology[node.nodeId] ?? node.nodeIds.filter((id) => id !== node.nodeId);
    for (const neighbour of neighbours) unacked.set(neighbour, new Set(messages));
    node.reply(req, { type: "topology_ok" });
  });
  node.on("broadcast", (req) => {
    learn(req.body.message, req.src);
    node.reply(req, { type: "broadcast_ok" });
  });
  node.on("read", (req) => node.reply(req, { type: "read_ok", messages: [...messages] }));
  node.on("gossip", (req) => {
    for (const message of req.body.messages) learn(message, req.src);
    node.reply(req, { type: "gossip_ok", messages: req.body.messages });
  });

  /** Neighbours with a gossip request in flight (one at a time each). */
  const inFlight = new Set();
  node.every(100, () => {
    for (const [neighbour, pending] of unacked) {
      if (pending.size === 0 || inFlight.has(neighbour)) continue;
      inFlight.add(neighbour);
      node
        .rpc(neighbour, { type: "gossip", messages: [...pending] }, { timeoutMs: 400 })
        .then((reply) => {
          for (const message of reply.messages) pending.delete(message);
        })
        .catch(() => {})
        .finally(() => inFlight.delete(neighbour));
    }
  });
});
