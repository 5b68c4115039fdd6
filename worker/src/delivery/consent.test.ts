import { describe, expect, it } from 'vitest'
import { skipReason, type SendFacts } from './consent'

const base: SendFacts = {
  channel: 'email',
  purpose: 'commercial',
  enrollmentId: null,
  enrollmentStatus: null,
  latestConsent: { granted: true },
}

describe('skipReason', () => {
  it('sends a commercial message whose latest consent is an opt-in', () => {
    expect(skipReason(base)).toBeNull()
    expect(skipReason({ ...base, channel: 'sms' })).toBeNull()
  })

  it('skips a commercial message without any consent, or after an opt-out', () => {
    expect(skipReason({ ...base, latestConsent: null })).toBe('no_consent')
    expect(skipReason({ ...base, latestConsent: { granted: false } })).toBe('no_consent')
    expect(skipReason({ ...base, channel: 'sms', latestConsent: null })).toBe('no_consent')
  })

  it('sends transactional and system messages whatever the marketing consent says', () => {
    for (const purpose of ['transactional', 'system'] as const) {
      for (const latestConsent of [null, { granted: false }, { granted: true }]) {
        expect(skipReason({ ...base, purpose, latestConsent })).toBeNull()
      }
    }
  })

  it('skips a commercial sequence message once its enrollment exited (or is gone)', () => {
    const enrolled = { ...base, enrollmentId: 'en_1' }
    expect(skipReason({ ...enrolled, enrollmentStatus: 'active' })).toBeNull()
    for (const status of ['exited', null]) {
      expect(skipReason({ ...enrolled, enrollmentStatus: status })).toBe('enrollment_ended')
    }
  })

  it('sends the message of a sequence that ended with it (its enrollment completed)', () => {
    expect(skipReason({ ...base, enrollmentId: 'en_1', enrollmentStatus: 'completed' })).toBeNull()
  })

  it('sends a transactional message of an ended enrollment (only commercial ones stop)', () => {
    expect(
      skipReason({
        ...base,
        purpose: 'transactional',
        enrollmentId: 'en_1',
        enrollmentStatus: 'exited',
      }),
    ).toBeNull()
  })
})
