/**
 * `--no-determinism-guard`, shared by `run`, `replay`, `shrink` and `ui`: the command-line
 * way to turn off the determinism guard that a scenario has on by default, for a system
 * that must call the wall clock, a real timer or real I/O outside its decisions. Turned off,
 * such a call goes unreported, and a failure it causes may not replay.
 */
import type { Scenario } from "../scenario/scenario.js";

/** The flag's `parseArgs` option, to spread into a command's options. */
export const DETERMINISM_GUARD_OPTION = {
  "no-determinism-guard": { type: "boolean", default: false },
} as const;

/** The flag's line in a command's usage text. */
export const DETERMINISM_GUARD_USAGE =
  "  --no-determinism-guard  let wall-clock, Math.random, timer, crypto and I/O calls in nodes\n" +
  "                        through (default: they fail the run as nondeterminism; a failure\n" +
  "                        they cause may then not replay)";

/** The scenario with the guard turned off when the flag was given. */
export function applyDeterminismGuardFlag(
  scenario: Scenario,
  values: { readonly "no-determinism-guard"?: boolean | undefined },
): Scenario {
  return values["no-determinism-guard"] === true
    ? { ...scenario, determinismGuard: false }
    : scenario;
}

/** The flag to repeat in a replay command, when the guard was off for the run it replays. */
export function determinismGuardArgument(scenario: {
  readonly determinismGuard?: boolean;
}): string {
  return scenario.determinismGuard === false ? " --no-determinism-guard" : "";
}
