/**
 * A small reader for EDN, the data syntax of Clojure that Jepsen writes histories in:
 * nil, booleans, numbers, strings, characters, keywords, symbols, vectors, lists, sets, maps,
 * comments, `#_` discards and tagged literals (whose tag is dropped: `#inst "..."` reads as
 * the string). It keeps the line of every collection element so errors can name it.
 */
import type { Checked } from "../history-problem.js";

/** An EDN keyword such as `:invoke` (stored without its colon). */
export class EdnKeyword {
  constructor(readonly name: string) {}
}

/** An EDN symbol such as `foo` (rare in histories; kept apart from strings). */
export class EdnSymbol {
  constructor(readonly name: string) {}
}

/** A vector, list or set, with the line each element starts on. */
export class EdnCollection {
  constructor(
    readonly kind: "vector" | "list" | "set",
    readonly items: readonly EdnValue[],
    readonly lines: readonly number[],
  ) {}
}

/** A map, as its entries in the order written, with the line it starts on. */
export class EdnMap {
  constructor(
    readonly entries: readonly (readonly [EdnValue, EdnValue])[],
    readonly line: number,
  ) {}

  /** The value under keyword `:name`, or `undefined` when absent. */
  get(name: string): EdnValue | undefined {
    for (const [key, value] of this.entries) {
      if (key instanceof EdnKeyword && key.name === name) return value;
    }
    return undefined;
  }
}

/** Any EDN value as read. */
export type EdnValue =
  | null
  | boolean
  | number
  | string
  | EdnKeyword
  | EdnSymbol
  | EdnCollection
  | EdnMap;

/** The top-level forms of a text, each with the line it starts on. */
export interface EdnForms {
  readonly forms: readonly EdnValue[];
  readonly lines: readonly number[];
}

class EdnSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`line ${line}: expected ${expected}, found ${found}`);
  }
}

const DELIMITERS = new Set(["(", ")", "[", "]", "{", "}", '"', ";", ","]);
const NAMED_CHARACTERS: Readonly<Record<string, string>> = {
  newline: "\n",
  space: " ",
  tab: "\t",
  return: "\r",
  backspace: "\b",
  formfeed: "\f",
};
const STRING_ESCAPES: Readonly<Record<string, string>> = {
  n: "\n",
  t: "\t",
  r: "\r",
  b: "\b",
  f: "\f",
  '"': '"',
  "\\": "\\",
};

function isWhitespace(char: string): boolean {
  return char === " " || char === "\n" || char === "\t" || char === "\r" || char === ",";
}

function describeFound(char: string | undefined): string {
  return char === undefined ? "the end of the text" : JSON.stringify(char);
}

/** A cursor over the text; one instance reads one text. */
class EdnReader {
  private position = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  readAll(): EdnForms {
    const forms: EdnValue[] = [];
    const lines: number[] = [];
    for (;;) {
      this.skipSpace();
      if (this.position >= this.text.length) return { forms, lines };
      lines.push(this.line);
      forms.push(this.readForm());
    }
  }

  private peek(): string | undefined {
    return this.text[this.position];
  }

  private advance(): string {
    const char = this.text[this.position++]!;
    if (char === "\n") this.line++;
    return char;
  }

  private fail(expected: string, found = describeFound(this.peek())): never {
    throw new EdnSyntaxError(this.line, expected, found);
  }

  private skipSpace(): void {
    for (;;) {
      const char = this.peek();
      if (char === undefined) return;
      if (isWhitespace(char)) this.advance();
      else if (char === ";") this.skipComment();
      else if (char === "#" && this.text[this.position + 1] === "_") {
        this.position += 2;
        this.skipSpace();
        this.readForm();
      } else return;
    }
  }

  private skipComment(): void {
    while (this.peek() !== undefined && this.peek() !== "\n") this.advance();
  }

  private readForm(): EdnValue {
    this.skipSpace();
    const char = this.peek();
    switch (char) {
      case undefined:
        return this.fail("a value");
      case "(":
        return this.readCollection("list", ")");
      case "[":
        return this.readCollection("vector", "]");
      case "{":
        return this.readMap();
      case '"':
        return this.readString();
      case "\\":
        return this.readCharacter();
      case "#":
        return this.readDispatch();
      case ")":
      case "]":
      case "}":
        return this.fail("a value", `an unmatched ${JSON.stringify(char)}`);
      default:
        return this.readAtom();
    }
  }

  private readSequence(close: string): { items: EdnValue[]; lines: number[] } {
    const startLine = this.line;
    this.advance();
    const items: EdnValue[] = [];
    const lines: number[] = [];
    for (;;) {
      this.skipSpace();
      const char = this.peek();
      if (char === close) {
        this.advance();
        return { items, lines };
      }
      if (char === undefined) {
        this.fail(`${JSON.stringify(close)} to close the collection opened on line ${startLine}`);
      }
      lines.push(this.line);
      items.push(this.readForm());
    }
  }

  private readCollection(kind: "vector" | "list" | "set", close: string): EdnCollection {
    const { items, lines } = this.readSequence(close);
    return new EdnCollection(kind, items, lines);
  }

  private readMap(): EdnMap {
    const line = this.line;
    const { items } = this.readSequence("}");
    if (items.length % 2 !== 0) {
      throw new EdnSyntaxError(line, "a map with a value for every key", "an odd number of forms");
    }
    const entries: (readonly [EdnValue, EdnValue])[] = [];
    for (let index = 0; index < items.length; index += 2) {
      entries.push([items[index]!, items[index + 1]!]);
    }
    return new EdnMap(entries, line);
  }

  private readString(): string {
    const startLine = this.line;
    this.advance();
    let result = "";
    for (;;) {
      const char = this.peek();
      if (char === undefined)
        this.fail(`a closing quote for the string opened on line ${startLine}`);
      this.advance();
      if (char === '"') return result;
      result += char === "\\" ? this.readEscape() : char;
    }
  }

  private readEscape(): string {
    const char = this.peek();
    if (char === "u") {
      const hex = this.text.slice(this.position + 1, this.position + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex))
        this.fail("four hex digits after \\u", JSON.stringify(hex));
      this.position += 5;
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    const escaped = char === undefined ? undefined : STRING_ESCAPES[char];
    if (escaped === undefined) this.fail('a string escape (\\n, \\t, \\", \\\\, \\uXXXX)');
    this.advance();
    return escaped;
  }

  private readToken(): string {
    const start = this.position;
    for (;;) {
      const char = this.peek();
      if (char === undefined || isWhitespace(char) || DELIMITERS.has(char)) break;
      this.advance();
    }
    return this.text.slice(start, this.position);
  }

  private readCharacter(): string {
    this.advance();
    const token = this.readToken();
    if (token.length === 0) {
      const char = this.peek();
      if (char === undefined) this.fail("a character after \\");
      return this.advance();
    }
    if (token.length === 1) return token;
    const named = NAMED_CHARACTERS[token];
    if (named !== undefined) return named;
    if (/^u[0-9a-fA-F]{4}$/.test(token))
      return String.fromCharCode(Number.parseInt(token.slice(1), 16));
    return this.fail("a character literal", `\\${token}`);
  }

  private readDispatch(): EdnValue {
    const next = this.text[this.position + 1];
    if (next === "{") {
      this.position++;
      return this.readCollection("set", "}");
    }
    this.advance();
    const tag = this.readToken();
    if (tag.length === 0) this.fail("a tag or set after #");
    // A tagged literal (#inst "...", #uuid "...", #jepsen.history.Op{...}): keep the value.
    return this.readForm();
  }

  private readAtom(): EdnValue {
    const token = this.readToken();
    if (token.length === 0) this.fail("a value");
    if (token === "nil") return null;
    if (token === "true") return true;
    if (token === "false") return false;
    if (token.startsWith(":")) {
      if (token.length === 1) this.fail("a keyword name after :", '":"');
      return new EdnKeyword(token.slice(1));
    }
    if (/^[+-]?\d/.test(token)) return this.parseNumber(token);
    return new EdnSymbol(token);
  }

  private parseNumber(token: string): number {
    if (/^[+-]?\d+N?$/.test(token)) return Number(token.replace(/N$/, ""));
    if (/^[+-]?\d+(\.\d*)?([eE][+-]?\d+)?M?$/.test(token)) return Number(token.replace(/M$/, ""));
    const ratio = /^([+-]?\d+)\/(\d+)$/.exec(token);
    if (ratio !== null) return Number(ratio[1]) / Number(ratio[2]);
    return this.fail("a number", JSON.stringify(token));
  }
}

/**
 * Reads every top-level form of an EDN text.
 *
 * @example
 * ```ts
 * const read = readEdn('{:process 0, :type :invoke, :f :read, :value nil}');
 * if (read.ok) console.log(read.value.forms.length); // 1
 * ```
 */
export function readEdn(text: string): Checked<EdnForms> {
  try {
    return { ok: true, value: new EdnReader(text).readAll() };
  } catch (error) {
    if (!(error instanceof EdnSyntaxError)) throw error;
    return {
      ok: false,
      problem: { line: error.line, expected: error.expected, found: error.found },
    };
  }
}

/** Renders an EDN value back as EDN text (for messages). */
export function formatEdn(value: EdnValue): string {
  if (value === null) return "nil";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value !== "object") return String(value);
  if (value instanceof EdnKeyword) return `:${value.name}`;
  if (value instanceof EdnSymbol) return value.name;
  if (value instanceof EdnMap) {
    return `{${value.entries.map(([key, item]) => `${formatEdn(key)} ${formatEdn(item)}`).join(", ")}}`;
  }
  const [open, close] = { vector: ["[", "]"], list: ["(", ")"], set: ["#{", "}"] }[value.kind];
  return `${open}${value.items.map(formatEdn).join(" ")}${close}`;
}
