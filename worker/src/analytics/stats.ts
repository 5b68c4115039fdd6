/**
 * Order statistics with the nearest-rank definition: the p-quantile of n sorted values is the
 * value at rank ⌈p·n⌉ (1-based), always one of the observations. The SQL queries compute the
 * same ranks with integer arithmetic, `(n + 1) / 2` and `(9n + 9) / 10`, so both agree exactly.
 */

/** 1-based rank of the median of n values (the lower median for even n). */
export const medianRank = (n: number): number => Math.floor((n + 1) / 2)
/** 1-based rank of the 90th percentile of n values. */
export const p90Rank = (n: number): number => Math.floor((9 * n + 9) / 10)

/** The value at a 1-based rank of ascending values, or null when there are none. */
export function atRank(sorted: readonly number[], rank: number): number | null {
  return sorted.length === 0 ? null : (sorted[Math.min(rank, sorted.length) - 1] ?? null)
}

/** Median (nearest rank) of any values; null for none. */
export const median = (values: readonly number[]): number | null => {
  const sorted = [...values].sort((a, b) => a - b)
  return atRank(sorted, medianRank(sorted.length))
}

/** 90th percentile (nearest rank) of any values; null for none. */
export const p90 = (values: readonly number[]): number | null => {
  const sorted = [...values].sort((a, b) => a - b)
  return atRank(sorted, p90Rank(sorted.length))
}

/** part / whole, or null when whole is 0. */
export const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : part / whole

/** Milliseconds as hours with two decimals. */
export const msToHours = (ms: number): number => Math.round(ms / 36_000) / 100
