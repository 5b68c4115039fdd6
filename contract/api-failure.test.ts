import { describe, expect, it } from 'vitest'
import { failureOf } from './api-failure'

describe('failureOf', () => {
  it('reads the code, message and issues of an error envelope', () => {
    const body = {
      error: {
        code: 'validation_failed',
        message: 'The request body is invalid',
        issues: [{ path: 'email', message: 'Invalid email' }, { message: 'Too many fields' }],
      },
    }
    expect(failureOf(422, body)).toEqual({
      status: 422,
      code: 'validation_failed',
      message: 'The request body is invalid',
      issues: [{ path: 'email', message: 'Invalid email' }, { message: 'Too many fields' }],
    })
  })

  it('leaves issues out when the envelope has none', () => {
    const failure = failureOf(404, { error: { code: 'not_found', message: 'No such lead' } })
    expect(failure).toEqual({ status: 404, code: 'not_found', message: 'No such lead' })
    expect('issues' in failure).toBe(false)
  })

  it.each([
    ['no body', undefined],
    ['a null body', null],
    ['a text body', 'Bad gateway'],
    ['a body without an envelope', { message: 'upstream' }],
    ['an envelope without a code', { error: { message: 'upstream' } }],
  ])('names the status when the answer has %s', (_, body) => {
    const failure = failureOf(502, body)
    expect(failure.code).toBe('http_502')
    expect(failure.status).toBe(502)
  })

  it('uses the fallback message only where the envelope gives none', () => {
    expect(failureOf(503, null, 'Service Unavailable').message).toBe('Service Unavailable')
    expect(failureOf(503, null).message).toBe('HTTP 503')
    expect(failureOf(503, { error: { code: 'unavailable', message: 'Busy' } }, 'x').message).toBe(
      'Busy',
    )
  })
})
