/**
 * A small seeded generator for benchmarks and test data: the same seed gives the same
 * sequence. xorshift32, whose every bit varies; the linear congruential one it replaces
 * multiplied past 2^53 in floating point and returned only even numbers (issue 20).
 */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return (n: number) => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % n;
  };
}
