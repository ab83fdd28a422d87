// The echo workload: answer every echo with its payload.
import { maelstromNode } from "./maelstrom-node.mjs";

export default maelstromNode(import.meta.url, (node) => {
  node.on("echo", (req) => node.reply(req, { type: "echo_ok", echo: req.body.echo }));
});
