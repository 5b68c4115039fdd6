import { describe, expect, it } from 'vitest'
import { resendProvider, resendRequest } from './resend'
import { verify } from './sign'
import type { Fetch, Outgoing } from './types'
import { datacodingFor, verimorProvider, verimorSendBody } from './verimor'
import { webhookProvider } from './webhook'

const now = new Date('2026-03-02T10:00:00Z')

/** A fetch that records requests and answers from a list (or throws what is listed). */
function stubFetch(answers: (Response | Error)[]) {
  const calls: { url: string; init: RequestInit }[] = []
  const fetchFn: Fetch = async (input, init) => {
    calls.push({ url: String(input), init: init ?? {} })
    const next = answers.shift()
    if (!next) throw new Error('no answer left')
    if (next instanceof Error) throw next
    return next
  }
  return { calls, fetchFn }
}

const email: Outgoing = {
  id: 'ms_abc',
  purpose: 'commercial',
  recipient: 'zeynep@example.com',
  payload: JSON.stringify({
    locale: 'tr',
    subject: 'Merhaba',
    html: '<p>Merhaba</p>',
    text: 'Merhaba',
    attachments: [{ filename: 'teklif.pdf', contentType: 'application/pdf', content: 'JVBE' }],
  }),
  outcomeUnknown: false,
}
const resendConfig = {
  apiUrl: 'https://api.resend.test/',
  apiKey: 're_key',
  from: 'Mağaza <shop@example.com>',
  replyTo: 'help@example.com',
  publicUrl: 'https://leadline.test',
}

describe('Resend', () => {
  it('posts the e-mail with the outbox id as Idempotency-Key and one-click unsubscribe', () => {
    const { url, init } = resendRequest(resendConfig, email)
    expect(url).toBe('https://api.resend.test/emails')
    expect(init.headers).toMatchObject({
      Authorization: 'Bearer re_key',
      'Idempotency-Key': 'ms_abc',
    })
    expect(JSON.parse(init.body as string)).toEqual({
      from: 'Mağaza <shop@example.com>',
      to: ['zeynep@example.com'],
      subject: 'Merhaba',
      html: '<p>Merhaba</p>',
      text: 'Merhaba',
      reply_to: 'help@example.com',
      headers: {
        'List-Unsubscribe': '<https://leadline.test/u/ms_abc>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      attachments: [{ filename: 'teklif.pdf', content: 'JVBE', content_type: 'application/pdf' }],
      tags: [{ name: 'message_id', value: 'ms_abc' }],
    })
  })

  it('adds no unsubscribe headers to transactional mail', () => {
    const { init } = resendRequest(resendConfig, { ...email, purpose: 'transactional' })
    expect(JSON.parse(init.body as string).headers).toBeUndefined()
  })

  it("keeps Resend's id, retries a concurrent request and fails a reused key", async () => {
    const { fetchFn } = stubFetch([
      Response.json({ id: 're_123' }),
      Response.json({ name: 'concurrent_idempotent_requests', message: 'x' }, { status: 409 }),
      Response.json({ name: 'invalid_idempotent_request', message: 'x' }, { status: 409 }),
      new TypeError('Network connection lost.'),
    ])
    const p = resendProvider(resendConfig, fetchFn)
    expect(await p.send(email, now)).toEqual({
      kind: 'delivered',
      status: 200,
      providerMessageId: 're_123',
    })
    expect((await p.send(email, now)).kind).toBe('retry')
    expect((await p.send(email, now)).kind).toBe('failed')
    expect((await p.send(email, now)).kind).toBe('unknown')
  })
})

const sms: Outgoing = {
  id: 'ms_sms',
  purpose: 'commercial',
  recipient: '+905321234567',
  payload: JSON.stringify({ locale: 'tr', text: 'Kampanya başladı. Ret: RET yaz 3xxx' }),
  outcomeUnknown: false,
}
const verimorConfig = {
  apiUrl: 'https://sms.verimor.test',
  username: 'leadline',
  password: 'secret',
  header: 'MAGAZA',
  iysRecipientType: 'BIREYSEL' as const,
}

describe('Verimor', () => {
  it('sends with custom_id, the İYS fields of a commercial SMS and a dest without +', () => {
    expect(verimorSendBody(verimorConfig, sms)).toEqual({
      username: 'leadline',
      password: 'secret',
      source_addr: 'MAGAZA',
      custom_id: 'ms_sms',
      datacoding: '1',
      valid_for: '24:00',
      is_commercial: true,
      iys_recipient_type: 'BIREYSEL',
      messages: [{ msg: 'Kampanya başladı. Ret: RET yaz 3xxx', dest: '905321234567' }],
    })
    const tx = verimorSendBody(verimorConfig, { ...sms, purpose: 'transactional' })
    expect(tx.is_commercial).toBe(false)
    expect('iys_recipient_type' in tx).toBe(false)
  })

  it('picks GSM 7-bit, the Turkish shift table, or UCS-2 by the text', () => {
    expect(datacodingFor('Randevunuz yarin 10:00')).toBe('0')
    expect(datacodingFor('Randevunuz yarın 10:00, İstanbul şubesi')).toBe('1')
    expect(datacodingFor('Merhaba 👋')).toBe('2')
  })

  it('asks by custom_id before sending again after a lost answer', async () => {
    const { calls, fetchFn } = stubFetch([
      Response.json([{ campaign_id: 777, campaign_custom_id: 'ms_sms', status: 'DELIVERED' }]),
    ])
    const r = await verimorProvider(verimorConfig, fetchFn).send(
      { ...sms, outcomeUnknown: true },
      now,
    )
    expect(r).toEqual({ kind: 'delivered', status: 200, providerMessageId: '777' })
    expect(calls).toHaveLength(1)
    expect(calls[0]!.url).toBe(
      'https://sms.verimor.test/v2/status?username=leadline&password=secret&custom_id=ms_sms',
    )
  })

  it('sends when the status query knows nothing, and keeps the campaign id', async () => {
    const { calls, fetchFn } = stubFetch([Response.json([]), new Response('12345')])
    const r = await verimorProvider(verimorConfig, fetchFn).send(
      { ...sms, outcomeUnknown: true },
      now,
    )
    expect(r).toEqual({ kind: 'delivered', status: 200, providerMessageId: '12345' })
    expect(calls.map((c) => c.url)).toEqual([
      expect.stringContaining('/v2/status?'),
      'https://sms.verimor.test/v2/send.json',
    ])
  })

  it('fails on a 400 with its text and does not send when the status query fails', async () => {
    const { fetchFn } = stubFetch([new Response('INVALID_SOURCE_ADDRESS', { status: 400 })])
    expect(await verimorProvider(verimorConfig, fetchFn).send(sms, now)).toEqual({
      kind: 'failed',
      status: 400,
      error: 'HTTP 400: INVALID_SOURCE_ADDRESS',
    })
    const second = stubFetch([new Response('busy', { status: 502 })])
    const r = await verimorProvider(verimorConfig, second.fetchFn).send(
      { ...sms, outcomeUnknown: true },
      now,
    )
    expect(r.kind).toBe('retry')
    expect(second.calls).toHaveLength(1)
  })
})

describe('webhook deliveries', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
  const hook: Outgoing = {
    id: 'ms_hook',
    purpose: 'system',
    recipient: 'https://hooks.example.com/x',
    payload: '{"id":"ev_1","type":"lead.created","createdAt":"x","siteId":"st_1","data":{}}',
    outcomeUnknown: false,
  }

  it('posts the stored payload with Standard Webhooks headers that verify', async () => {
    const { calls, fetchFn } = stubFetch([new Response(null, { status: 204 })])
    const r = await webhookProvider({ url: 'https://hooks.example.com/x', secret }, fetchFn).send(
      hook,
      now,
    )
    expect(r.kind).toBe('delivered')
    const headers = new Headers(calls[0]!.init.headers)
    expect(headers.get('webhook-id')).toBe('ms_hook')
    expect(headers.get('webhook-timestamp')).toBe(String(now.getTime() / 1000))
    expect(headers.get('User-Agent')).toBe('Leadline-Webhooks/1')
    expect(headers.get('Content-Type')).toBe('application/json')
    expect(calls[0]!.init.body).toBe(hook.payload)
    expect(calls[0]!.init.redirect).toBe('manual')
    const signed = {
      id: headers.get('webhook-id'),
      timestamp: headers.get('webhook-timestamp'),
      signature: headers.get('webhook-signature'),
    }
    expect(await verify(secret, signed, hook.payload, now)).toBe(true)
    expect(await verify(secret, signed, hook.payload.replace('ev_1', 'ev_2'), now)).toBe(false)
  })

  it('reads 410 as gone and a redirect as a failure', async () => {
    const { fetchFn } = stubFetch([
      new Response('bye', { status: 410 }),
      new Response(null, { status: 302, headers: { Location: 'http://10.0.0.1/' } }),
    ])
    const p = webhookProvider({ url: 'https://hooks.example.com/x', secret }, fetchFn)
    expect(await p.send(hook, now)).toEqual({ kind: 'gone', status: 410, error: 'HTTP 410: bye' })
    expect((await p.send(hook, now)).kind).toBe('failed')
  })
})
