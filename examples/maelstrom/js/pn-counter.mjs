// The pn-counter (and g-counter) workload: a state-based PN-counter CRDT. Each node counts
// its own increments and decrements; nodes send their counts to each other, and merging
// takes each node's maximum, so a count delivered twice is counted once.
import { maelstromNode } from "./maelstrom-node.mjs";

export default maelstromNode(import.meta.url, (node) => {
  const increments = {};
  const decrements = {};
  const sum = (counts) => Object.values(counts).reduce((total, count) => total + count, 0);
  const merge = (mine, theirs) => {
    for (const [id, count] of Object.entries(theirs)) mine[id] = Math.max(mine[id] ?? 0, count);
  };
  node.on("add", (req) => {
    const { delta } = req.body;
    const counts = delta >= 0 ? increments : decrements;
    counts[node.nodeId] = (counts[node.nodeId] ?? 0) + Math.abs(delta);
    node.reply(req, { type: "add_ok" });
  });
  node.on("read", (req) =>
    node.reply(req, { type: "read_ok", value: sum(increments) - sum(decrements) }),
  );
  node.on("replicate", (req) => {
    merge(increments, req.body.increments);
    merge(decrements, req.body.decrements);
  });
  node.every(200, () => {
    for (const peer of node.nodeIds) {
      if (peer !== node.nodeId) node.send(peer, { type: "replicate", increments, decrements });
    }
  });
});
