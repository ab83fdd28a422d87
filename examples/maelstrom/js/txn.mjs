// The txn-list-append and txn-rw-register workloads on Maelstrom's lin-kv service: the
// whole database is one value under one key, and a transaction reads it, applies its
// micro-operations, and installs the result with compare-and-set (retried when another
// transaction got there first). Every transaction takes effect at its cas, so histories
// are strict serializable. A cas that times out may have happened: the answer is "crash".
import { ERROR, maelstromNode, RPCError } from "./maelstrom-node.mjs";

export default maelstromNode(import.meta.url, (node) => {
  const readRoot = async () => {
    try {
      return (await node.rpc("lin-kv", { type: "read", key: "root" })).value;
    } catch (error) {
      if (error.code === ERROR.keyDoesNotExist) return {};
      throw error;
    }
  };
  const run = (database, txn) => {
    const next = { ...database };
    const completed = txn.map(([f, key, value]) => {
      const name = JSON.stringify(key);
      if (f === "r") return [f, key, next[name] ?? null];
      next[name] = f === "append" ? [...(next[name] ?? []), value] : value;
      return [f, key, value];
    });
    return { next, completed };
  };
  node.on("txn", async (req) => {
    for (;;) {
      const database = await readRoot();
      const { next, completed } = run(database, req.body.txn);
      const writes = req.body.txn.some(([f]) => f !== "r");
      if (!writes) return node.reply(req, { type: "txn_ok", txn: completed });
      try {
        await node.rpc("lin-kv", {
          type: "cas",
          key: "root",
          from: database,
          to: next,
          create_if_not_exists: true,
        });
        return node.reply(req, { type: "txn_ok", txn: completed });
      } catch (error) {
        if (error.code === ERROR.preconditionFailed) continue;
        throw new RPCError(ERROR.crash, `cas of the database failed: ${error.text}`);
      }
    }
  });
});
