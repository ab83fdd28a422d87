// The lin-kv workload by forwarding every request to Maelstrom's lin-kv service, as
// Maelstrom's own lin_kv_proxy demo does: linearizable because the service is.
import { ERROR, maelstromNode, RPCError } from "./maelstrom-node.mjs";

export default maelstromNode(import.meta.url, (node) => {
  const forward = async (req) => {
    const { msg_id: _, ...body } = req.body;
    try {
      const { in_reply_to: __, ...reply } = await node.rpc("lin-kv", body);
      node.reply(req, reply);
    } catch (error) {
      if (error.code === ERROR.timeout) throw new RPCError(ERROR.crash, "lin-kv did not answer");
      throw error;
    }
  };
  for (const type of ["read", "write", "cas"]) node.on(type, forward);
});
