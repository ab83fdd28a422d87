/**
 * The key-value API the `lin-kv`, `seq-kv` and `lww-kv` services share (the lin-kv
 * workload's): `read` (error 20 when the key is absent), `write`, and `cas` from / to
 * (error 20 when absent unless `create_if_not_exists`, 22 when the value differs). Keys
 * and values may be any JSON; keys are compared by their JSON text, values structurally.
 */
import { ErrorCode, errorBody, type MaelstromBody, replyBody } from "../protocol.js";

/** A decoded key-value request. */
export type KvRequest =
  | { readonly f: "read"; readonly key: string }
  | { readonly f: "write"; readonly key: string; readonly value: unknown }
  | {
      readonly f: "cas";
      readonly key: string;
      readonly from: unknown;
      readonly to: unknown;
      readonly create: boolean;
    };

/** The key of a request as map key text. */
export function keyText(key: unknown): string {
  return JSON.stringify(key) ?? "null";
}

/** A decoded request, or the error body to answer a bad one with. */
export type DecodedKvRequest =
  | { readonly ok: true; readonly request: KvRequest }
  | { readonly ok: false; readonly reply: MaelstromBody };

/** Decodes a request body. */
export function decodeKvRequest(body: MaelstromBody): DecodedKvRequest {
  const request = kvRequest(body);
  return "type" in request
    ? { ok: false, reply: request as MaelstromBody }
    : { ok: true, request: request as KvRequest };
}

function kvRequest(body: MaelstromBody): KvRequest | MaelstromBody {
  if (!("key" in body)) return errorBody(body, ErrorCode.malformedRequest, "missing key");
  const key = keyText(body.key);
  switch (body.type) {
    case "read":
      return { f: "read", key };
    case "write":
      if (!("value" in body)) return errorBody(body, ErrorCode.malformedRequest, "missing value");
      return { f: "write", key, value: body.value };
    case "cas":
      if (!("from" in body) || !("to" in body))
        return errorBody(body, ErrorCode.malformedRequest, "cas needs from and to");
      return {
        f: "cas",
        key,
        from: body.from,
        to: body.to,
        create: body.create_if_not_exists === true,
      };
    default:
      return errorBody(body, ErrorCode.notSupported, `unsupported request type ${body.type}`);
  }
}

/** Structural equality of JSON values. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What a key holds: absent, or a value. */
export type Cell =
  | { readonly present: false }
  | { readonly present: true; readonly value: unknown };

/** The outcome of applying a request to a cell: the reply and the cell afterwards. */
export interface KvStep {
  readonly reply: MaelstromBody;
  readonly next: Cell;
}

/** Applies `request` (decoded from `body`) to the key's current `cell`. */
export function stepKv(body: MaelstromBody, request: KvRequest, cell: Cell): KvStep {
  switch (request.f) {
    case "read":
      return cell.present
        ? { reply: replyBody(body, "read_ok", { value: cell.value }), next: cell }
        : { reply: errorBody(body, ErrorCode.keyDoesNotExist, "key does not exist"), next: cell };
    case "write":
      return { reply: replyBody(body, "write_ok"), next: { present: true, value: request.value } };
    case "cas": {
      if (!cell.present && !request.create) {
        return {
          reply: errorBody(body, ErrorCode.keyDoesNotExist, "key does not exist"),
          next: cell,
        };
      }
      const current = cell.present ? cell.value : undefined;
      if (cell.present && !sameJson(current, request.from)) {
        const text = `expected ${JSON.stringify(request.from)}, but had ${JSON.stringify(current)}`;
        return { reply: errorBody(body, ErrorCode.preconditionFailed, text), next: cell };
      }
      return { reply: replyBody(body, "cas_ok"), next: { present: true, value: request.to } };
    }
  }
}
