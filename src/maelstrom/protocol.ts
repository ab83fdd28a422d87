/**
 * Maelstrom's protocol as data: a message is `{src, dest, body}`, a body has a `type`, an
 * optional `msg_id` and, when it answers a request, `in_reply_to`. Errors are bodies of
 * type `error` with one of Maelstrom's codes; a definite code means the operation certainly
 * did not happen, an indefinite one (and every custom code, 1000 and above) that it may
 * have. Both modes (real processes and in the simulation) speak exactly this.
 */

/** A message body: `type` is mandatory; other fields depend on the type. */
export interface MaelstromBody {
  readonly type: string;
  readonly msg_id?: number;
  readonly in_reply_to?: number;
  readonly [field: string]: unknown;
}

/** A whole message, as one line of a node's stdin or stdout. */
export interface MaelstromMessage {
  readonly src: string;
  readonly dest: string;
  readonly body: MaelstromBody;
}

/** One of Maelstrom's defined errors. */
export interface MaelstromErrorCode {
  readonly code: number;
  readonly name: string;
  /** True when the operation definitely did not (and never will) happen. */
  readonly definite: boolean;
}

/** Every error Maelstrom defines (doc/protocol.md), by code. */
export const MAELSTROM_ERRORS: readonly MaelstromErrorCode[] = [
  { code: 0, name: "timeout", definite: false },
  { code: 1, name: "node-not-found", definite: true },
  { code: 10, name: "not-supported", definite: true },
  { code: 11, name: "temporarily-unavailable", definite: true },
  { code: 12, name: "malformed-request", definite: true },
  { code: 13, name: "crash", definite: false },
  { code: 14, name: "abort", definite: true },
  { code: 20, name: "key-does-not-exist", definite: true },
  { code: 21, name: "key-already-exists", definite: true },
  { code: 22, name: "precondition-failed", definite: true },
  { code: 30, name: "txn-conflict", definite: true },
];

/** Named error codes, for code that raises them. */
export const ErrorCode = {
  timeout: 0,
  nodeNotFound: 1,
  notSupported: 10,
  temporarilyUnavailable: 11,
  malformedRequest: 12,
  crash: 13,
  abort: 14,
  keyDoesNotExist: 20,
  keyAlreadyExists: 21,
  preconditionFailed: 22,
  txnConflict: 30,
} as const;

/** Whether an error code is definite; unknown and custom codes are indefinite. */
export function isDefiniteError(code: number): boolean {
  return MAELSTROM_ERRORS.some((error) => error.code === code && error.definite);
}

/** The name of an error code (`crash`), or `error <code>` for a custom one. */
export function errorName(code: number): string {
  return MAELSTROM_ERRORS.find((error) => error.code === code)?.name ?? `error ${code}`;
}

/** An error body answering `request`. */
export function errorBody(request: MaelstromBody, code: number, text: string): MaelstromBody {
  return request.msg_id === undefined
    ? { type: "error", code, text }
    : { type: "error", in_reply_to: request.msg_id, code, text };
}

/** A reply body of `type` answering `request`, with `fields`. */
export function replyBody(
  request: MaelstromBody,
  type: string,
  fields: Readonly<Record<string, unknown>> = {},
): MaelstromBody {
  return request.msg_id === undefined
    ? { ...fields, type }
    : { ...fields, type, in_reply_to: request.msg_id };
}

/** Whether a body is an error, with a numeric code. */
export function isErrorBody(
  body: MaelstromBody,
): body is MaelstromBody & { readonly code: number } {
  return body.type === "error" && typeof body.code === "number";
}

/** The names of Maelstrom's services: nodes the harness provides that a node may call. */
export const SERVICE_NAMES = ["lin-kv", "seq-kv", "lww-kv", "lin-tso"] as const;

/** A service's name. */
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Whether a destination names a service. */
export function isServiceName(dest: string): dest is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(dest);
}
