/**
 * Checks that a line a node wrote is a Maelstrom message: a JSON object with string `src`
 * and `dest` and an object `body` whose `type` is a string (doc/protocol.md). Returns what
 * is wrong in words, for the finding.
 */

/** A message as it travels: `src`, `dest` and a body with at least a type. */
export interface WireMessage {
  readonly src: string;
  readonly dest: string;
  readonly body: {
    readonly type: string;
    readonly msg_id?: number;
    readonly in_reply_to?: number;
    readonly [field: string]: unknown;
  };
}

/** The parsed line, or why it is not a message. */
export type ParsedLine =
  | { readonly ok: true; readonly message: WireMessage }
  | {
      readonly ok: false;
      readonly kind: "not-json" | "malformed-message";
      readonly problem: string;
    };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What is wrong with `value` as a message, or `undefined` when nothing is. */
function shapeProblem(value: unknown): string | undefined {
  if (!isObject(value)) return "it is JSON but not an object";
  if (typeof value.src !== "string")
    return `"src" should be a string, found ${JSON.stringify(value.src) ?? "nothing"}`;
  if (typeof value.dest !== "string")
    return `"dest" should be a string, found ${JSON.stringify(value.dest) ?? "nothing"}`;
  if (!isObject(value.body))
    return `"body" should be an object, found ${JSON.stringify(value.body) ?? "nothing"}`;
  if (typeof value.body.type !== "string")
    return `"body.type" should be a string, found ${JSON.stringify(value.body.type) ?? "nothing"}`;
  for (const field of ["msg_id", "in_reply_to"] as const) {
    const id = value.body[field];
    if (id !== undefined && !Number.isInteger(id))
      return `"body.${field}" should be an integer, found ${JSON.stringify(id)}`;
  }
  return undefined;
}

/** Parses one stdout line as a message. */
export function parseMessageLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, kind: "not-json", problem: (error as Error).message };
  }
  const problem = shapeProblem(value);
  if (problem !== undefined) return { ok: false, kind: "malformed-message", problem };
  return { ok: true, message: value as WireMessage };
}
