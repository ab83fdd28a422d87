/**
 * Seed lists as the command line and scenario files write them (`1..500`, `3,9,27`, or a
 * mix such as `1..10,42`), and the deterministic sharding of a list across machines.
 */

/** Most seeds one list may name, so a typo like `1..1e12` is an error, not a hang. */
export const MAX_SEEDS = 10_000_000;

/** The first seed two parts of a list both name, if any (parts are few; ranges may be long). */
function overlap(parts: readonly (readonly [number, number])[], first: number, last: number) {
  for (const [from, to] of parts) {
    if (from <= last && first <= to) return Math.max(from, first);
  }
  return undefined;
}

/**
 * Parses a seed list, or returns an error message. A seed named twice (`1,1`, `1..10,5`)
 * is an error: running it twice tells nothing new.
 */
export function parseSeeds(text: string): number[] | { readonly error: string } {
  const seeds: number[] = [];
  const parts: (readonly [number, number])[] = [];
  for (const part of text.split(",")) {
    const trimmed = part.trim();
    const range = /^(\d+)\.\.(\d+)$/.exec(trimmed);
    const single = /^\d+$/.test(trimmed) && Number.isSafeInteger(Number(trimmed));
    if (range === null && !single) {
      return {
        error: `expected seeds such as "1..500" or "3,9,27", found "${trimmed}" in "${text}"`,
      };
    }
    const first = Number(range?.[1] ?? trimmed);
    const last = Number(range?.[2] ?? trimmed);
    if (last < first) return { error: `seed range "${trimmed}" ends before it starts` };
    if (last - first + 1 + seeds.length > MAX_SEEDS)
      return { error: `more than ${MAX_SEEDS} seeds` };
    const repeated = overlap(parts, first, last);
    if (repeated !== undefined)
      return { error: `seed ${repeated} is listed more than once in "${text}"` };
    parts.push([first, last]);
    for (let seed = first; seed <= last; seed++) seeds.push(seed);
  }
  return seeds;
}

/** A shard: the `index`-th (1-based) of `count` slices. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses `I/N` (1 <= I <= N), or returns an error message. */
export function parseShard(text: string): Shard | { readonly error: string } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) {
    return { error: `expected a shard "I/N" with 1 <= I <= N, found "${text}"` };
  }
  return { index, count };
}

/**
 * The seeds of one shard: every `count`-th seed starting at position `index - 1`. The
 * shards of a list are disjoint and together are exactly the list, in the list's order.
 */
export function shardSeeds(seeds: readonly number[], shard: Shard): number[] {
  return seeds.filter((_, position) => position % shard.count === shard.index - 1);
}
