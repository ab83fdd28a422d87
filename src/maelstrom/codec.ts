/**
 * The message codec: one JSON object per line, checked against the protocol. A line that
 * is not a message gets a problem that names what is wrong (not JSON, a missing or
 * mistyped field) and quotes the start of the line, so a node's author can find it.
 */
import type { MaelstromBody, MaelstromMessage } from "./protocol.js";

/** The outcome of decoding one line. */
export type DecodeResult =
  | { readonly ok: true; readonly message: MaelstromMessage }
  | { readonly ok: false; readonly problem: string };

/** Longest part of a bad line quoted in a problem. */
const QUOTE_CHARS = 120;

function quote(line: string): string {
  return line.length > QUOTE_CHARS ? `${line.slice(0, QUOTE_CHARS)}...` : line;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

/** What is wrong with a body, or undefined when it is a valid body. */
export function bodyProblem(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return `"body" must be an object, found ${typeName(body)}`;
  }
  const fields = body as Record<string, unknown>;
  if (typeof fields.type !== "string" || fields.type === "") {
    return `"body.type" must be a non-empty string, found ${fields.type === undefined ? "nothing" : typeName(fields.type)}`;
  }
  for (const field of ["msg_id", "in_reply_to"] as const) {
    const value = fields[field];
    if (value !== undefined && value !== null && !Number.isInteger(value)) {
      return `"body.${field}" must be an integer, found ${typeName(value)}`;
    }
  }
  if (fields.type === "error" && !Number.isInteger(fields.code)) {
    return `an error body's "code" must be an integer, found ${fields.code === undefined ? "nothing" : typeName(fields.code)}`;
  }
  return undefined;
}

/** What is wrong with a parsed message, or undefined when it is a valid message. */
export function messageProblem(candidate: unknown): string | undefined {
  if (typeof candidate !== "object" || candidate === null || Array.isArray(candidate)) {
    return `a message must be a JSON object {src, dest, body}, found ${typeName(candidate)}`;
  }
  const fields = candidate as Record<string, unknown>;
  for (const field of ["src", "dest"] as const) {
    if (typeof fields[field] !== "string" || fields[field] === "") {
      return `"${field}" must be a non-empty string, found ${fields[field] === undefined ? "nothing" : typeName(fields[field])}`;
    }
  }
  return bodyProblem(fields.body);
}

/**
 * Decodes one line of a node's output.
 *
 * @example
 * ```ts
 * const decoded = decodeMessage('{"src":"n1","dest":"c1","body":{"type":"echo_ok","in_reply_to":1}}');
 * if (decoded.ok) console.log(decoded.message.body.type); // "echo_ok"
 * ```
 */
export function decodeMessage(line: string): DecodeResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: `not JSON (${reason}): ${quote(line)}` };
  }
  const problem = messageProblem(parsed);
  if (problem !== undefined) return { ok: false, problem: `${problem}: ${quote(line)}` };
  return { ok: true, message: parsed as MaelstromMessage };
}

/** Encodes a message as one line (without the newline). */
export function encodeMessage(message: MaelstromMessage): string {
  return JSON.stringify(message);
}

/** A message from `src` to `dest` with `body`. */
export function message(src: string, dest: string, body: MaelstromBody): MaelstromMessage {
  return { src, dest, body };
}
