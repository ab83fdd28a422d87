/**
 * The `kv` model: a map of independent cells, partitioned per key (P-compositionality).
 * Each key is a register (read / write / cas, initially nil) that also supports Porcupine's
 * get / put / append, where an absent value reads as "". Keys come from the `key` field, or
 * from Jepsen's `independent` tuples: a value `[key value]` on an operation without a key.
 */
import type { Model, PrepareOutcome } from "../model.js";
import type { Operation } from "../operation.js";
import { formatValue, sameValue, type Value } from "../value.js";
import {
  type CellOp,
  cellRegisterAccess,
  describeCellOp,
  describeCellState,
  isReadOnlyCellOp,
  onlyExtendsCell,
  prepareCellOp,
  stepCell,
  unreachableByAppending,
} from "./cell.js";
import { type CellState, cellState, sameCellState } from "./cell-state.js";

/** A cell operation and the key it touches. */
export interface KvOp {
  /** The key, as written in the history. */
  readonly key: Value;
  /** The key as a partition key (strings as themselves, anything else as JSON). */
  readonly partition: string;
  /** What happens to the key's cell. */
  readonly cell: CellOp;
}

const KV_FUNCTIONS = ["read", "write", "cas", "get", "put", "append"] as const;

function partitionOf(key: Value): string {
  return typeof key === "string" ? key : `\u0000${JSON.stringify(key)}`;
}

function unwrapTuple(operation: Operation): { key: Value; input: Value; output: Value } | string {
  const { input, output } = operation;
  if (!Array.isArray(input) || input.length !== 2) {
    return `no key and a value ${formatValue(input)} that is not an independent [key value] tuple`;
  }
  const key = input[0] as Value;
  if (output === null || operation.status !== "ok")
    return { key, input: input[1] as Value, output };
  if (!Array.isArray(output) || output.length !== 2 || !sameValue(output[0] as Value, key)) {
    return `a completion value ${formatValue(output)} that is not a [key value] tuple for key ${formatValue(key)}`;
  }
  return { key, input: input[1] as Value, output: output[1] as Value };
}

function prepareKv(operation: Operation): PrepareOutcome<KvOp> {
  let parts: { key: Value; input: Value; output: Value };
  if (operation.key !== undefined) {
    parts = { key: operation.key, input: operation.input, output: operation.output };
  } else {
    const unwrapped = unwrapTuple(operation);
    if (typeof unwrapped === "string") {
      return {
        ok: false,
        expected: "a key (a key field or a [key value] tuple)",
        found: unwrapped,
      };
    }
    parts = unwrapped;
  }
  const cell = prepareCellOp(operation, KV_FUNCTIONS, "kv", parts.input, parts.output);
  if (!cell.ok) return cell;
  return { ok: true, op: { key: parts.key, partition: partitionOf(parts.key), cell: cell.op } };
}

/**
 * The key-value model. Checked per key, so each key's operations are searched on their own.
 *
 * @example
 * ```ts
 * const result = checkLinearizability(events, kvModel);
 * ```
 */
export const kvModel: Model<CellState, KvOp> = {
  name: "kv",
  prepare: prepareKv,
  init: () => cellState(null),
  step: (state, op) => stepCell(state, op.cell),
  equal: sameCellState,
  hash: (state) => state.hash,
  readOnly: (op) => isReadOnlyCellOp(op.cell),
  registerAccess: (op) => cellRegisterAccess(op.cell),
  onlyExtends: (op) => onlyExtendsCell(op.cell),
  unreachableByExtending: (state, op) => unreachableByAppending(state, op.cell),
  partition: (op) => op.partition,
  describeOperation: (op) => describeCellOp(op.cell, formatValue(op.key)),
  describeState: describeCellState,
};
