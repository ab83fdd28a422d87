/**
 * The Maelstrom part of a scenario file: `system: { maelstrom: ./node.mjs }` names a
 * Maelstrom node program, and `workload: { kind: broadcast, ... }` one of Maelstrom's
 * workloads with Maelstrom's options (`rate`, `concurrency`, `keyCount`, `topology`,
 * `maxTxnLength`, `maxWritesPerKey`, `consistencyModels`) and `finalWait` (the pause
 * after healing before the final reads). A Maelstrom kind needs a Maelstrom node, and a
 * Maelstrom node a Maelstrom kind.
 */
import { z } from "zod";
import { TOPOLOGY_NAMES, type TopologyName } from "../maelstrom/topology.js";
import {
  DEFAULT_MAELSTROM_OPTIONS,
  type MaelstromOptions,
  type MaelstromWorkload,
} from "../maelstrom/workload.js";
import { findMaelstromWorkload, MAELSTROM_WORKLOAD_NAMES } from "../maelstrom/workloads/index.js";

/** The Maelstrom workload of a resolved scenario. */
export interface ScenarioMaelstrom {
  readonly workload: MaelstromWorkload;
  readonly options: MaelstromOptions;
  /** Pause after healing before the final operations, in microseconds. */
  readonly finalWaitUs: number;
}

/** The Maelstrom workload names, for `workload.kind`. */
export const MAELSTROM_KINDS = MAELSTROM_WORKLOAD_NAMES as readonly [string, ...string[]];

/** The fields of `workload` that Maelstrom workloads read (checked against the kind when resolved). */
export function maelstromWorkloadFields<D extends z.ZodType<number>>(durationText: D) {
  return {
    rate: z
      .number()
      .min(0)
      .max(1_000_000)
      .optional()
      .describe("Maelstrom workloads: operations per second, all clients together (default 5)"),
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe("Maelstrom workloads: client processes (default: the node count)"),
    keyCount: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .describe("lin-kv, kafka, txn-*: keys in play at once (default 5)"),
    topology: z
      .enum(TOPOLOGY_NAMES)
      .optional()
      .describe("broadcast: the topology sent to the nodes (default grid)"),
    consistencyModels: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        "txn-*: the models the transactions are judged against (default strict-serializable)",
      ),
    finalWait: durationText
      .optional()
      .describe(
        "Maelstrom workloads: pause after healing before the final operations (default 10s)",
      ),
  };
}

/** The part of a validated `workload` this module reads. */
export interface MaelstromWorkloadInput {
  readonly kind?: string | undefined;
  readonly rate?: number | undefined;
  readonly concurrency?: number | undefined;
  readonly keyCount?: number | undefined;
  readonly topology?: TopologyName | undefined;
  readonly consistencyModels?: readonly string[] | undefined;
  readonly finalWait?: number | undefined;
  readonly maxTxnLength?: number | undefined;
  readonly maxWritesPerKey?: number | undefined;
}

type Fail = (path: string, problem: string) => never;

const FIELD_FLAGS: Readonly<Record<string, string>> = {
  keyCount: "key-count",
  topology: "topology",
  consistencyModels: "consistency-models",
  maxTxnLength: "max-txn-length",
  maxWritesPerKey: "max-writes-per-key",
};

/** Default pause after healing before the final operations: Maelstrom's 10 seconds. */
const DEFAULT_FINAL_WAIT_US = 10_000_000;

/**
 * The Maelstrom workload of a scenario, or undefined when it has none. `isMaelstromSystem`
 * says whether the system is a Maelstrom node program.
 */
export function resolveMaelstromWorkload(
  input: MaelstromWorkloadInput,
  nodeIds: readonly string[],
  isMaelstromSystem: boolean,
  fail: Fail,
): ScenarioMaelstrom | undefined {
  const workload = input.kind === undefined ? undefined : findMaelstromWorkload(input.kind);
  if (workload === undefined) {
    if (isMaelstromSystem) {
      fail(
        "workload.kind",
        `a Maelstrom node needs a Maelstrom workload: one of ${MAELSTROM_WORKLOAD_NAMES.join(", ")}; found ${input.kind === undefined ? "nothing" : `"${input.kind}"`}`,
      );
    }
    return undefined;
  }
  if (!isMaelstromSystem) {
    fail(
      "workload.kind",
      `${workload.name} is a Maelstrom workload: the system must be a Maelstrom node (system: { maelstrom: ./node.mjs })`,
    );
  }
  for (const [field, flag] of Object.entries(FIELD_FLAGS)) {
    if ((input as Record<string, unknown>)[field] !== undefined && !workload.flags.includes(flag)) {
      fail(
        `workload.${field}`,
        `the ${workload.name} workload does not take ${field}; it takes ${workload.flags.join(", ")}`,
      );
    }
  }
  const defaults = DEFAULT_MAELSTROM_OPTIONS;
  return {
    workload,
    options: {
      nodeIds,
      rate: input.rate ?? defaults.rate,
      concurrency: input.concurrency ?? nodeIds.length,
      keyCount: input.keyCount ?? defaults.keyCount,
      maxTxnLength: input.maxTxnLength ?? defaults.maxTxnLength,
      maxWritesPerKey: input.maxWritesPerKey ?? defaults.maxWritesPerKey,
      topology: input.topology ?? defaults.topology,
      consistencyModels: input.consistencyModels ?? defaults.consistencyModels,
    },
    finalWaitUs: input.finalWait ?? DEFAULT_FINAL_WAIT_US,
  };
}
