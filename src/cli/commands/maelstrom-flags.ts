/**
 * The flags of `faultline maelstrom test`: Maelstrom's `test` flags with the same names,
 * meanings and defaults (src/maelstrom/core.clj and Jepsen's CLI), and faultline's own
 * (`--seed`, `--seeds`, `--until-failure`, `--out`, `--json`, `--recovery-time`,
 * `--init-timeout`). Every flag is checked here, once; a bad one is a `UsageError` naming it.
 */
import { resolve } from "node:path";
import { TOPOLOGY_NAMES } from "../../maelstrom/topology.js";
import { PROCESS_FAULT_KINDS, type ProcessFaultKind } from "../../process/fault-plan.js";
import { LATENCY_DISTRIBUTIONS, type LatencyDistribution } from "../../process/latency.js";
import { type NodeCommand, resolveNodeCommand } from "../../process/node-command.js";
import {
  type Availability,
  MAELSTROM_DEFAULTS,
  type ProcessTestOptions,
} from "../../process/process-test-options.js";
import { parseSeeds } from "../../scenario/seeds.js";
import { parseCommandArgs } from "../args.js";
import { UsageError } from "../usage-error.js";

/** The flags `parseArgs` knows. */
const FLAGS = {
  workload: { type: "string", short: "w" },
  bin: { type: "string" },
  "node-count": { type: "string" },
  nodes: { type: "string" },
  "time-limit": { type: "string" },
  rate: { type: "string" },
  concurrency: { type: "string" },
  latency: { type: "string" },
  "latency-dist": { type: "string" },
  nemesis: { type: "string" },
  "nemesis-interval": { type: "string" },
  topology: { type: "string" },
  availability: { type: "string" },
  "key-count": { type: "string" },
  "max-txn-length": { type: "string" },
  "max-writes-per-key": { type: "string" },
  "consistency-models": { type: "string" },
  "log-stderr": { type: "boolean", default: false },
  "recovery-time": { type: "string" },
  "init-timeout": { type: "string" },
  seed: { type: "string" },
  seeds: { type: "string" },
  "until-failure": { type: "boolean", default: false },
  out: { type: "string" },
  json: { type: "boolean", default: false },
} as const;

/** Everything `maelstrom test` was asked to do. */
export interface MaelstromTestFlags {
  /** The options of each trial, minus its seed and output directory. */
  readonly trial: Omit<ProcessTestOptions, "seed" | "outDirectory">;
  readonly seeds: readonly number[];
  /** Whether a seed was chosen (by `--seed` or `--seeds`) rather than drawn. */
  readonly seedGiven: boolean;
  readonly untilFailure: boolean;
  /** `--out`, resolved; `undefined` for the default per-seed directory. */
  readonly out: string | undefined;
  readonly json: boolean;
  /** The flags as given, to print the command that re-runs a seed. */
  readonly rerunArgs: readonly string[];
}

/** Parses a number flag; `check` says what else it must be. */
function number(
  flag: string,
  text: string,
  check: "positive" | "non-negative" | "fraction",
): number {
  const value = Number(text);
  const ok =
    text.trim() !== "" &&
    Number.isFinite(value) &&
    (check === "positive"
      ? value > 0
      : check === "non-negative"
        ? value >= 0
        : value >= 0 && value <= 1);
  if (!ok) {
    const wanted = {
      positive: "a positive number",
      "non-negative": "a non-negative number",
      fraction: "a number from 0 to 1",
    }[check];
    throw new UsageError(`--${flag} expects ${wanted}, found "${text}"`);
  }
  return value;
}

/** Parses a positive integer flag. */
function positiveInteger(flag: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`--${flag} expects a positive integer, found "${text}"`);
  }
  return Number(text);
}

function oneOf<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(`--${flag} expects one of ${choices.join(", ")}; found "${text}"`);
  }
  return text as T;
}

/** The node ids: `--node-count N` gives n0..n(N-1) as Maelstrom does; else `--nodes` or n1..n5. */
function nodeIds(count: string | undefined, list: string | undefined): string[] {
  if (count !== undefined) {
    const total = positiveInteger("node-count", count);
    if (total > 100) throw new UsageError(`--node-count is at most 100 here, found ${total}`);
    return Array.from({ length: total }, (_, index) => `n${index}`);
  }
  if (list !== undefined) {
    const ids = list
      .split(",")
      .map((id) => id.trim())
      .filter((id) => id !== "");
    if (ids.length === 0 || new Set(ids).size !== ids.length) {
      throw new UsageError(`--nodes expects distinct comma-separated node ids, found "${list}"`);
    }
    return ids;
  }
  return [...MAELSTROM_DEFAULTS.nodes];
}

/** `--concurrency`: an integer, or `Kn` for K times the node count (Jepsen's); default 1n. */
function concurrency(text: string | undefined, nodes: number): number {
  if (text === undefined) return nodes;
  const match = /^(\d+)(n?)$/.exec(text);
  if (match === null || Number(match[1]) < 1) {
    throw new UsageError(
      `--concurrency expects a positive integer or "Kn" (K per node), found "${text}"`,
    );
  }
  return Number(match[1]) * (match[2] === "n" ? nodes : 1);
}

function nemesis(text: string | undefined): ProcessFaultKind[] {
  if (text === undefined || text.trim() === "") return [];
  const kinds = text.split(",").map((kind) => kind.trim());
  return [...new Set(kinds.map((kind) => oneOf("nemesis", kind, PROCESS_FAULT_KINDS)))];
}

function availability(text: string | undefined): Availability | undefined {
  if (text === undefined) return undefined;
  return text === "total" ? "total" : number("availability", text, "fraction");
}

/** The seeds to run: `--seed`, `--seeds`, or one drawn now (and printed). */
function seeds(
  seed: string | undefined,
  list: string | undefined,
): { seeds: number[]; given: boolean } {
  if (seed !== undefined && list !== undefined)
    throw new UsageError("give --seed or --seeds, not both");
  if (seed !== undefined) {
    if (!/^\d+$/.test(seed) || !Number.isSafeInteger(Number(seed))) {
      throw new UsageError(`--seed expects a non-negative integer, found "${seed}"`);
    }
    return { seeds: [Number(seed)], given: true };
  }
  if (list !== undefined) {
    const parsed = parseSeeds(list);
    if (!Array.isArray(parsed)) throw new UsageError(`--seeds: ${parsed.error}`);
    return { seeds: parsed, given: true };
  }
  return { seeds: [Math.floor(Math.random() * 1_000_000)], given: false };
}

function command(bin: string | undefined, extra: readonly string[], cwd: string): NodeCommand {
  if (bin === undefined) throw new UsageError("Expected a --bin PATH_TO_BINARY to test");
  const resolved = resolveNodeCommand(bin, extra, cwd);
  if (!resolved.ok) throw new UsageError(resolved.message);
  return resolved;
}

/** The flags that re-run a trial, without the seed flags (the caller adds `--seed N`). */
function rerunArgs(args: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === "--seed" || arg === "--seeds") index++;
    else if (arg.startsWith("--seed=") || arg.startsWith("--seeds=") || arg === "--until-failure")
      continue;
    else kept.push(arg);
  }
  return kept;
}

/**
 * Parses and checks the flags of `maelstrom test`; `workloads` are the names `-w` accepts.
 */
export function parseMaelstromTestFlags(
  args: readonly string[],
  cwd: string,
  workloads: readonly string[],
): MaelstromTestFlags {
  const { values: v, positionals } = parseCommandArgs(args, FLAGS);
  const workload = oneOf("workload", v.workload ?? MAELSTROM_DEFAULTS.workload, workloads);
  const nodes = nodeIds(v["node-count"], v.nodes);
  const chosen = seeds(v.seed, v.seeds);
  const seconds = (flag: keyof typeof FLAGS, fallback: number): number => {
    const text = v[flag];
    return typeof text === "string" ? number(flag, text, "positive") : fallback;
  };
  const trial: MaelstromTestFlags["trial"] = {
    workload,
    command: command(v.bin, positionals, cwd),
    nodeIds: nodes,
    timeLimitMs: Math.round(seconds("time-limit", MAELSTROM_DEFAULTS.timeLimitSeconds) * 1000),
    ratePerSecond:
      v.rate === undefined ? MAELSTROM_DEFAULTS.rate : number("rate", v.rate, "non-negative"),
    concurrency: concurrency(v.concurrency, nodes.length),
    latency: {
      meanMs:
        v.latency === undefined
          ? MAELSTROM_DEFAULTS.latencyMs
          : number("latency", v.latency, "non-negative"),
      distribution: oneOf<LatencyDistribution>(
        "latency-dist",
        v["latency-dist"] ?? MAELSTROM_DEFAULTS.latencyDistribution,
        LATENCY_DISTRIBUTIONS,
      ),
    },
    nemesis: nemesis(v.nemesis),
    nemesisIntervalMs: Math.round(
      seconds("nemesis-interval", MAELSTROM_DEFAULTS.nemesisIntervalSeconds) * 1000,
    ),
    topology: oneOf("topology", v.topology ?? MAELSTROM_DEFAULTS.topology, TOPOLOGY_NAMES),
    availability: availability(v.availability),
    keyCount:
      v["key-count"] === undefined ? undefined : positiveInteger("key-count", v["key-count"]),
    maxTxnLength:
      v["max-txn-length"] === undefined
        ? MAELSTROM_DEFAULTS.maxTxnLength
        : positiveInteger("max-txn-length", v["max-txn-length"]),
    maxWritesPerKey:
      v["max-writes-per-key"] === undefined
        ? MAELSTROM_DEFAULTS.maxWritesPerKey
        : positiveInteger("max-writes-per-key", v["max-writes-per-key"]),
    consistencyModels: (v["consistency-models"] ?? MAELSTROM_DEFAULTS.consistencyModels.join(","))
      .split(",")
      .map((model) => model.trim())
      .filter((model) => model !== ""),
    logStderr: v["log-stderr"],
    recoveryMs: Math.round(
      (v["recovery-time"] === undefined
        ? MAELSTROM_DEFAULTS.recoverySeconds
        : number("recovery-time", v["recovery-time"], "non-negative")) * 1000,
    ),
    initTimeoutMs: Math.round(
      seconds("init-timeout", MAELSTROM_DEFAULTS.initTimeoutSeconds) * 1000,
    ),
    requestTimeoutMs: MAELSTROM_DEFAULTS.requestTimeoutMs,
    cwd,
  };
  return {
    trial,
    seeds: chosen.seeds,
    seedGiven: chosen.given,
    untilFailure: v["until-failure"],
    out: v.out === undefined ? undefined : resolve(cwd, v.out),
    json: v.json,
    rerunArgs: rerunArgs(args),
  };
}
