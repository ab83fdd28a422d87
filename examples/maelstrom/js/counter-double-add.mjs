// PLANTED BUG: an operation-based counter that sends each add to every other node and
// resends it until acknowledged, but applies every delivery it gets. When an ack is lost
// or late (a slow or lossy link), the resent add is applied a second time.
import { maelstromNode } from "./maelstrom-node.mjs";

export default maelstromNode(import.meta.url, (node) => {
  let value = 0;
  const deliver = (peer, delta) => {
    node
      .rpc(peer, { type: "increment", delta }, { timeoutMs: 150 })
      .catch(() => deliver(peer, delta));
  };
  node.on("add", (req) => {
    value += req.body.delta;
    for (const peer of node.nodeIds) if (peer !== node.nodeId) deliver(peer, req.body.delta);
    node.reply(req, { type: "add_ok" });
  });
  node.on("increment", (req) => {
    value += req.body.delta; // no deduplication: a retried increment counts twice
    node.reply(req, { type: "increment_ok" });
  });
  node.on("read", (req) => node.reply(req, { type: "read_ok", value }));
});
