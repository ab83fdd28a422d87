/**
 * Consistency models and the anomalies each rules out, after Adya's definitions and Elle's
 * table of them (elle/consistency_model.clj). A model rules out a set of anomaly kinds; the
 * session and strong models also rule out some cycle kinds when the cycle needs process
 * edges (`-process`) or real-time edges (`-realtime`). A stronger model rules out all that
 * a weaker one does.
 */
import type { ConsistencyModel } from "./types.js";

/** Every supported model, strongest first (the order `notModels` lists them in). */
export const CONSISTENCY_MODELS: readonly ConsistencyModel[] = [
  "strict-serializable",
  "strong-session-serializable",
  "serializable",
  "strong-snapshot-isolation",
  "strong-session-snapshot-isolation",
  "snapshot-isolation",
  "repeatable-read",
  "read-committed",
  "read-uncommitted",
];

/** The cycle anomaly kinds, as the search names them before any suffix. */
export const CYCLE_KINDS = ["G0", "G1c", "G-single", "G-nonadjacent", "G2-item"] as const;

const READ_UNCOMMITTED = ["G0", "duplicate-elements"];
const READ_COMMITTED = [...READ_UNCOMMITTED, "G1a", "G1b", "G1c", "incompatible-order"];
const REPEATABLE_READ = [...READ_COMMITTED, "G-single", "G-nonadjacent", "G2-item"];
const SNAPSHOT_ISOLATION = [...READ_COMMITTED, "internal", "G-single", "G-nonadjacent"];
const SERIALIZABLE = [...REPEATABLE_READ, "internal"];
const SI_CYCLES = ["G0", "G1c", "G-single", "G-nonadjacent"];

interface ModelRule {
  /** Anomaly kinds ruled out without any suffix. */
  readonly base: readonly string[];
  /** Cycle kinds also ruled out when they need process edges. */
  readonly process: readonly string[];
  /** Cycle kinds also ruled out when they need real-time edges. */
  readonly realtime: readonly string[];
}

const RULES: Readonly<Record<ConsistencyModel, ModelRule>> = {
  "read-uncommitted": { base: READ_UNCOMMITTED, process: [], realtime: [] },
  "read-committed": { base: READ_COMMITTED, process: [], realtime: [] },
  "repeatable-read": { base: REPEATABLE_READ, process: [], realtime: [] },
  "snapshot-isolation": { base: SNAPSHOT_ISOLATION, process: [], realtime: [] },
  serializable: { base: SERIALIZABLE, process: [], realtime: [] },
  "strong-session-snapshot-isolation": {
    base: SNAPSHOT_ISOLATION,
    process: SI_CYCLES,
    realtime: [],
  },
  "strong-session-serializable": { base: SERIALIZABLE, process: CYCLE_KINDS, realtime: [] },
  "strong-snapshot-isolation": {
    base: SNAPSHOT_ISOLATION,
    process: SI_CYCLES,
    realtime: SI_CYCLES,
  },
  "strict-serializable": { base: SERIALIZABLE, process: CYCLE_KINDS, realtime: CYCLE_KINDS },
};

/** Whether `model` rules out an anomaly of `type` (such as `G-single-process`). */
export function rulesOut(model: ConsistencyModel, type: string): boolean {
  const rule = RULES[model];
  if (type.endsWith("-realtime")) return rule.realtime.includes(type.slice(0, -"-realtime".length));
  if (type.endsWith("-process")) return rule.process.includes(type.slice(0, -"-process".length));
  return rule.base.includes(type);
}

/** The models (strongest first) that rule out at least one of `types`. */
export function modelsRuledOut(types: Iterable<string>): ConsistencyModel[] {
  const found = [...new Set(types)];
  return CONSISTENCY_MODELS.filter((model) => found.some((type) => rulesOut(model, type)));
}

/** Whether checking `model` needs process edges in the graph. */
export function needsProcessEdges(model: ConsistencyModel): boolean {
  return RULES[model].process.length > 0;
}

/** Whether checking `model` needs real-time edges in the graph. */
export function needsRealtimeEdges(model: ConsistencyModel): boolean {
  return RULES[model].realtime.length > 0;
}

/** Whether `name` is a supported model. */
export function isConsistencyModel(name: string): name is ConsistencyModel {
  return (CONSISTENCY_MODELS as readonly string[]).includes(name);
}
