import { describe, expect, it } from 'vitest'
import { MAX_ATTEMPTS } from './backoff'
import { refused, settle, skipped } from './outcome'

const now = new Date('2026-03-02T10:00:00.000Z')
const later = (ms: number) => new Date(now.getTime() + ms).toISOString()
const zero = () => 0

describe('settle', () => {
  it('marks a delivery delivered, keeps the provider id and clears an unknown outcome', () => {
    const s = settle(
      { kind: 'delivered', status: 200, providerMessageId: 're_1' },
      3,
      now,
      zero,
      true,
    )
    expect(s).toMatchObject({
      status: 'delivered',
      outcome: 'delivered',
      httpStatus: 200,
      providerMessageId: 're_1',
      outcomeUnknown: false,
      nextAttemptAt: null,
    })
  })

  it('puts a retryable answer back to pending after the backoff', () => {
    const s = settle({ kind: 'retry', status: 500, error: 'HTTP 500' }, 1, now, zero, false)
    expect(s).toMatchObject({ status: 'pending', outcome: 'retry', nextAttemptAt: later(15_000) })
    expect(
      settle({ kind: 'retry', status: 500, error: 'x' }, 3, now, zero, false).nextAttemptAt,
    ).toBe(later(60_000))
  })

  it('waits what Retry-After asked for', () => {
    const s = settle(
      { kind: 'retry', status: 429, error: 'HTTP 429', retryAfterMs: 120_000 },
      1,
      now,
      zero,
      false,
    )
    expect(s.nextAttemptAt).toBe(later(120_000))
  })

  it('remembers a lost answer until a later attempt delivers', () => {
    const lost = settle({ kind: 'unknown', status: null, error: 'timeout' }, 1, now, zero, false)
    expect(lost).toMatchObject({ status: 'pending', outcome: 'unknown', outcomeUnknown: true })
    const thenRetry = settle({ kind: 'retry', status: 503, error: 'x' }, 2, now, zero, true)
    expect(thenRetry.outcomeUnknown).toBe(true)
  })

  it('dead-letters after the last attempt without a definite answer', () => {
    const retry = settle(
      { kind: 'retry', status: 500, error: 'HTTP 500' },
      MAX_ATTEMPTS,
      now,
      zero,
      false,
    )
    expect(retry).toMatchObject({
      status: 'failed',
      outcome: 'failed',
      deadLetter: true,
      nextAttemptAt: null,
    })
    const unknown = settle(
      { kind: 'unknown', status: null, error: 'x' },
      MAX_ATTEMPTS,
      now,
      zero,
      false,
    )
    expect(unknown).toMatchObject({
      status: 'failed',
      outcome: 'unknown',
      outcomeUnknown: true,
      deadLetter: true,
    })
    expect(
      settle({ kind: 'retry', status: 500, error: 'x' }, MAX_ATTEMPTS - 1, now, zero, false).status,
    ).toBe('pending')
  })

  it('fails a refusal and a 410 at once, marking the 410 as gone', () => {
    const failed = settle({ kind: 'failed', status: 422, error: 'HTTP 422' }, 1, now, zero, false)
    expect(failed).toMatchObject({
      status: 'failed',
      outcome: 'failed',
      deadLetter: false,
      gone: false,
    })
    const gone = settle({ kind: 'gone', status: 410, error: 'HTTP 410' }, 1, now, zero, false)
    expect(gone).toMatchObject({ status: 'failed', httpStatus: 410, gone: true })
  })

  it('cancels skipped messages and fails unconfigured ones without an attempt status', () => {
    expect(skipped('no_consent', false)).toMatchObject({
      status: 'cancelled',
      outcome: 'skipped',
      error: 'no_consent',
    })
    expect(refused('no_provider', false)).toMatchObject({
      status: 'failed',
      outcome: 'failed',
      error: 'no_provider',
      httpStatus: null,
    })
  })
})
