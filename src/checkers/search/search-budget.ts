/**
 * How long a search may run. The checker never reads a clock: it counts model steps, and
 * polls an optional `shouldStop` callback (which a caller may build on a clock) every
 * `pollEverySteps` steps. Running out answers "unknown", never a wrong verdict.
 */

/** Limits of one check, as given by a caller. */
export interface SearchLimits {
  /** The most model steps the whole check may take. Default 100,000,000. */
  readonly maxSteps?: number;
  /** Asked every `pollEverySteps` steps; returning true stops the check with "unknown". */
  readonly shouldStop?: () => boolean;
  /** How often `shouldStop` is asked, in steps. Default 4,096. */
  readonly pollEverySteps?: number;
}

/** The default step limit: minutes of search, far beyond any history that checks at all. */
export const DEFAULT_MAX_STEPS = 100_000_000;
/** The default polling interval of `shouldStop`, in model steps. */
export const DEFAULT_POLL_EVERY_STEPS = 4096;

/** Why a search stopped without a verdict. */
export type StopReason = "step-limit" | "stopped";

/** The running budget of one check, shared by its partitions. */
export class SearchBudget {
  /** Steps taken so far. */
  steps = 0;
  private nextPoll: number;
  private readonly maxSteps: number;
  private readonly pollEverySteps: number;
  private readonly shouldStop: (() => boolean) | undefined;

  constructor(limits: SearchLimits = {}) {
    this.maxSteps = checkedCount("maxSteps", limits.maxSteps ?? DEFAULT_MAX_STEPS);
    this.pollEverySteps = checkedCount(
      "pollEverySteps",
      limits.pollEverySteps ?? DEFAULT_POLL_EVERY_STEPS,
    );
    this.shouldStop = limits.shouldStop;
    this.nextPoll = this.pollEverySteps;
  }

  /**
   * Called when `steps` reaches the next checkpoint; says whether to stop.
   * Callers compare `steps >= checkpoint` first, so this runs rarely.
   */
  checkpoint(): StopReason | undefined {
    if (this.steps >= this.maxSteps) return "step-limit";
    if (this.steps >= this.nextPoll) {
      this.nextPoll = this.steps + this.pollEverySteps;
      if (this.shouldStop?.() === true) return "stopped";
    }
    return undefined;
  }

  /** The step count at which `checkpoint` must next be called. */
  get nextCheckpoint(): number {
    return Math.min(this.maxSteps, this.nextPoll);
  }
}

function checkedCount(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, found ${value}`);
  }
  return value;
}
