// The unique-ids workload: an id is this node's id and a counter, unique without coordination.
import { maelstromNode } from "./maelstrom-node.mjs";

export default maelstromNode(import.meta.url, (node) => {
  let next = 0;
  // A restarted node starts its counter again, so each life gets its own tag.
  const life = Math.floor(node.random() * 2 ** 32);
  node.on("generate", (req) => {
    node.reply(req, { type: "generate_ok", id: `${node.nodeId}-${life}-${next++}` });
  });
});
