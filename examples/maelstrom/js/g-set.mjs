// The g-set workload: a state-based grow-only set CRDT; every node sends its whole set to
// every other node now and then, and merging is a union, so it converges after any fault.
import { maelstromNode } from "./maelstrom-node.mjs";

export default maelstromNode(import.meta.url, (node) => {
  const elements = new Map();
  const add = (element) => elements.set(JSON.stringify(element), element);
  node.on("add", (req) => {
    add(req.body.element);
    node.reply(req, { type: "add_ok" });
  });
  node.on("read", (req) => node.reply(req, { type: "read_ok", value: [...elements.values()] }));
  node.on("replicate", (req) => {
    for (const element of req.body.value) add(element);
  });
  node.every(200, () => {
    const value = [...elements.values()];
    for (const peer of node.nodeIds)
      if (peer !== node.nodeId) node.send(peer, { type: "replicate", value });
  });
});
