/**
 * When to try a message again: exponential backoff with jitter, or the provider's own
 * `Retry-After`. Pure: the random source is passed in.
 */

/** Attempts before a message is dead-lettered (status `failed`). */
export const MAX_ATTEMPTS = 8
export const BASE_DELAY_MS = 30_000
export const MAX_DELAY_MS = 6 * 60 * 60 * 1000

/**
 * The wait after failed attempt number `attempt` (1-based): 30 s × 2^(attempt − 1), capped at
 * 6 h, times a random factor in [0.5, 1) so that messages failed together do not retry together.
 *
 * @example
 * backoffMs(1, () => 0) // 15_000
 * backoffMs(3, () => 0.999) // just under 120_000
 */
export function backoffMs(attempt: number, random: () => number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30))
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** exponent)
  const r = random()
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1 - Number.EPSILON) : 0
  return Math.floor(ceiling * (0.5 + unit / 2))
}

/**
 * The wait before the next attempt: what the provider asked for (`Retry-After`, at most 6 h),
 * else the backoff.
 */
export function retryDelayMs(attempt: number, random: () => number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.min(retryAfterMs, MAX_DELAY_MS)
  return backoffMs(attempt, random)
}
