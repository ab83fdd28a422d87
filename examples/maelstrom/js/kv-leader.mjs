// A key-value store for the lin-kv workload with a fixed leader (the first node): the
// leader applies every write and compare-and-set, and tells the followers about each new
// value. Requests that reach a follower are forwarded to the leader. `followerReads`
// chooses where reads are served: at the leader (linearizable), or from the follower's
// own copy (PLANTED BUG: a follower that missed an update, e.g. across a partition,
// answers with an old value after a newer one was acknowledged).
// The leader keeps its data in memory: the scenarios crash no node.
import { ERROR, maelstromNode, RPCError } from "./maelstrom-node.mjs";

export function kvLeader(moduleUrl, { followerReads }) {
  return maelstromNode(moduleUrl, (node) => {
    const data = new Map();
    const leader = () => node.nodeIds[0];
    const apply = (body) => {
      const key = JSON.stringify(body.key);
      if (body.type === "read") {
        if (!data.has(key)) throw new RPCError(ERROR.keyDoesNotExist, "no such key");
        return { type: "read_ok", value: data.get(key) };
      }
      if (body.type === "write") data.set(key, body.value);
      else if (!data.has(key)) throw new RPCError(ERROR.keyDoesNotExist, "no such key");
      else if (JSON.stringify(data.get(key)) !== JSON.stringify(body.from)) {
        throw new RPCError(ERROR.preconditionFailed, `expected ${body.from}, had ${data.get(key)}`);
      } else data.set(key, body.to);
      for (const peer of node.nodeIds) {
        if (peer !== node.nodeId) node.send(peer, { type: "replicate", key, value: data.get(key) });
      }
      return { type: `${body.type}_ok` };
    };
    const serve = async (req) => {
      const { msg_id: _, ...body } = req.body;
      const local = node.nodeId === leader() || (followerReads && body.type === "read");
      if (local) return node.reply(req, apply(body));
      try {
        const {
          in_reply_to: __,
          msg_id: ___,
          ...reply
        } = await node.rpc(leader(), body, {
          timeoutMs: 500,
        });
        node.reply(req, reply);
      } catch (error) {
        if (error.code === ERROR.timeout) throw new RPCError(ERROR.crash, "leader did not answer");
        throw error;
      }
    };
    for (const type of ["read", "write", "cas"]) node.on(type, serve);
    node.on("replicate", (req) => data.set(req.body.key, req.body.value));
  });
}
