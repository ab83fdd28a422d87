/**
 * The workloads `faultline maelstrom test` runs against processes, by name, as the
 * clients' `ClientWorkload`. Each adapts a Maelstrom workload definition (src/maelstrom):
 * its generator, its request and answer bodies, its final operations and its checker.
 */
import { RandomStreams } from "../sim/random.js";
import type { ClientWorkload } from "./client-workload.js";
import type { ProcessTestOptions } from "./process-test-options.js";

/** The workload names `-w` accepts. */
export const PROCESS_WORKLOAD_NAMES: readonly string[] = ["echo"];

function echoWorkload(seed: number): ClientWorkload {
  const random = new RandomStreams(seed).stream("workload:values");
  return {
    setupRequests: () => [],
    nextInvocation: () => ({ f: "echo", value: `Please echo ${random.int(128)}` }),
    finalInvocations: () => [],
    request: (invocation) => ({ type: "echo", echo: invocation.value }),
    complete: (invocation, reply) =>
      reply.type === "echo_ok" && reply.echo === invocation.value
        ? { type: "ok", value: reply.echo as string }
        : {
            type: "fail",
            value: null,
            error: `expected echo_ok with ${JSON.stringify(invocation.value)}, got ${JSON.stringify(reply)}`,
          },
    idempotent: () => true,
    check: (history) => {
      const failed = history.filter(
        (event) => event.type === "fail" && event.error?.startsWith("expected"),
      );
      return failed.length === 0
        ? { valid: true, anomalies: [], explanation: "" }
        : {
            valid: false,
            anomalies: ["wrong-echo"],
            explanation: failed.map((event) => event.error).join("\n"),
          };
    },
  };
}

/** The workload of a trial. */
export function processWorkload(options: ProcessTestOptions, seed: number): ClientWorkload {
  switch (options.workload) {
    case "echo":
      return echoWorkload(seed);
    default:
      throw new Error(`no process workload "${options.workload}"`);
  }
}
