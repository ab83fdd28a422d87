/**
 * How long a search may run and how much it may remember. The checker never reads a clock
 * or the process's memory: it counts model steps and the configurations it stores (each
 * costs a known number of bytes), and polls an optional `shouldStop` callback (which a
 * caller may build on a clock) every `pollEverySteps` steps. Running out answers "unknown",
 * never a wrong verdict, and the same history with the same limits always gets the same
 * answer.
 */
import { MEMO_BYTES_PER_ENTRY } from "./memo-table.js";

/** Limits of one check, as given by a caller. */
export interface SearchLimits {
  /** The most model steps the whole check may take. Default 100,000,000. */
  readonly maxSteps?: number;
  /** Asked every `pollEverySteps` steps; returning true stops the check with "unknown". */
  readonly shouldStop?: () => boolean;
  /** How often `shouldStop` is asked, in steps. Default 4,096. */
  readonly pollEverySteps?: number;
  /**
   * The most memory, in MiB, the search's memo of explored configurations may take (the
   * states themselves are the model's and shared, and not counted). Default 1,024.
   */
  readonly maxMemoryMb?: number;
}

/** The default step limit: minutes of search, far beyond any history that checks at all. */
export const DEFAULT_MAX_STEPS = 100_000_000;
/** The default polling interval of `shouldStop`, in model steps. */
export const DEFAULT_POLL_EVERY_STEPS = 4096;
/** The default memory budget of the memo, in MiB: far below a machine's, and Node's heap. */
export const DEFAULT_MAX_MEMORY_MB = 1024;

/**
 * Why a search stopped without a verdict: its step limit, its memory budget, the caller's
 * `shouldStop`, or an error inside the check (`internal-error`, with the message beside it).
 */
export type StopReason = "step-limit" | "memory-limit" | "stopped" | "internal-error";

/** Words for each stop reason, to finish "the check stopped ..." / "unknown: ...". */
export function describeStopReason(reason: StopReason): string {
  switch (reason) {
    case "step-limit":
      return "it reached its step limit (maxSteps)";
    case "memory-limit":
      return "its memo of explored configurations reached the memory budget (--max-memory-mb)";
    case "stopped":
      return "it was stopped (time limit)";
    case "internal-error":
      return "an internal error ended it";
  }
}

/** The running budget of one check, shared by its partitions. */
export class SearchBudget {
  /** Steps taken so far. */
  steps = 0;
  /** Configurations stored so far, over every partition's memo. */
  memoEntries = 0;
  private readonly maxMemoEntries: number;
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
    const maxMemoryMb = checkedCount("maxMemoryMb", limits.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB);
    this.maxMemoEntries = Math.floor((maxMemoryMb * 1024 * 1024) / MEMO_BYTES_PER_ENTRY);
    this.nextPoll = this.pollEverySteps;
  }

  /**
   * Called when `steps` reaches the next checkpoint; says whether to stop.
   * Callers compare `steps >= checkpoint` first, so this runs rarely.
   */
  checkpoint(): StopReason | undefined {
    if (this.steps >= this.maxSteps) return "step-limit";
    if (this.steps >= this.nextPoll) {
      if (this.memoEntries >= this.maxMemoEntries) return "memory-limit";
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
