/**
 * The `register` model: one register, initially `null` (nil), with read, write and
 * compare-and-set. A cas completion of `[from to]` (or `true`) means it swapped; `false`
 * means the compare ran and found another value, as Porcupine reads Jepsen's etcd logs.
 */
import type { Model } from "../model.js";
import { formatValue } from "../value.js";
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

/**
 * The single-register model.
 *
 * @example
 * ```ts
 * const result = checkLinearizability(events, registerModel);
 * ```
 */
export const registerModel: Model<CellState, CellOp> = {
  name: "register",
  prepare(operation) {
    if (operation.key !== undefined && operation.key !== null) {
      return {
        ok: false,
        expected: "no key (the register model checks one register; use the kv model for keys)",
        found: `key ${formatValue(operation.key)}`,
      };
    }
    return prepareCellOp(
      operation,
      ["read", "write", "cas"],
      "register",
      operation.input,
      operation.output,
    );
  },
  init: () => cellState(null),
  step: stepCell,
  equal: sameCellState,
  hash: (state) => state.hash,
  readOnly: isReadOnlyCellOp,
  registerAccess: cellRegisterAccess,
  onlyExtends: onlyExtendsCell,
  unreachableByExtending: unreachableByAppending,
  describeOperation: (op) => describeCellOp(op),
  describeState: describeCellState,
};
