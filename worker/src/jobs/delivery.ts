/**
 * The outbox dispatcher: claims due messages, checks at send time whether each may still go
 * (consent, enrollment, endpoint), sends it through its provider with bounded concurrency, and
 * records the outcome, the attempt and the timeline row in one batch guarded by the claim.
 * The scheduled handler calls `deliverDue` every minute; the pure rules it applies (consent at
 * send time, backoff, outcomes) and the providers are in worker/src/delivery.
 */
import type { DeliverySettings } from '../../../contract'
import {
  claimDue,
  contactActivityStatement,
  finishStatements,
  GONE_LIMIT,
  ownersOf,
  sendFactsOf,
  unlessAuditedStatement,
  webhookAliveStatement,
  webhookGoneStatements,
  type OutboxRow,
  type WebhookTarget,
} from '../db/delivery'
import { eventStatements } from '../db/events'
import { activityStatement } from '../db/leads'
import { getDeliverySettings } from '../db/delivery-settings'
import { enqueueStatement, newMessageId } from '../db/outbox'
import { allowsLocalWebhookUrls, publicUrl, secretOf, type Env } from '../env'
import { newId } from '../lib/ids'
import { skipReason } from '../delivery/consent'
import { webhookDisabledEmail } from '../delivery/notices'
import { refused, settle, skipped, type Settlement } from '../delivery/outcome'
import { resendProvider } from '../delivery/resend'
import type { Provider } from '../delivery/types'
import { webhookUrlProblem } from '../delivery/url-guard'
import { verimorProvider } from '../delivery/verimor'
import { webhookProvider } from '../delivery/webhook'

export const DEFAULT_LIMIT = 50
export const DEFAULT_CONCURRENCY = 8
/** A claim lasts this long; a run that dies leaves its messages to be claimed again after it. */
export const LEASE_MS = 5 * 60_000

export interface DeliveryTally {
  claimed: number
  delivered: number
  retried: number
  failed: number
  cancelled: number
}

export interface DeliverOptions {
  limit?: number
  concurrency?: number
  /** Jitter source for the backoff; `Math.random` by default. */
  random?: () => number
  /** Only these messages (a test delivery sent right away). */
  ids?: string[]
}

interface Run {
  env: Env
  now: Date
  at: string
  random: () => number
  settingsOf(siteId: string): Promise<DeliverySettings>
}

/** The provider of a person-facing channel, or why there is none. */
export function providerFor(
  env: Env,
  settings: DeliverySettings,
  channel: 'email' | 'sms',
): Provider | string {
  if (channel === 'email') {
    const email = settings.email
    if (!email) return 'no_provider'
    const apiKey = secretOf(env, email.apiKeySecret)
    if (!apiKey) return `provider_secret_missing: ${email.apiKeySecret}`
    return resendProvider({
      apiUrl: env.RESEND_API_URL ?? 'https://api.resend.com',
      apiKey,
      from: email.from,
      replyTo: email.replyTo,
      publicUrl: publicUrl(env),
    })
  }
  const sms = settings.sms
  if (!sms) return 'no_provider'
  const username = secretOf(env, sms.usernameSecret)
  const password = secretOf(env, sms.passwordSecret)
  if (!username || !password) {
    return `provider_secret_missing: ${username ? sms.passwordSecret : sms.usernameSecret}`
  }
  return verimorProvider({
    apiUrl: env.VERIMOR_API_URL ?? 'https://sms.verimor.com.tr',
    username,
    password,
    header: sms.header,
    iysRecipientType: sms.iysRecipientType,
  })
}

/** The timeline row of a settled e-mail or SMS; none while it is still being retried. */
function activityFor(m: OutboxRow, s: Settlement) {
  const common = { messageId: m.id, channel: m.channel, purpose: m.purpose }
  if (s.status === 'delivered') {
    const subject =
      m.channel === 'email' ? (JSON.parse(m.payload) as { subject?: string }).subject : undefined
    return { type: 'message_sent', body: { ...common, ...(subject ? { subject } : {}) } }
  }
  if (s.status === 'failed') {
    return { type: 'message_failed', body: { ...common, error: s.error, attempts: m.attempts } }
  }
  if (s.status === 'cancelled')
    return { type: 'message_skipped', body: { ...common, reason: s.error } }
  return null
}

/** What a person-facing message adds to its batch: the failure event and the timeline row. */
function personStatements(db: D1Database, m: OutboxRow, s: Settlement, at: string) {
  const out: D1PreparedStatement[] = []
  const event =
    s.status === 'failed'
      ? eventStatements(
          db,
          {
            siteId: m.site_id,
            type: 'message.failed',
            leadId: m.lead_id,
            contactId: m.contact_id,
            data: { messageId: m.id, channel: m.channel, purpose: m.purpose, error: s.error },
            at,
          },
          { afterChange: true },
        )
      : null
  if (event) out.push(event.record)
  const activity = activityFor(m, s)
  if (activity && m.lead_id) {
    out.push(activityStatement(db, m.site_id, m.lead_id, activity, 'system', null, at, true))
  } else if (activity && m.contact_id) {
    out.push(contactActivityStatement(db, m.site_id, m.contact_id, newId('ac'), activity, at))
  }
  if (event) out.push(...event.effects)
  return out
}

/**
 * A 410: count it; the batch that reaches the limit disables the endpoint and tells the owners.
 * Which batch that is shows only inside it (runs deliver concurrently), so every 410 of an active
 * endpoint queues the notices and takes them back unless its own audit row was written.
 */
async function goneStatements(
  db: D1Database,
  m: OutboxRow,
  webhook: WebhookTarget,
  attemptId: string,
  at: string,
) {
  const webhookId = m.webhook_id!
  const auditId = newId('au')
  const out = webhookGoneStatements(db, m.site_id, webhookId, attemptId, auditId, at)
  if (webhook.status !== 'active') return out
  const owners = await ownersOf(db, m.site_id)
  const ids = owners.map(() => newMessageId())
  owners.forEach((owner, i) => {
    out.push(
      enqueueStatement(db, {
        id: ids[i],
        channel: 'email',
        siteId: m.site_id,
        purpose: 'system',
        dedupeKey: `webhook-disabled:${webhookId}:${auditId}:${owner.id}`,
        recipient: owner.email,
        userId: owner.id,
        payload: webhookDisabledEmail(owner.locale, webhook.url, GONE_LIMIT),
        sendAt: at,
        at,
      }),
    )
  })
  if (ids.length) out.push(unlessAuditedStatement(db, m.site_id, ids, auditId))
  return out
}

/** Writes a settled attempt; the status it left the message in, or null if the claim was lost. */
async function finish(
  run: Run,
  m: OutboxRow,
  s: Settlement,
  durationMs: number,
  webhook: WebhookTarget | null,
): Promise<Settlement['status'] | null> {
  const db = run.env.DB
  const attemptId = newId('da')
  const statements = finishStatements(db, m, s, attemptId, durationMs, run.at)
  if (m.channel !== 'webhook') statements.push(...personStatements(db, m, s, run.at))
  else if (m.webhook_id && s.status === 'delivered') {
    statements.push(webhookAliveStatement(db, m.site_id, m.webhook_id, attemptId))
  } else if (m.webhook_id && s.gone && webhook) {
    statements.push(...(await goneStatements(db, m, webhook, attemptId, run.at)))
  }
  const [update] = await db.batch(statements)
  return update?.meta.changes === 1 ? s.status : null
}

/** Decides, sends and records one claimed message. */
async function deliverOne(run: Run, m: OutboxRow) {
  const { env, now } = run
  const facts = await sendFactsOf(env.DB, m)
  const wasUnknown = m.outcome_unknown === 1
  let provider: Provider
  if (m.channel === 'webhook') {
    const w = facts.webhook
    if (!w) return finish(run, m, skipped('webhook_deleted', wasUnknown), 0, null)
    // Test pings (no event) still go to a disabled endpoint: that is how an owner checks it.
    if (w.status === 'disabled' && m.event_id !== null) {
      return finish(run, m, skipped('webhook_disabled', wasUnknown), 0, w)
    }
    const problem = webhookUrlProblem(w.url, { allowLocal: allowsLocalWebhookUrls(env) })
    if (problem) return finish(run, m, refused(`url_refused: ${problem}`, wasUnknown), 0, w)
    provider = webhookProvider({ url: w.url, secret: w.secret })
  } else {
    const reason = skipReason({
      channel: m.channel,
      purpose: m.purpose,
      enrollmentId: m.enrollment_id,
      enrollmentStatus: facts.enrollmentStatus,
      latestConsent: facts.latestConsent,
    })
    if (reason) return finish(run, m, skipped(reason, wasUnknown), 0, null)
    const made = providerFor(env, await run.settingsOf(m.site_id), m.channel)
    if (typeof made === 'string') return finish(run, m, refused(made, wasUnknown), 0, null)
    provider = made
  }
  const started = Date.now()
  const result = await provider.send(
    {
      id: m.id,
      purpose: m.purpose,
      recipient: m.recipient,
      payload: m.payload,
      outcomeUnknown: wasUnknown,
    },
    now,
  )
  const s = settle(result, m.attempts, now, run.random, wasUnknown)
  return finish(run, m, s, Date.now() - started, facts.webhook)
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
}

/**
 * Delivers the messages due at `now`: at most `limit` per call, `concurrency` at a time.
 * A message whose recording fails stays claimed until its lease expires, then goes again.
 *
 * @example
 * // in the scheduled handler
 * ctx.waitUntil(deliverDue(env, new Date(controller.scheduledTime)))
 */
export async function deliverDue(
  env: Env,
  now: Date,
  opts: DeliverOptions = {},
): Promise<DeliveryTally> {
  const at = now.toISOString()
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString()
  const claimed = await claimDue(
    env.DB,
    at,
    leaseUntil,
    opts.limit ?? DEFAULT_LIMIT,
    opts.ids ?? null,
  )
  const tally: DeliveryTally = {
    claimed: claimed.length,
    delivered: 0,
    retried: 0,
    failed: 0,
    cancelled: 0,
  }
  const settings = new Map<string, Promise<DeliverySettings>>()
  const run: Run = {
    env,
    now,
    at,
    random: opts.random ?? Math.random,
    settingsOf(siteId) {
      let s = settings.get(siteId)
      if (!s) settings.set(siteId, (s = getDeliverySettings(env.DB, siteId)))
      return s
    },
  }
  const key = {
    delivered: 'delivered',
    pending: 'retried',
    failed: 'failed',
    cancelled: 'cancelled',
  } as const
  await eachLimited(claimed, opts.concurrency ?? DEFAULT_CONCURRENCY, async (m) => {
    try {
      const status = await deliverOne(run, m)
      if (status) tally[key[status]]++
    } catch (err) {
      console.error(`delivering ${m.id} failed; it goes again when its lease ends:`, err)
    }
  })
  return tally
}
