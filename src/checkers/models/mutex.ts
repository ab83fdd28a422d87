/**
 * The `mutex` model: a lock per key (one lock when operations carry no key), with
 * `acquire` and `release`, as Knossos's mutex. An acquire is legal only while the lock is
 * free and a release only while it is held; locks are checked independently
 * (P-compositionality). The model does not track owners, as Knossos does not: a history
 * where one process acquires and another releases is judged by the lock's state alone.
 *
 * When an acquire's completion carries an integer (a fencing token), tokens must strictly
 * increase from one acquire of a lock to the next in the linearization, which is what a
 * lock service with fencing tokens promises. An acquire that completed with `null` or
 * `true`, or whose outcome is unknown, constrains no token.
 */
import { ILLEGAL, type Model, type PrepareOutcome, type StepOutcome } from "../model.js";
import type { Operation } from "../operation.js";
import { formatValue, type Value } from "../value.js";

/** One lock's state: whether it is held, and the highest fencing token known granted. */
export interface MutexState {
  readonly held: boolean;
  /** Highest token a linearized acquire returned; -1 before any. */
  readonly token: number;
}

/** An acquire or release of one lock, in the form the step works on. */
export interface MutexOp {
  readonly kind: "acquire" | "release";
  /** The lock's key as written in the history (null: the one lock of a keyless history). */
  readonly key: Value;
  /** The key as a partition key. */
  readonly partition: string;
  /** The fencing token an ok acquire returned, when it returned one. */
  readonly token: number | undefined;
}

const FREE: MutexState = Object.freeze({ held: false, token: -1 });

function partitionOf(key: Value): string {
  if (key === null) return "";
  return typeof key === "string" ? key : `\u0000${JSON.stringify(key)}`;
}

/** The token an ok acquire returned, undefined for none, or a message when it is not one. */
function tokenOf(operation: Operation): number | undefined | string {
  if (operation.f !== "acquire" || operation.status !== "ok") return undefined;
  const output = operation.output;
  if (output === null || output === true) return undefined;
  if (typeof output === "number" && Number.isSafeInteger(output)) return output;
  return formatValue(output);
}

function prepareMutex(operation: Operation): PrepareOutcome<MutexOp> {
  const kind = operation.f;
  if (kind !== "acquire" && kind !== "release") {
    return {
      ok: false,
      expected: "an f the mutex model knows (acquire, release)",
      found: `f "${operation.f}"`,
    };
  }
  const token = tokenOf(operation);
  if (typeof token === "string") {
    return {
      ok: false,
      expected: "an acquire result that is an integer token, nil or true",
      found: token,
    };
  }
  const key = operation.key ?? null;
  return { ok: true, op: { kind, key, partition: partitionOf(key), token } };
}

function stepMutex(state: MutexState, op: MutexOp): StepOutcome<MutexState> {
  if (op.kind === "release") {
    return state.held ? { legal: true, state: { held: false, token: state.token } } : ILLEGAL;
  }
  if (state.held) return ILLEGAL;
  if (op.token === undefined) return { legal: true, state: { held: true, token: state.token } };
  if (op.token <= state.token) return ILLEGAL;
  return { legal: true, state: { held: true, token: op.token } };
}

function describeMutexOp(op: MutexOp): string {
  const lock = op.key === null ? "" : formatValue(op.key);
  const token = op.token === undefined ? "" : ` -> ${op.token}`;
  return `${op.kind}(${lock})${token}`;
}

function describeMutexState(state: MutexState): string {
  const token =
    state.token < 0 ? "" : state.held ? ` (token ${state.token})` : ` (last token ${state.token})`;
  return `${state.held ? "held" : "free"}${token}`;
}

/**
 * The mutex model, checked per lock.
 *
 * @example
 * ```ts
 * const result = checkLinearizability(
 *   [
 *     { process: 0, type: "invoke", f: "acquire", key: "L", value: null },
 *     { process: 0, type: "ok", f: "acquire", key: "L", value: 7 },
 *     { process: 1, type: "invoke", f: "acquire", key: "L", value: null },
 *     { process: 1, type: "ok", f: "acquire", key: "L", value: 9 },
 *   ],
 *   mutexModel,
 * );
 * result.verdict; // "violation": the lock was acquired twice without a release
 * ```
 */
export const mutexModel: Model<MutexState, MutexOp> = {
  name: "mutex",
  prepare: prepareMutex,
  init: () => FREE,
  step: stepMutex,
  equal: (a, b) => a.held === b.held && a.token === b.token,
  hash: (state) => (Math.imul(state.token + 1, 0x9e3779b1) ^ (state.held ? 0x5bd1e995 : 0)) | 0,
  partition: (op) => op.partition,
  describeOperation: describeMutexOp,
  describeState: describeMutexState,
};
