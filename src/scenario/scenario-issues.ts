/**
 * Turning validation issues into problems a person can fix: each names the file, the line
 * and column where the YAML puts the offending value (for an unknown field, the key
 * itself), the field path, what was expected and what was found, and, for a misspelled
 * field or option, the closest known one.
 */
import type { Document, LineCounter } from "yaml";
import type { z } from "zod";
import { didYouMean } from "../text/closest-name.js";
import type { ScenarioLocation, ScenarioProblem } from "./scenario-error.js";
import { scenarioJsonSchema } from "./schema.js";

/** A step of a field path: a key, or an index in a list. */
export type PathPart = string | number;

/** The field path as people write it: `nemesis.schedule.0.at`. */
export function pathText(path: readonly PathPart[]): string {
  return path.map(String).join(".");
}

interface RangedNode {
  readonly range?: [number, number, number];
}

/** Where the YAML document puts the value at `path` (or its nearest parent). */
export function locate(
  document: Document,
  lines: LineCounter,
  file: string,
  path: readonly PathPart[],
): ScenarioLocation {
  for (let length = path.length; length >= 0; length--) {
    const node = document.getIn(path.slice(0, length), true) as RangedNode | undefined;
    if (node?.range !== undefined) {
      const { line, col } = lines.linePos(node.range[0]);
      return { file, line, column: col, path: pathText(path) };
    }
  }
  return { file, path: pathText(path) };
}

/** Where the key `key` of the map at `path` is written. */
function locateKey(
  document: Document,
  lines: LineCounter,
  file: string,
  path: readonly PathPart[],
  key: string,
): ScenarioLocation {
  const map = document.getIn(path, true) as
    | { items?: { key: RangedNode & { value?: unknown } }[] }
    | undefined;
  const pair = map?.items?.find((item) => String(item.key?.value ?? item.key) === key);
  const range = pair?.key?.range;
  if (range === undefined) return locate(document, lines, file, [...path, key]);
  const { line, col } = lines.linePos(range[0]);
  return { file, line, column: col, path: pathText([...path, key]) };
}

/** The value at `path`, shown briefly: `"5 parsecs"`, `3`, `nothing`. */
export function describeFound(document: Document, path: readonly PathPart[]): string {
  const value = document.getIn(path);
  if (value === undefined) return "nothing";
  if (value !== null && typeof value === "object" && "toJSON" in value) {
    return brief(JSON.stringify((value as { toJSON(): unknown }).toJSON()));
  }
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : brief(text);
}

function brief(text: string | undefined): string {
  if (text === undefined) return "nothing";
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

type JsonSchemaNode = {
  readonly properties?: Record<string, JsonSchemaNode>;
  readonly items?: JsonSchemaNode;
  readonly anyOf?: JsonSchemaNode[];
  readonly oneOf?: JsonSchemaNode[];
};

let cachedSchema: JsonSchemaNode | undefined;

function alternatives(node: JsonSchemaNode): JsonSchemaNode[] {
  const options = [...(node.anyOf ?? []), ...(node.oneOf ?? [])];
  return options.length === 0 ? [node] : options.flatMap(alternatives);
}

/** The field names a scenario file may use in the map at `path`. */
export function knownFieldsAt(path: readonly PathPart[]): string[] {
  cachedSchema ??= scenarioJsonSchema() as JsonSchemaNode;
  let nodes = alternatives(cachedSchema);
  for (const part of path) {
    nodes = nodes
      .map((node) => (typeof part === "number" ? node.items : node.properties?.[part]))
      .filter((node): node is JsonSchemaNode => node !== undefined)
      .flatMap(alternatives);
  }
  return [...new Set(nodes.flatMap((node) => Object.keys(node.properties ?? {})))];
}

/** A zod type name as a person says it. */
function typeName(expected: string): string {
  const names: Record<string, string> = {
    number: "a number",
    string: "text",
    boolean: "true or false",
    object: "a map of fields",
    array: "a list",
    record: "a map",
  };
  return names[expected] ?? expected;
}

/** The issue of a union's branch that got furthest: the likeliest meaning. */
function deepestBranch(issue: z.core.$ZodIssueInvalidUnion): z.core.$ZodIssue[] | undefined {
  let best: z.core.$ZodIssue[] | undefined;
  let depth = 0;
  for (const branch of issue.errors) {
    const deepest = Math.max(0, ...branch.slice(0, 10).map((inner) => inner.path.length));
    if (deepest > depth) {
      best = branch;
      depth = deepest;
    }
  }
  return best;
}

interface IssueContext {
  readonly document: Document;
  readonly lines: LineCounter;
  readonly file: string;
}

function expectedText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `expected ${typeName(issue.expected)}`;
    case "invalid_value":
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
    case "too_small":
      return `expected at least ${String(issue.minimum)}${issue.origin === "array" ? " items" : issue.origin === "string" ? " characters" : ""}`;
    case "too_big":
      return `expected at most ${String(issue.maximum)}${issue.origin === "array" ? " items" : issue.origin === "string" ? " characters" : ""}`;
    default:
      return issue.message;
  }
}

function misspelling(issue: z.core.$ZodIssue, found: unknown): string {
  if (typeof found !== "string") return "";
  if (issue.code === "invalid_value") return didYouMean(found, issue.values.map(String));
  if (issue.code === "invalid_union" && "options" in issue)
    return didYouMean(found, (issue as { options: unknown[] }).options.map(String));
  return "";
}

function describeIssue(
  issue: z.core.$ZodIssue,
  prefix: readonly PathPart[],
  context: IssueContext,
): ScenarioProblem[] {
  const path = [...prefix, ...(issue.path as PathPart[])];
  const { document, lines, file } = context;
  if (issue.code === "unrecognized_keys") {
    const known = knownFieldsAt(path);
    return issue.keys.map((key) => ({
      location: locateKey(document, lines, file, path, key),
      problem: `unknown field "${key}"${didYouMean(key, known)}; the fields here are ${known.join(", ")}`,
    }));
  }
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const branch = deepestBranch(issue);
    if (branch !== undefined) return branch.flatMap((inner) => describeIssue(inner, path, context));
  }
  const found = describeFound(document, path);
  const location = locate(document, lines, file, path);
  const expected =
    issue.code === "invalid_union" && "options" in issue
      ? `expected one of ${(issue as { options: unknown[] }).options.map((option) => JSON.stringify(option)).join(", ")}`
      : expectedText(issue);
  const quotesFound = issue.message.includes(found);
  if (issue.code === "custom" && (/found/.test(issue.message) || quotesFound))
    return [{ location, problem: issue.message }];
  const hint = misspelling(issue, document.getIn(path));
  return [{ location, problem: `${expected}; found ${found}${hint}` }];
}

/** Every problem the validation issues describe, in the order of the file. */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  context: IssueContext,
): ScenarioProblem[] {
  const problems = issues.flatMap((issue) => describeIssue(issue, [], context));
  return problems.sort(
    (a, b) =>
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      (a.location.column ?? 0) - (b.location.column ?? 0),
  );
}
