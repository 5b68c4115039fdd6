/**
 * SMS through Verimor (https://github.com/verimor/SMS-API). Verimor takes no idempotency key,
 * but keeps our `custom_id` (the outbox id) and answers status queries by it: after a lost
 * answer, the next attempt first asks whether the message was already accepted.
 */
import type { SmsPayload } from './types'
import { callProvider, classifyStatus, readSnippet } from './classify'
import type { Fetch, Outgoing, Provider, SendResult } from './types'

export interface VerimorConfig {
  apiUrl: string
  username: string
  password: string
  /** The approved sender name (`source_addr`). */
  header: string
  iysRecipientType: 'BIREYSEL' | 'TACIR'
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡' +
  'ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const GSM_EXTENSION = '^{}\\[~]|€\f'
const TURKISH = 'çğıöşüÇĞİÖŞÜ'

/**
 * Verimor's `datacoding` for a text: '0' GSM 7-bit, '1' with the Turkish single-shift table
 * (ş, ğ, ı, İ … at 7 bits), '2' UCS-2 for anything else (emoji, other scripts).
 */
export function datacodingFor(text: string): '0' | '1' | '2' {
  const chars = [...text]
  const gsm = (c: string) => GSM_BASIC.includes(c) || GSM_EXTENSION.includes(c)
  if (chars.every(gsm)) return '0'
  if (chars.every((c) => gsm(c) || TURKISH.includes(c))) return '1'
  return '2'
}

/** The number as Verimor wants it: E.164 digits without the '+'. */
export const verimorDest = (e164: string) => e164.replace(/[^\d]/g, '')

/** The send request's JSON body (pure). */
export function verimorSendBody(config: VerimorConfig, m: Outgoing) {
  const p = JSON.parse(m.payload) as SmsPayload
  const commercial = m.purpose === 'commercial'
  return {
    username: config.username,
    password: config.password,
    source_addr: config.header,
    custom_id: m.id,
    datacoding: datacodingFor(p.text),
    valid_for: '24:00',
    is_commercial: commercial,
    ...(commercial ? { iys_recipient_type: config.iysRecipientType } : {}),
    messages: [{ msg: p.text, dest: verimorDest(m.recipient) }],
  }
}

const base = (config: VerimorConfig) => config.apiUrl.replace(/\/+$/, '')

/** Whether Verimor already has the message: delivered, or null to send it. */
async function alreadyAccepted(
  config: VerimorConfig,
  m: Outgoing,
  now: Date,
  fetchFn: Fetch,
): Promise<SendResult | null> {
  const q = new URLSearchParams({
    username: config.username,
    password: config.password,
    custom_id: m.id,
  })
  const answer = await callProvider(fetchFn, `${base(config)}/v2/status?${q}`, { method: 'GET' })
  if ('result' in answer) return answer.result
  const res = answer.response
  const text = await readSnippet(res, 20_000)
  if (!res.ok) return classifyStatus(res.status, res.headers, now, { detail: `status: ${text}` })
  let reports: unknown
  try {
    reports = JSON.parse(text)
  } catch {
    return { kind: 'unknown', status: res.status, error: 'status query: not JSON' }
  }
  if (!Array.isArray(reports) || reports.length === 0) return null
  const first = reports[0] as { campaign_id?: unknown }
  const campaign = first.campaign_id
  return {
    kind: 'delivered',
    status: res.status,
    providerMessageId: campaign === undefined || campaign === null ? null : String(campaign),
  }
}

/** Sends SMS through Verimor; `fetchFn` is for tests. */
export function verimorProvider(
  config: VerimorConfig,
  fetchFn: Fetch = (input, init) => fetch(input, init),
): Provider {
  return {
    async send(m, now) {
      if (m.outcomeUnknown) {
        const known = await alreadyAccepted(config, m, now, fetchFn)
        if (known) return known
      }
      const answer = await callProvider(fetchFn, `${base(config)}/v2/send.json`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(verimorSendBody(config, m)),
      })
      if ('result' in answer) return answer.result
      const res = answer.response
      const text = (await readSnippet(res, 500)).trim()
      if (res.ok) return { kind: 'delivered', status: res.status, providerMessageId: text || null }
      return classifyStatus(res.status, res.headers, now, { detail: text })
    },
  }
}
