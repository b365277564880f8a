// How time grows with input, for the linear-time tests: a ratio, never a wall-clock limit, so the
// machine's speed cancels out.

/** Best-of-`rounds` time of one call, repeating short calls so timer resolution does not matter. */
export function timeOf(fn: () => unknown, rounds = 5): number {
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    let calls = 0;
    const start = performance.now();
    let elapsed: number;
    do {
      fn();
      calls++;
      elapsed = performance.now() - start;
    } while (elapsed < 8);
    best = Math.min(best, elapsed / calls);
  }
  return best;
}

/**
 * t(big) / t(small), each after a warm-up, measured up to five times keeping the lowest (stopping once
 * under `limit`): other processes on a shared machine can only slow one size down, never make quadratic
 * work look linear.
 */
export function growthRatio<T>(small: T, big: T, run: (input: T) => unknown, limit: number): number {
  run(small);
  run(big);
  let ratio = Infinity;
  for (let attempt = 0; attempt < 5 && ratio >= limit; attempt++) {
    ratio = Math.min(ratio, timeOf(() => run(big), 3) / timeOf(() => run(small)));
  }
  return ratio;
}
