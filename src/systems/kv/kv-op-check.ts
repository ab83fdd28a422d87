/**
 * Checks a client operation's shape before a KV system acts on it: the workload is
 * trusted, but a user driving a system by hand gets a clear `fail` instead of a crash.
 */
import { type ClientResult, isKvOp, type KvOp } from "../../workload/protocol.js";

/** Why `op` is not a well-formed KV operation, or undefined when it is. */
export function kvOpProblem(op: unknown): ClientResult | undefined {
  if (!isKvOp(op)) return { type: "fail", error: "not a key-value operation (read, write, cas)" };
  const kvOp = op as KvOp;
  if (typeof kvOp.key !== "string") return { type: "fail", error: "key must be a string" };
  if (kvOp.f === "write" && !Number.isSafeInteger(kvOp.value)) {
    return { type: "fail", error: "write needs an integer value" };
  }
  if (kvOp.f === "cas" && !(Number.isSafeInteger(kvOp.to) && Number.isSafeInteger(kvOp.from))) {
    return { type: "fail", error: "cas needs integer from and to" };
  }
  return undefined;
}
