/**
 * "Did you mean": the known name closest to a misspelled one, by edit distance, for
 * messages about unknown scenario fields, systems and command-line flags.
 */

/**
 * Edit distance between `a` and `b`, case-insensitive: insertions, deletions,
 * substitutions and swaps of two neighbouring letters each count one (Damerau's
 * optimal string alignment).
 */
export function editDistance(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  let before: number[] = [];
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const substitution = previous[j - 1]! + (left[i - 1] === right[j - 1] ? 0 : 1);
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
      const swapped =
        i > 1 && j > 1 && left[i - 1] === right[j - 2] && left[i - 2] === right[j - 1];
      if (swapped) best = Math.min(best, before[j - 2]! + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[right.length]!;
}

/**
 * The name in `known` closest to `name`, if it is close enough to be a likely misspelling
 * (at most a third of its letters differ, and at least one is the same).
 *
 * @example
 * ```ts
 * closestName("duraton", ["duration", "nodes"]); // "duration"
 * ```
 */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(1, Math.floor(Math.max(name.length, best?.length ?? 0) / 3));
  return bestDistance <= limit && bestDistance < name.length ? best : undefined;
}

/** " (did you mean "x"?)" when a close name is known, else "". */
export function didYouMean(name: string, known: Iterable<string>, quote = '"'): string {
  const close = closestName(name, known);
  return close === undefined ? "" : ` (did you mean ${quote}${close}${quote}?)`;
}
