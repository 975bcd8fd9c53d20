/**
 * Median and quartiles of the numbers a request's respondents gave, published only
 * over at least k values (fewer would let a reader who knows some of the respondents
 * work out the others' answers). Quantiles interpolate linearly between the two
 * nearest ranks (the method spreadsheets and R use by default), so anyone can
 * recompute them from the same values.
 */

/** Decimal places a published statistic keeps: enough for any answer, without floating-point noise. */
const STATISTIC_DECIMALS = 6;

const rounded = (x: number) => Number(x.toFixed(STATISTIC_DECIMALS));

/** The p-quantile (0 ≤ p ≤ 1) of sorted values, or null when there are none. */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return rounded(sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo));
}

export interface Quartiles {
  q1: number;
  median: number;
  q3: number;
}

/** The quartiles of `values`, or null when there are fewer than `k` of them. */
export function quartilesOf(values: readonly number[], k: number): Quartiles | null {
  if (values.length === 0 || values.length < k) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { q1: quantile(sorted, 0.25)!, median: quantile(sorted, 0.5)!, q3: quantile(sorted, 0.75)! };
}
