import { describe, expect, it } from 'vitest'
import { resendActivity, sameToken, verimorActivity } from './reports'

const event = (type: string, data: Record<string, unknown> = {}) => ({
  type,
  data: { email_id: 're_1', ...data },
})

describe('resendActivity', () => {
  it('maps delivery, open, click, bounce and complaint to timeline rows', () => {
    expect(resendActivity(event('email.delivered'), 'ms_1')).toEqual({
      type: 'message_delivered',
      body: { messageId: 'ms_1', channel: 'email', event: 'email.delivered' },
    })
    expect(resendActivity(event('email.opened'), 'ms_1')?.type).toBe('message_opened')
    expect(
      resendActivity(event('email.clicked', { click: { link: 'https://x.example/a' } }), 'ms_1'),
    ).toMatchObject({ type: 'message_clicked', body: { link: 'https://x.example/a' } })
  })

  it('withdraws e-mail consent on a bounce or a complaint only', () => {
    const bounce = resendActivity(
      event('email.bounced', { bounce: { type: 'Permanent', message: 'no such user' } }),
      'ms_1',
    )
    expect(bounce).toMatchObject({
      type: 'message_bounced',
      withdraw: 'bounce',
      body: { bounceType: 'Permanent', detail: 'no such user' },
    })
    expect(resendActivity(event('email.complained'), 'ms_1')?.withdraw).toBe('complaint')
    expect(resendActivity(event('email.opened'), 'ms_1')?.withdraw).toBeUndefined()
  })

  it('ignores events the timeline does not show', () => {
    for (const type of ['email.sent', 'email.delivery_delayed', 'contact.created', '']) {
      expect(resendActivity(event(type), 'ms_1'), type).toBeNull()
    }
  })
})

describe('verimorActivity', () => {
  it('maps DELIVERED to a delivery and final failures to a failure', () => {
    expect(
      verimorActivity({ status: 'DELIVERED', done_at: '2026-03-02 10:00:00' }, 'ms_2'),
    ).toEqual({
      type: 'message_delivered',
      body: {
        messageId: 'ms_2',
        channel: 'sms',
        status: 'DELIVERED',
        doneAt: '2026-03-02 10:00:00',
      },
    })
    for (const status of ['UNDELIVERED', 'undelivered', 'INVALID_NUMBER', 'EXPIRED']) {
      expect(verimorActivity({ status }, 'ms_2')?.type, status).toBe('message_failed')
    }
  })

  it('waits while the message is still on its way', () => {
    for (const status of ['WAITING', 'SENT', 'ENROUTE']) {
      expect(verimorActivity({ status }, 'ms_2'), status).toBeNull()
    }
  })
})

describe('sameToken', () => {
  it('accepts only the exact token', async () => {
    expect(await sameToken('abc-123', 'abc-123')).toBe(true)
    for (const other of ['abc-124', 'abc-1234', '', 'ABC-123']) {
      expect(await sameToken(other, 'abc-123'), other).toBe(false)
    }
  })
})
