// The kafka workload on Maelstrom's lin-kv service: a key's next offset is a counter taken
// with compare-and-set, each message is stored under its own key, and committed offsets
// under another. Polls read from the requested offset up to the counter, skipping offsets
// whose message was never stored (a send that died half way).
import { ERROR, maelstromNode, RPCError } from "./maelstrom-node.mjs";

/** Most messages a poll returns per key. */
const POLL_LIMIT = 10;

export default maelstromNode(import.meta.url, (node) => {
  const read = async (key, absent) => {
    try {
      return (await node.rpc("lin-kv", { type: "read", key })).value;
    } catch (error) {
      if (error.code === ERROR.keyDoesNotExist) return absent;
      throw error;
    }
  };
  const indefinite = (error) =>
    error instanceof RPCError && error.code === ERROR.timeout
      ? new RPCError(ERROR.crash, "lin-kv did not answer")
      : error;

  node.on("send", async (req) => {
    const { key, msg } = req.body;
    try {
      for (;;) {
        const next = await read(`next-${key}`, 0);
        try {
          await node.rpc("lin-kv", {
            type: "cas",
            key: `next-${key}`,
            from: next,
            to: next + 1,
            create_if_not_exists: true,
          });
        } catch (error) {
          if (error.code === ERROR.preconditionFailed) continue;
          throw error;
        }
        await node.rpc("lin-kv", { type: "write", key: `msg-${key}-${next}`, value: msg });
        node.reply(req, { type: "send_ok", offset: next });
        return;
      }
    } catch (error) {
      throw indefinite(error);
    }
  });

  node.on("poll", async (req) => {
    const msgs = {};
    for (const [key, from] of Object.entries(req.body.offsets)) {
      const end = await read(`next-${key}`, 0);
      const pairs = [];
      for (let offset = from; offset < end && pairs.length < POLL_LIMIT; offset++) {
        const message = await read(`msg-${key}-${offset}`, undefined);
        if (message !== undefined) pairs.push([offset, message]);
      }
      if (pairs.length > 0) msgs[key] = pairs;
    }
    node.reply(req, { type: "poll_ok", msgs });
  });

  node.on("commit_offsets", async (req) => {
    try {
      for (const [key, offset] of Object.entries(req.body.offsets)) {
        for (;;) {
          const committed = await read(`committed-${key}`, -1);
          if (committed >= offset) break;
          try {
            await node.rpc("lin-kv", {
              type: "cas",
              key: `committed-${key}`,
              from: committed,
              to: offset,
              create_if_not_exists: true,
            });
            break;
          } catch (error) {
            if (error.code !== ERROR.preconditionFailed) throw error;
          }
        }
      }
    } catch (error) {
      throw indefinite(error);
    }
    node.reply(req, { type: "commit_offsets_ok" });
  });

  node.on("list_committed_offsets", async (req) => {
    const offsets = {};
    for (const key of req.body.keys) {
      const committed = await read(`committed-${key}`, undefined);
      if (committed !== undefined) offsets[key] = committed;
    }
    node.reply(req, { type: "list_committed_offsets_ok", offsets });
  });
});
