/**
 * Moves on the length of the run: cap the operations of the main phase (clients stop
 * after the first N, which leaves the history before the cap exactly as it was), end the
 * main phase earlier (faults that would begin later go), and ask fewer operations of the
 * recovery phase.
 */
import type { Scenario } from "../scenario/scenario.js";
import { MIN_SPAN_US } from "./fault-moves.js";
import { countSteps, integerSteps, type ShrinkMove, timeSteps } from "./shrink-move.js";

/** `scenario` with its main phase ending at `mainUs`; faults beginning later are dropped. */
export function withMainUs(scenario: Scenario, mainUs: number): Scenario {
  const schedule = scenario.schedule
    .filter((episode) => episode.atUs < mainUs)
    .map((episode) =>
      episode.durationUs !== undefined && episode.atUs + episode.durationUs >= mainUs
        ? { atUs: episode.atUs, fault: episode.fault }
        : episode,
    );
  return { ...scenario, mainUs, schedule };
}

/** Caps the operations of the main phase. */
export const capOperations: ShrinkMove = {
  name: "cap-operations",
  *candidates({ scenario, result }) {
    const invoked = result.history.filter(
      (event) => event.type === "invoke" && event.time < scenario.mainUs,
    ).length;
    for (const maxOps of integerSteps(invoked, 0)) {
      yield { ...scenario, workload: { ...scenario.workload, maxOps } };
    }
  },
};

/** Ends the main phase earlier: just after its last event first, then by halving. */
export const shortenRun: ShrinkMove = {
  name: "shorten-run",
  *candidates({ scenario, result }) {
    const mainEvents = result.history.filter((event) => event.time < scenario.mainUs);
    const lastUs = mainEvents.at(-1)?.time ?? 0;
    const afterLastUs = Math.ceil((lastUs + 1) / MIN_SPAN_US) * MIN_SPAN_US;
    if (afterLastUs < scenario.mainUs) yield withMainUs(scenario, afterLastUs);
    for (const mainUs of timeSteps(scenario.mainUs, MIN_SPAN_US)) {
      if (mainUs !== afterLastUs) yield withMainUs(scenario, mainUs);
    }
  },
};

/** Asks fewer operations of each client in the recovery phase. */
export const fewerRecoveryOperations: ShrinkMove = {
  name: "fewer-recovery-operations",
  *candidates({ scenario }) {
    for (const opsPerClient of countSteps(scenario.recovery.opsPerClient, 0)) {
      yield { ...scenario, recovery: { ...scenario.recovery, opsPerClient } };
    }
  },
};
