// PLANTED BUG: broadcast that sends each message to its neighbours once and never again.
// A message sent while a neighbour is cut off by a partition never reaches it.
import { maelstromNode } from "./maelstrom-node.mjs";

export default maelstromNode(import.meta.url, (node) => {
  const messages = new Set();
  let neighbours = [];
  node.on("topology", (req) => {
    neighbours = req.body.topology[node.nodeId] ?? [];
    node.reply(req, { type: "topology_ok" });
  });
  const learn = (message, from) => {
    if (messages.has(message)) return;
    messages.add(message);
    for (const neighbour of neighbours) {
      if (neighbour !== from) node.send(neighbour, { type: "gossip", message });
    }
  };
  node.on("broadcast", (req) => {
    learn(req.body.message, req.src);
    node.reply(req, { type: "broadcast_ok" });
  });
  node.on("gossip", (req) => learn(req.body.message, req.src));
  node.on("read", (req) => node.reply(req, { type: "read_ok", messages: [...messages] }));
});
