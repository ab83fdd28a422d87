/**
 * The `echo` workload: clients send `echo` with a payload and expect `echo_ok` with the
 * same payload back. The checker finds every ok answer whose payload differs.
 */

import { pairEvents } from "../../checkers/event-pairs.js";
import { formatValue, sameValue } from "../../checkers/value.js";
import type { Anomaly } from "../../checkers/verdict.js";
import { randomInt } from "../random-source.js";
import { completeWith, timeoutCompletion } from "../reply.js";
import type { MaelstromEvent, MaelstromWorkload } from "../workload.js";

/** The echo workload. */
export const echoWorkload: MaelstromWorkload = {
  name: "echo",
  summary: "clients send a payload and expect the same payload back",
  flags: ["rate", "concurrency"],
  setup: () => [],
  generator: () => ({
    next: (random) => ({ f: "echo", value: `Please echo ${randomInt(random, 128)}` }),
  }),
  request: (op) => ({ type: "echo", echo: op.value }),
  complete: (op, reply) =>
    completeWith(op, reply, "echo_ok", true, (body) =>
      "echo" in body ? (body.echo as never) : undefined,
    ),
  timedOut: (op) => timeoutCompletion(op, true),
  finalOps: () => [],
  check(history: readonly MaelstromEvent[]) {
    const anomalies: Anomaly[] = [];
    let ok = 0;
    for (const { invoke, completion } of pairEvents(history)) {
      if (completion?.type !== "ok") continue;
      ok++;
      if (!sameValue(invoke.value, completion.value)) {
        anomalies.push({
          type: "wrong-echo",
          explanation: `process ${invoke.process} sent ${formatValue(invoke.value)} to ${invoke.node ?? "a node"} and got back ${formatValue(completion.value)}`,
          process: invoke.process,
        });
      }
    }
    if (ok === 0)
      return {
        valid: "unknown",
        anomalies,
        explanation: "no echo was answered, so there is nothing to judge",
        stats: { ok },
      };
    return anomalies.length === 0
      ? {
          valid: true,
          anomalies,
          explanation: `all ${ok} answered echoes returned their payload`,
          stats: { ok },
        }
      : {
          valid: false,
          anomalies,
          explanation: `${anomalies.length} of ${ok} answered echoes returned a different payload; first: ${anomalies[0]!.explanation}`,
          stats: { ok },
        };
  },
};
