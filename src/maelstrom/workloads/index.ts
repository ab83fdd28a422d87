/**
 * The registry of Maelstrom workloads, by the names `-w` and `workload.kind` use.
 */
import type { MaelstromWorkload } from "../workload.js";
import { gCounterWorkload, pnCounterWorkload } from "./counters.js";
import { echoWorkload } from "./echo.js";
import { kafkaWorkload } from "./kafka.js";
import { linKvWorkload } from "./lin-kv.js";
import { broadcastWorkload, gSetWorkload } from "./set-workloads.js";
import { txnListAppendWorkload, txnRwRegisterWorkload } from "./txn.js";
import { uniqueIdsWorkload } from "./unique-ids.js";

/** Every Maelstrom workload faultline runs. */
export const MAELSTROM_WORKLOADS: readonly MaelstromWorkload[] = [
  echoWorkload,
  uniqueIdsWorkload,
  broadcastWorkload,
  gSetWorkload,
  gCounterWorkload,
  pnCounterWorkload,
  linKvWorkload,
  kafkaWorkload,
  txnListAppendWorkload,
  txnRwRegisterWorkload,
];

/** The names of the workloads, in registry order. */
export const MAELSTROM_WORKLOAD_NAMES: readonly string[] = MAELSTROM_WORKLOADS.map((w) => w.name);

/** The workload called `name`, if there is one. */
export function findMaelstromWorkload(name: string): MaelstromWorkload | undefined {
  return MAELSTROM_WORKLOADS.find((workload) => workload.name === name);
}
