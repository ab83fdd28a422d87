// Test nodes that break the protocol in one way each, chosen by the node's first request.
import { maelstromNode } from "../../../examples/maelstrom/js/maelstrom-node.mjs";

export default maelstromNode(import.meta.url, (node) => {
  node.on("echo", (req) => {
    const how = req.body.echo;
    if (how === "unknown-destination") node.send("x9", { type: "hello" });
    else if (how === "twice") {
      node.reply(req, { type: "echo_ok", echo: how });
      node.reply(req, { type: "echo_ok", echo: how });
    } else if (how === "malformed") node.send(req.src, { msg_id: 3 });
    else if (how === "wrong-echo") node.reply(req, { type: "echo_ok", echo: "something else" });
    else node.reply(req, { type: "echo_ok", echo: how });
  });
});
