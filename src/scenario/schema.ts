/**
 * The scenario file format, as a zod schema: what a file may say, with defaults, units and
 * bounds, and the messages a wrong value gets. `faultline schema` prints it as JSON Schema
 * so editors can validate and complete scenario files. Durations are written with units
 * (`500ms`, `60s`) and become integer microseconds here.
 */
import { z } from "zod";
import { FAULT_KINDS } from "../nemesis/fault.js";
import {
  type DurationRange,
  formatDuration,
  parseDuration,
  parseDurationRange,
  parseSignedDuration,
} from "./duration.js";
import { MAELSTROM_KINDS, maelstromWorkloadFields } from "./maelstrom-workload.js";
import { parseSeeds } from "./seeds.js";

/** A text field parsed by `parse`, whose `{ error }` becomes the field's message. */
function parsedText<T>(
  description: string,
  parse: (text: string) => T | { readonly error: string },
) {
  return z
    .string()
    .describe(description)
    .transform((text, context) => {
      const parsed = parse(text);
      if (typeof parsed !== "object" || parsed === null || !("error" in parsed)) return parsed as T;
      context.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    });
}

/** A duration with a unit, e.g. `500ms`; parsed into microseconds. */
export const durationText = parsedText<number>(
  'a duration with a unit: us, ms, s or m (e.g. "500ms", "60s")',
  parseDuration,
);

/** A duration that may be negative, e.g. `-200ms` (a clock jump backwards). */
export const signedDurationText = parsedText<number>(
  'a duration with a unit, optionally negative (e.g. "-200ms")',
  parseSignedDuration,
);

/** A range of durations, e.g. `1ms..10ms` (or one duration: a fixed value). */
export const durationRangeText = parsedText<DurationRange>(
  'a duration range such as "1ms..10ms", or a single duration',
  parseDurationRange,
);

/** The longest main phase, recovery budget or settling time: an hour of virtual time. */
export const MAX_PHASE_US = 60 * 60 * 1_000_000;

/**
 * Most fault episodes a random nemesis may draw for one run (the main phase divided by the
 * shortest interval): each is a scheduled event and a line in the run's report.
 */
export const MAX_RANDOM_EPISODES = 10_000;

/** A duration of a run's phase: at most an hour, with the reason in the message. */
function phaseDuration(description: string) {
  return durationText.describe(description).refine((us) => us <= MAX_PHASE_US, {
    message:
      "expected at most 60m: a run simulates every event of its phases, so a longer one takes hours of wall time and gigabytes; run more seeds instead",
  });
}

const rate = z.number().min(0).max(1).describe("a probability in [0, 1]");
const rateRange = z
  .object({ min: rate, max: rate })
  .strict()
  .refine((range) => range.min <= range.max, { message: "min must not exceed max" });
const nodeName = z.string().min(1);
const target = z.string().min(1).describe('a node name, "leader", "lock-holder" or "random"');
const shape = z.enum(["isolate", "isolate-leader", "halves", "majorities-ring", "bridge"]);

const networkSchema = z
  .object({
    latency: durationRangeText.prefault("1ms..10ms").describe("one-way latency between nodes"),
    clientLatency: durationRangeText.prefault("500us..2ms").describe("one-way client latency"),
    dropRate: rate.default(0),
    duplicateRate: rate.default(0),
    fifo: z.boolean().default(false).describe("deliver each link's messages in order"),
  })
  .strict();

const systemObjectSchema = z
  .object({
    name: z.string().min(1).optional().describe("a built-in system: raft, gossip, kv-single, ..."),
    module: z
      .string()
      .min(1)
      .optional()
      .describe("path (from the scenario file) to a module exporting a system"),
    export: z
      .string()
      .min(1)
      .optional()
      .describe("the module's export to use (default: default, then system)"),
    maelstrom: z
      .string()
      .min(1)
      .optional()
      .describe(
        "path (from the scenario file) to a Maelstrom node program (e.g. a node written with examples/maelstrom/js/maelstrom-node.mjs)",
      ),
    options: z.record(z.string(), z.unknown()).default({}).describe("the system's own options"),
  })
  .strict()
  .refine(
    (system) =>
      [system.name, system.module, system.maelstrom].filter((given) => given !== undefined)
        .length === 1,
    {
      message:
        "give exactly one of system.name (a built-in system), system.module (a module path) or system.maelstrom (a Maelstrom node program)",
    },
  );

/** `system: raft` is short for `system: { name: raft }`. */
const systemSchema = z.preprocess(
  (value) => (typeof value === "string" ? { name: value } : value),
  systemObjectSchema,
);

const workloadSchema = z
  .object({
    kind: z
      .enum(MAELSTROM_KINDS)
      .optional()
      .describe(
        "the workload: a Maelstrom workload (echo, broadcast, lin-kv, ...) for a Maelstrom node; default: the system's own",
      ),
    ...maelstromWorkloadFields(durationText),
    maxTxnLength: z
      .number()
      .int()
      .min(1)
      .max(100)
      .optional()
      .describe("txn-*: most micro-operations in a transaction (default 4)"),
    maxWritesPerKey: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .describe("txn-*: writes a key gets before a fresh key replaces it (default 16)"),
    clients: z.number().int().min(1).max(1000).default(5),
    think: durationRangeText
      .prefault("10ms..100ms")
      .describe("pause between a client's operations"),
    timeout: durationText.prefault("1s").describe("how long a client waits for an answer"),
    keys: z.number().int().min(1).max(100_000).default(5),
    keyDistribution: z.enum(["uniform", "hotspot"]).default("uniform"),
    mix: z
      .record(z.string(), z.number().min(0))
      .optional()
      .describe("relative weights of operations"),
    maxOps: z.number().int().min(0).optional().describe("most operations in the main phase"),
    maxRedirects: z.number().int().min(0).max(100).default(5),
    routing: z
      .enum(["sticky", "home"])
      .default("sticky")
      .describe(
        '"sticky": follow the last leader hint; "home": client i starts every operation at node i mod n',
      ),
  })
  .strict();

const recoverySchema = z
  .object({
    opsPerClient: z.number().int().min(0).max(1000).default(2),
    settle: phaseDuration(
      "least time after healing before the end-of-run checks (convergence needs it)",
    ).prefault("0s"),
    budget: phaseDuration("time allowed for the final operations after healing").prefault("10s"),
  })
  .strict();

const episodeBase = {
  at: durationText.describe("when the fault begins, from the start of the run"),
  duration: durationText.optional().describe("how long it lasts (default: until recovery)"),
};

const scheduleEntrySchema = z.discriminatedUnion("fault", [
  z
    .object({
      ...episodeBase,
      fault: z.literal("partition"),
      shape: shape.optional(),
      target: target.optional(),
      groups: z.array(z.array(nodeName)).optional(),
      from: z.array(nodeName).optional(),
      to: z.array(nodeName).optional(),
      links: z.array(z.tuple([nodeName, nodeName])).optional(),
    })
    .strict(),
  z.object({ ...episodeBase, fault: z.literal("crash"), target }).strict(),
  z.object({ ...episodeBase, fault: z.literal("pause"), target }).strict(),
  z
    .object({ ...episodeBase, fault: z.literal("clock-bump"), target, delta: signedDurationText })
    .strict(),
  z
    .object({
      ...episodeBase,
      fault: z.literal("clock-strobe"),
      target,
      delta: durationText,
      period: durationText,
    })
    .strict(),
  z
    .object({ ...episodeBase, fault: z.literal("clock-drift"), target, driftPpm: z.number().int() })
    .strict(),
  z.object({ ...episodeBase, fault: z.literal("loss"), rate }).strict(),
  z.object({ ...episodeBase, fault: z.literal("duplicate"), rate }).strict(),
  z.object({ ...episodeBase, fault: z.literal("delay"), latency: durationRangeText }).strict(),
  z
    .object({
      ...episodeBase,
      fault: z.literal("disk"),
      target,
      partialFlushRate: rate.default(0),
      tornWriteRate: rate.default(0),
      readErrorRate: rate.default(0),
    })
    .strict(),
]);

const faultKind = z.enum(FAULT_KINDS as [string, ...string[]]);

const randomNemesisSchema = z
  .object({
    faults: z
      .union([z.array(faultKind), z.partialRecord(faultKind, z.number().min(0))], {
        error: `expected a list of fault kinds or a map from kind to weight; kinds are ${FAULT_KINDS.join(", ")}`,
      })
      .default([...FAULT_KINDS])
      .describe("fault kinds to use, as a list or with relative weights"),
    interval: durationRangeText
      .refine((range) => range.minUs >= 1_000, {
        message:
          "expected an interval of at least 1ms: the random nemesis starts a fault every interval, so 0s would start faults without end at one instant",
      })
      .prefault("1s..4s")
      .describe("time between the starts of two faults (at least 1ms)"),
    duration: durationRangeText.prefault("500ms..4s").describe("how long each fault lasts"),
    swarm: z
      .boolean()
      .default(false)
      .describe("let each seed also draw the fault kinds and intensity"),
    leaderBias: rate.default(0.5).describe("chance that a fault on one node aims at the leader"),
    holderBias: rate
      .default(0)
      .describe("chance that a fault on one node not aimed at the leader aims at a lock holder"),
    shapes: z.array(shape).optional(),
    clockDelta: durationRangeText.prefault("10ms..2s"),
    strobePeriod: durationRangeText.prefault("10ms..200ms"),
    driftPpmMax: z.number().int().min(1).max(500_000).default(100_000),
    lossRate: rateRange.default({ min: 0.05, max: 0.5 }),
    duplicateRate: rateRange.default({ min: 0.05, max: 0.3 }),
    delay: durationRangeText.prefault("10ms..500ms"),
    disk: z
      .object({
        partialFlushRate: rate.default(0.5),
        tornWriteRate: rate.default(0.5),
        readErrorRate: rate.default(0.001),
      })
      .strict()
      .prefault({}),
  })
  .strict();

const checksSchema = z
  .object({
    linearizability: z
      .union([
        z.literal(false),
        z.object({ model: z.enum(["kv", "register", "mutex"]).default("kv") }).strict(),
      ])
      .optional()
      .describe(
        "check the client history for linearizability (default on: kv for kv workloads, mutex for lock workloads)",
      ),
    invariants: z.boolean().default(true).describe("check the system's invariants"),
    liveness: z.boolean().default(true).describe("require the recovery phase to complete"),
    invariantInterval: durationText.prefault("10ms").describe("how often periodic invariants run"),
    checkerSteps: z
      .number()
      .int()
      .min(1)
      .default(50_000_000)
      .describe("search budget of the checker"),
  })
  .strict();

/** The whole scenario file. */
export const scenarioFileSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, "expected a kebab-case name such as raft-partitions")
      .describe("the scenario's name"),
    description: z.string().optional(),
    system: systemSchema,
    nodes: z.number().int().min(1).max(1000).default(5),
    network: networkSchema.prefault({}),
    duration: phaseDuration("length of the main phase (with faults), at most 60m").prefault("30s"),
    workload: workloadSchema.prefault({}),
    recovery: recoverySchema.prefault({}),
    nemesis: z
      .object({
        schedule: z.array(scheduleEntrySchema).default([]),
        random: randomNemesisSchema.optional(),
      })
      .strict()
      .prefault({}),
    checks: checksSchema.prefault({}),
    maxEvents: z
      .number()
      .int()
      .min(1)
      .default(20_000_000)
      .describe("bound on simulated events per run"),
    seeds: parsedText<number[]>(
      'default seeds for `faultline run`, e.g. "1..500"',
      parseSeeds,
    ).prefault("1..100"),
    determinismGuard: z
      .boolean()
      .default(true)
      .describe(
        "make the wall clock, Math.random, real timers, crypto randomness and real I/O inside a node fail the run as `nondeterminism` (default true); false lets such calls through, and a failing seed may then not replay",
      ),
  })
  .strict()
  .superRefine((file, context) => {
    const interval = file.nemesis.random?.interval;
    if (interval === undefined || interval.minUs <= 0) return;
    const episodes = Math.ceil(file.duration / interval.minUs);
    if (episodes <= MAX_RANDOM_EPISODES) return;
    context.addIssue({
      code: "custom",
      path: ["nemesis", "random", "interval"],
      message: `expected at most ${MAX_RANDOM_EPISODES} faults per run: a main phase of ${formatDuration(file.duration)} with faults as often as every ${formatDuration(interval.minUs)} could start ${episodes}; lengthen the interval or shorten the duration`,
    });
  });

/** A scenario file as validated (durations in microseconds, defaults filled in). */
export type ScenarioFile = z.output<typeof scenarioFileSchema>;

/** A schedule entry as validated. */
export type ScheduleEntry = z.output<typeof scheduleEntrySchema>;

/** The JSON Schema of scenario files (what a file may contain, before defaults). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioFileSchema, { io: "input" }) as {
    properties: Record<string, unknown>;
  };
  schema.properties.system = {
    anyOf: [
      { type: "string", description: "a built-in system's name: short for { name: ... }" },
      schema.properties.system,
    ],
  };
  return schema;
}
