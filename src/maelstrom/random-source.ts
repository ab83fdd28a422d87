/**
 * The randomness a Maelstrom part draws from: anything with `next()` in [0, 1). In the
 * simulation it is a seeded stream of the run; in process mode a seeded stream too, so a
 * seed fixes the services' choices and the client operations in both modes.
 */

/** A source of floats in [0, 1). `RandomStream` of the kernel is one. */
export interface RandomSource {
  next(): number;
}

/** An integer in [0, bound). */
export function randomInt(random: RandomSource, bound: number): number {
  return Math.floor(random.next() * bound);
}

/** An integer in [min, max], both included. */
export function randomBetween(random: RandomSource, min: number, max: number): number {
  return min + randomInt(random, max - min + 1);
}

/** One element of a non-empty list. */
export function randomPick<T>(random: RandomSource, items: readonly T[]): T {
  return items[randomInt(random, items.length)]!;
}
