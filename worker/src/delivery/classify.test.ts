import { describe, expect, it } from 'vitest'
import { classifyError, classifyStatus, parseRetryAfter } from './classify'

const now = new Date('2026-03-02T10:00:00Z')
const h = (init: Record<string, string> = {}) => new Headers(init)

describe('classifyStatus', () => {
  it('counts every 2xx as delivered', () => {
    for (const status of [200, 201, 202, 204, 299]) {
      expect(classifyStatus(status, h(), now).kind, String(status)).toBe('delivered')
    }
  })

  it('retries 408, 429 and every 5xx', () => {
    for (const status of [408, 429, 500, 502, 503, 504, 599]) {
      expect(classifyStatus(status, h(), now).kind, String(status)).toBe('retry')
    }
  })

  it('honours Retry-After on 429 and 503', () => {
    expect(classifyStatus(429, h({ 'Retry-After': '120' }), now)).toEqual({
      kind: 'retry',
      status: 429,
      error: 'HTTP 429',
      retryAfterMs: 120_000,
    })
    const date = new Date(now.getTime() + 90_000).toUTCString()
    expect(classifyStatus(503, h({ 'Retry-After': date }), now)).toMatchObject({
      retryAfterMs: 90_000,
    })
  })

  it('fails other 4xx and redirects for good', () => {
    for (const status of [301, 302, 400, 401, 403, 404, 405, 409, 410, 413, 422]) {
      expect(classifyStatus(status, h(), now).kind, String(status)).toBe('failed')
    }
  })

  it('calls a webhook endpoint answering 410 gone', () => {
    expect(classifyStatus(410, h(), now, { webhook: true }).kind).toBe('gone')
  })

  it("retries Resend's concurrent idempotent request, not a reused key with another body", () => {
    expect(classifyStatus(409, h(), now, { concurrentConflict: true }).kind).toBe('retry')
    expect(classifyStatus(409, h(), now, { detail: 'invalid_idempotent_request' })).toEqual({
      kind: 'failed',
      status: 409,
      error: 'HTTP 409: invalid_idempotent_request',
    })
  })
})

describe('classifyError', () => {
  it('treats timeouts and lost connections as unknown: the request may have arrived', () => {
    const timeout = new DOMException('The operation timed out.', 'TimeoutError')
    expect(classifyError(timeout)).toEqual({
      kind: 'unknown',
      status: null,
      error: 'timeout after 10 s',
    })
    expect(classifyError(new TypeError('Network connection lost.'))).toEqual({
      kind: 'unknown',
      status: null,
      error: 'network: Network connection lost.',
    })
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores what it cannot read', () => {
    expect(parseRetryAfter('0', now)).toBe(0)
    expect(parseRetryAfter(' 30 ', now)).toBe(30_000)
    expect(parseRetryAfter(new Date(now.getTime() - 5000).toUTCString(), now)).toBe(0)
    expect(parseRetryAfter(null, now)).toBeUndefined()
    expect(parseRetryAfter('-5', now)).toBeUndefined()
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter('1.5', now)).toBeUndefined()
  })
})
