/**
 * What an attempt's result does to the message (pure): delivered, back to pending after a wait,
 * or failed; dead-lettered once `MAX_ATTEMPTS` attempts went without a definite answer.
 */
import { MAX_ATTEMPTS, retryDelayMs } from './backoff'
import type { SendResult } from './types'

export type AttemptOutcome = 'delivered' | 'retry' | 'failed' | 'skipped' | 'unknown'

export interface Settlement {
  status: 'delivered' | 'pending' | 'failed' | 'cancelled'
  outcome: AttemptOutcome
  httpStatus: number | null
  error: string | null
  providerMessageId: string | null
  /** Set when the message goes back to pending. */
  nextAttemptAt: string | null
  outcomeUnknown: boolean
  /** Failed after the last allowed attempt (not refused outright). */
  deadLetter: boolean
  /** A webhook endpoint answered 410. */
  gone: boolean
}

const base = {
  httpStatus: null,
  error: null,
  providerMessageId: null,
  nextAttemptAt: null,
  deadLetter: false,
  gone: false,
}

/** Not sent, on purpose (no consent, an ended enrollment, a disabled webhook). */
export const skipped = (reason: string, outcomeUnknown: boolean): Settlement => ({
  ...base,
  status: 'cancelled',
  outcome: 'skipped',
  error: reason,
  outcomeUnknown,
})

/** Not sent and never will be as things are (no provider, a refused URL). */
export const refused = (reason: string, outcomeUnknown: boolean): Settlement => ({
  ...base,
  status: 'failed',
  outcome: 'failed',
  error: reason,
  outcomeUnknown,
})

/**
 * The settlement of attempt number `attempts` (1-based) that ended with `result`.
 * `wasUnknown`: an earlier attempt's answer was lost; that stays so until a delivery.
 *
 * @example
 * settle({ kind: 'retry', status: 500, error: 'HTTP 500' }, 1, now, () => 0, false)
 * // { status: 'pending', nextAttemptAt: now + 15 s, … }
 */
export function settle(
  result: SendResult,
  attempts: number,
  now: Date,
  random: () => number,
  wasUnknown: boolean,
): Settlement {
  if (result.kind === 'delivered') {
    return {
      ...base,
      status: 'delivered',
      outcome: 'delivered',
      httpStatus: result.status,
      providerMessageId: result.providerMessageId,
      outcomeUnknown: false,
    }
  }
  const outcomeUnknown = wasUnknown || result.kind === 'unknown'
  if (result.kind === 'failed' || result.kind === 'gone') {
    return {
      ...base,
      status: 'failed',
      outcome: 'failed',
      httpStatus: result.status,
      error: result.error,
      outcomeUnknown,
      gone: result.kind === 'gone',
    }
  }
  const lastAttempt = attempts >= MAX_ATTEMPTS
  const delay = retryDelayMs(
    attempts,
    random,
    result.kind === 'retry' ? result.retryAfterMs : undefined,
  )
  return {
    ...base,
    status: lastAttempt ? 'failed' : 'pending',
    outcome: result.kind === 'unknown' ? 'unknown' : lastAttempt ? 'failed' : 'retry',
    httpStatus: result.status,
    error: result.error,
    nextAttemptAt: lastAttempt ? null : new Date(now.getTime() + delay).toISOString(),
    outcomeUnknown,
    deadLetter: lastAttempt,
  }
}
