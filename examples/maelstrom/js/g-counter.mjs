// The g-counter workload on Maelstrom's seq-kv service: one shared key, updated with
// read + compare-and-set. A cas that fails (22) is retried; one that times out may have
// happened, so the add answers "crash" (indefinite) instead of trying again. A read first
// writes a key of its own, which moves this node to the present of seq-kv's order, so the
// read that follows is not stale.
import { ERROR, maelstromNode, RPCError } from "./maelstrom-node.mjs";

export default maelstromNode(import.meta.url, (node) => {
  let syncs = 0;
  const readCounter = async () => {
    try {
      return (await node.rpc("seq-kv", { type: "read", key: "counter" })).value;
    } catch (error) {
      if (error.code === ERROR.keyDoesNotExist) return 0;
      throw error;
    }
  };
  node.on("add", async (req) => {
    for (;;) {
      const current = await readCounter();
      try {
        await node.rpc("seq-kv", {
          type: "cas",
          key: "counter",
          from: current,
          to: current + req.body.delta,
          create_if_not_exists: true,
        });
        node.reply(req, { type: "add_ok" });
        return;
      } catch (error) {
        if (error.code !== ERROR.preconditionFailed) throw new RPCError(ERROR.crash, error.text);
      }
    }
  });
  node.on("read", async (req) => {
    await node.rpc("seq-kv", { type: "write", key: `sync-${node.nodeId}`, value: syncs++ });
    node.reply(req, { type: "read_ok", value: await readCounter() });
  });
});
