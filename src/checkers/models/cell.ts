/**
 * The semantics shared by the `register` and `kv` models: one cell holding a value, with
 * read / write / compare-and-set (Jepsen's register) and get / put / append (Porcupine's
 * key-value store, where an absent value reads as the empty string).
 *
 * Operations are prepared once with the hashes and states they need, so a step compares
 * hashes before values and never allocates except for the text an append builds.
 */
import { ILLEGAL, type PrepareOutcome, type RegisterAccess, type StepOutcome } from "../model.js";
import type { Operation } from "../operation.js";
import { formatValue, sameValue, type Value } from "../value.js";
import {
  appendHash,
  basePower,
  type CellState,
  cellState,
  cellText,
  prefixHashes,
  sameCellState,
  textHash,
  textState,
} from "./cell-state.js";

/** One operation on a cell, in the form the step works on. */
export type CellOp =
  | { readonly kind: "read"; readonly completed: boolean; readonly expect: CellState }
  | { readonly kind: "write" | "put"; readonly result: CellState }
  | {
      readonly kind: "cas";
      readonly completed: boolean;
      readonly swapped: boolean;
      readonly from: CellState;
      readonly to: CellState;
    }
  | {
      readonly kind: "get";
      readonly completed: boolean;
      readonly text: string;
      readonly hash: number;
      /** Text hash of each prefix of `text`, to tell cheaply that a state is not one. */
      readonly prefixes: Int32Array;
    }
  | {
      readonly kind: "append";
      readonly text: string;
      readonly hash: number;
      readonly power: number;
    };

/** The `f`s a cell understands. */
export type CellFunction = CellOp["kind"];

type Prepared = PrepareOutcome<CellOp>;

const NO_PREFIXES = new Int32Array(1);

function prepareCas(completed: boolean, input: Value, output: Value): Prepared {
  if (!Array.isArray(input) || input.length !== 2) {
    return { ok: false, expected: "a cas value [from to]", found: formatValue(input) };
  }
  const from = cellState(input[0] as Value);
  const to = cellState(input[1] as Value);
  if (!completed) return { ok: true, op: { kind: "cas", completed, swapped: false, from, to } };
  // An ok cas echoes [from to] (or says true): it swapped. `false`: the compare ran and failed.
  if (output !== null && typeof output !== "boolean" && !sameValue(output, input)) {
    const expected = `a cas result ${formatValue(input)}, true or false`;
    return { ok: false, expected, found: formatValue(output) };
  }
  return { ok: true, op: { kind: "cas", completed, swapped: output !== false, from, to } };
}

function prepareText(kind: "get" | "append", completed: boolean, value: Value): Prepared {
  if (kind === "get" && !completed) {
    return { ok: true, op: { kind, completed, text: "", hash: 0, prefixes: NO_PREFIXES } };
  }
  if (value !== null && typeof value !== "string") {
    return { ok: false, expected: `a string value for ${kind}`, found: formatValue(value) };
  }
  const text = value ?? "";
  const hash = textHash(text);
  return kind === "get"
    ? { ok: true, op: { kind, completed, text, hash, prefixes: prefixHashes(text) } }
    : { ok: true, op: { kind, text, hash, power: basePower(text) } };
}

/**
 * Builds the cell form of an operation whose `f` is in `allowed`, from its input and output
 * (already unwrapped from any `[key value]` tuple).
 */
export function prepareCellOp(
  operation: Operation,
  allowed: readonly CellFunction[],
  modelName: string,
  input: Value,
  output: Value,
): Prepared {
  const f = operation.f as CellFunction;
  if (!allowed.includes(f)) {
    const list = allowed.join(", ");
    return {
      ok: false,
      expected: `an f the ${modelName} model knows (${list})`,
      found: `f "${operation.f}"`,
    };
  }
  const completed = operation.status === "ok";
  switch (f) {
    case "read":
      return {
        ok: true,
        op: { kind: "read", completed, expect: cellState(completed ? output : null) },
      };
    case "write":
    case "put":
      return { ok: true, op: { kind: f, result: cellState(input) } };
    case "cas":
      return prepareCas(completed, input, output);
    case "get":
      return prepareText(f, completed, output);
    case "append":
      return prepareText(f, completed, input);
  }
}

function legal(state: CellState): StepOutcome<CellState> {
  return state.legal;
}

/** Applies one operation to a cell. */
export function stepCell(state: CellState, op: CellOp): StepOutcome<CellState> {
  switch (op.kind) {
    case "read":
      return !op.completed || sameCellState(state, op.expect) ? legal(state) : ILLEGAL;
    case "write":
    case "put":
      return legal(op.result);
    case "cas":
      if (!op.completed) return legal(sameCellState(state, op.from) ? op.to : state);
      if (op.swapped) return sameCellState(state, op.from) ? legal(op.to) : ILLEGAL;
      return sameCellState(state, op.from) ? ILLEGAL : legal(state);
    case "get":
      if (!op.completed) return legal(state);
      return state.textHash === op.hash && cellText(state.value) === op.text
        ? legal(state)
        : ILLEGAL;
    case "append": {
      const text = cellText(state.value) + op.text;
      return legal(textState(text, appendHash(state.textHash, op.hash, op.power)));
    }
  }
}

/** A plain read or write of the cell (see `Model.registerAccess`); undefined for the rest. */
export function cellRegisterAccess(op: CellOp): RegisterAccess<CellState> | undefined {
  if (op.kind === "read") return { kind: "read", state: op.expect };
  if (op.kind === "write" || op.kind === "put") return { kind: "write", state: op.result };
  return undefined;
}

/** Whether a cell operation never changes the value: completed reads and failed compares. */
export function isReadOnlyCellOp(op: CellOp): boolean {
  switch (op.kind) {
    case "read":
    case "get":
      return op.completed;
    case "cas":
      return op.completed && !op.swapped;
    default:
      return false;
  }
}

/**
 * Whether a cell operation can only extend the value (or leave it alone), whatever its
 * outcome: appends, reads, gets and failed compares. Writes, puts and cas that may swap
 * can replace it.
 */
export function onlyExtendsCell(op: CellOp): boolean {
  switch (op.kind) {
    case "append":
    case "read":
    case "get":
      return true;
    case "cas":
      return op.completed && !op.swapped;
    default:
      return false;
  }
}

/**
 * Whether read-only `op`, illegal on `state`, stays illegal however the text is extended:
 * a get (or a read of a string) whose text does not start with the current text. Appends
 * turn any value into text, so a read of a non-string value can only be legal now.
 */
export function unreachableByAppending(state: CellState, op: CellOp): boolean {
  if (op.kind === "get") {
    // Different prefix hashes prove the text is not a prefix; equal ones (even by collision)
    // only keep the search going, which is always safe.
    if (!op.completed) return false;
    const prefix = op.prefixes[state.textLength];
    return prefix === undefined || prefix !== state.textHash;
  }
  if (op.kind !== "read" || !op.completed) return false;
  const wanted = op.expect.value;
  if (typeof wanted !== "string") return !sameCellState(state, op.expect);
  return !wanted.startsWith(cellText(state.value));
}

function call(name: string, key: string | undefined, args: readonly string[]): string {
  return `${name}(${(key === undefined ? args : [key, ...args]).join(", ")})`;
}

/** `read() -> 3`, `write(3)`, `cas(1, 2) -> failed`, `append("k", "x")`, ... */
export function describeCellOp(op: CellOp, key?: string): string {
  const unknown = "?";
  switch (op.kind) {
    case "read":
      return `${call("read", key, [])} -> ${op.completed ? formatValue(op.expect.value) : unknown}`;
    case "write":
    case "put":
      return call(op.kind, key, [formatValue(op.result.value)]);
    case "cas": {
      const result = !op.completed ? unknown : op.swapped ? "ok" : "failed";
      return `${call("cas", key, [formatValue(op.from.value), formatValue(op.to.value)])} -> ${result}`;
    }
    case "get":
      return `${call("get", key, [])} -> ${op.completed ? JSON.stringify(op.text) : unknown}`;
    case "append":
      return call("append", key, [JSON.stringify(op.text)]);
  }
}

/** A cell state for explanations: its value, as EDN-like text. */
export function describeCellState(state: CellState): string {
  return formatValue(state.value);
}
