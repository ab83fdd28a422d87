/**
 * Internal consistency: within one committed transaction, a read must agree with what the
 * transaction itself did before it. For lists, a read after the transaction's own appends
 * ends with them, and a read after an earlier read is that read plus the appends in between;
 * for registers, a read after a write or read of the key returns that value. A disagreement
 * is Elle's `internal` anomaly, whatever the isolation model.
 */
import { formatValue, sameValue, type Value } from "../value.js";
import { txnName } from "./inference.js";
import type { Transaction } from "./transactions.js";
import type { TxnAnomaly } from "./types.js";
import { valueIdentity } from "./value-ids.js";

interface KeyState {
  /** Whether `values` is the key's whole value (after a read), or only appends since the start. */
  known: boolean;
  values: Value[];
}

const listStates = new Map<number | string, KeyState>();

function internalAnomaly(txn: Transaction, key: Value, expected: string, read: Value): TxnAnomaly {
  return {
    type: "internal",
    ops: [txn],
    explanation: `${txnName(txn)} read ${formatValue(key)} = ${formatValue(read)}, but its own earlier operations mean it should have read ${expected}`,
  };
}

function endsWith(list: readonly Value[], suffix: readonly Value[]): boolean {
  if (suffix.length > list.length) return false;
  const offset = list.length - suffix.length;
  for (let index = 0; index < suffix.length; index++) {
    if (!sameValue(list[offset + index]!, suffix[index]!)) return false;
  }
  return true;
}

/** Checks one committed list-append transaction; returns its `internal` anomaly, if any. */
export function checkListInternal(txn: Transaction): TxnAnomaly | undefined {
  if (txn.ops.length < 2) return undefined;
  listStates.clear();
  for (const [f, key, value] of txn.ops) {
    const identity = valueIdentity(key);
    const state = listStates.get(identity);
    if (f === "append") {
      if (state === undefined) listStates.set(identity, { known: false, values: [value] });
      else state.values.push(value);
      continue;
    }
    const read = value as readonly Value[];
    if (state !== undefined) {
      const agrees = state.known ? sameValue(read, state.values) : endsWith(read, state.values);
      if (!agrees) {
        const expected = state.known
          ? formatValue(state.values)
          : `a list ending in ${formatValue(state.values)}`;
        return internalAnomaly(txn, key, expected, read);
      }
    }
    listStates.set(identity, { known: true, values: [...read] });
  }
  return undefined;
}

const registerStates = new Map<number | string, Value>();

/** Checks one committed rw-register transaction; returns its `internal` anomaly, if any. */
export function checkRegisterInternal(txn: Transaction): TxnAnomaly | undefined {
  if (txn.ops.length < 2) return undefined;
  registerStates.clear();
  for (const [f, key, value] of txn.ops) {
    const identity = valueIdentity(key);
    if (f === "r" && registerStates.has(identity)) {
      const expected = registerStates.get(identity)!;
      if (!sameValue(value, expected))
        return internalAnomaly(txn, key, formatValue(expected), value);
    }
    registerStates.set(identity, value);
  }
  return undefined;
}
