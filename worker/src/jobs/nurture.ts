/**
 * The nurture runner, called by the scheduled handler: enrolls leads whose quotes stalled,
 * claims the due enrollments, asks the pure engine (worker/src/nurture) what each one does now,
 * and writes all of it — queued messages, tasks, webhook calls, follow-on enrollments, timeline
 * rows and the enrollment's new position — in one D1 batch per enrollment.
 *
 * Concurrency: claiming sets a lease in one UPDATE, so two runners never take the same
 * enrollment while the lease holds. Every statement of an enrollment's batch is guarded by that
 * lease, except queued messages, whose dedupe key (`seq:<enrollment>:<step>`) stops a second copy
 * of the same step; the position update runs last and releases the lease.
 */
import { DAY_MS, type WebhookPayload } from '../../../contract'
import {
  claimDueEnrollments,
  enrollStalledQuotesStatement,
  enrollStatements,
  exitStatements,
  finishStepStatement,
  leasedTimelineStatement,
  recentCommercialSends,
  type EnrollmentRow,
  type LeaseGuard,
} from '../db/enrollments'
import { getDeliverySettings } from '../db/delivery-settings'
import { enqueueStatement, newMessageId } from '../db/outbox'
import { getSequence, getWebhookTargets } from '../db/sequences'
import { getSiteById, type SiteRow } from '../db/sites'
import { taskStatements } from '../db/tasks'
import { getRecipient, getTemplate, type Recipient } from '../db/templates'
import { bookingLink } from '../booking/links'
import { publicUrl, type Env } from '../env'
import { newId } from '../lib/ids'
import { advance, messageValues, renderCommercial, type StepAction } from '../nurture'

/** How long a claimed enrollment stays this runner's; a runner that dies frees it after this. */
export const LEASE_MS = 5 * 60_000

export interface RunCounts {
  enrollments: number
  sends: number
  tasks: number
  webhooks: number
  completed: number
  deferred: number
}

/** Reads of one run, shared by the enrollments of the same store. */
function runCache(db: D1Database) {
  const memo = <T>(load: (siteId: string, id: string) => Promise<T>) => {
    const seen = new Map<string, Promise<T>>()
    return (siteId: string, id = '') => {
      const key = `${siteId}\u0000${id}`
      if (!seen.has(key)) seen.set(key, load(siteId, id))
      return seen.get(key)!
    }
  }
  return {
    sequence: memo((siteId, id) => getSequence(db, siteId, id)),
    site: memo((siteId) => getSiteById(db, siteId)),
    settings: memo((siteId) => getDeliverySettings(db, siteId)),
    template: memo((siteId, id) => getTemplate(db, siteId, id)),
    webhook: memo(async (siteId, id) => (await getWebhookTargets(db, siteId, [id])).get(id)),
  }
}
type RunCache = ReturnType<typeof runCache>

/**
 * Runs every due sequence step once: first enrolls stalled quotes, then up to `limit` due
 * enrollments (50 by default). Returns what it did; an enrollment whose batch lost its lease to
 * another runner counts for nothing.
 */
export async function runNurture(
  env: Env,
  now: Date,
  opts: { limit?: number } = {},
): Promise<RunCounts> {
  const db = env.DB
  const at = now.toISOString()
  await enrollStalledQuotesStatement(db, at).run()
  const lease = new Date(now.getTime() + LEASE_MS).toISOString()
  const claimed = await claimDueEnrollments(db, at, lease, opts.limit ?? 50)
  const counts: RunCounts = {
    enrollments: 0,
    sends: 0,
    tasks: 0,
    webhooks: 0,
    completed: 0,
    deferred: 0,
  }
  const cache = runCache(db)
  for (const e of claimed) {
    try {
      const done = await runEnrollment(env, cache, e, { enrollmentId: e.id, lease }, now)
      if (!done) continue
      counts.enrollments++
      for (const k of ['sends', 'tasks', 'webhooks', 'completed', 'deferred'] as const)
        counts[k] += done[k]
    } catch (err) {
      // One broken enrollment must not stop the others; its lease runs out and it is retried.
      console.error(`sequence runner: enrollment ${e.id} failed:`, err)
    }
  }
  return counts
}

type Done = Omit<RunCounts, 'enrollments'>

async function runEnrollment(
  env: Env,
  cache: RunCache,
  e: EnrollmentRow,
  guard: LeaseGuard,
  now: Date,
): Promise<Done | null> {
  const db = env.DB
  const at = now.toISOString()
  const [sequence, recipient, site, settings] = await Promise.all([
    cache.sequence(e.site_id, e.sequence_id),
    getRecipient(db, e.site_id, e.lead_id),
    cache.site(e.site_id),
    cache.settings(e.site_id),
  ])
  const none: Done = { sends: 0, tasks: 0, webhooks: 0, completed: 0, deferred: 0 }
  const applied = (results: D1Result[]) => results[results.length - 1]?.meta.changes === 1
  if (!sequence || !site) throw new Error('an enrollment of a missing sequence or store')
  if (!recipient || recipient.stage === 'won' || recipient.stage === 'lost') {
    const reason = recipient ? 'closed' : 'removed'
    const [exit] = await db.batch(exitStatements(db, e.site_id, e.id, reason, null, at, guard))
    return exit?.meta.changes === 1 ? none : null
  }
  const since = new Date(now.getTime() - settings.frequencyCap.days * DAY_MS).toISOString()
  const step = advance(sequence.steps, e.step, {
    now,
    zone: recipient.timeZone ?? site.time_zone,
    quietHours: settings.quietHours,
    frequencyCap: settings.frequencyCap,
    recentSends: await recentCommercialSends(db, e.site_id, e.contact_id, since),
  })
  const done: Done = { ...none, completed: step.completed ? 1 : 0, deferred: step.deferred ? 1 : 0 }
  const statements: D1PreparedStatement[] = []
  const ctx: ActionContext = { env, cache, e, guard, at, site, recipient, settings }
  for (const action of step.actions) {
    const performed = await perform(ctx, action)
    statements.push(...performed.statements)
    if (performed.counts) done[performed.counts]++
  }
  statements.push(
    finishStepStatement(db, guard, {
      step: step.nextStep,
      nextRunAt: step.nextRunAt,
      completed: step.completed,
      at,
    }),
  )
  return applied(await db.batch(statements)) ? done : null
}

interface ActionContext {
  env: Env
  cache: RunCache
  e: EnrollmentRow
  guard: LeaseGuard
  at: string
  site: SiteRow
  recipient: Recipient
  settings: Awaited<ReturnType<typeof getDeliverySettings>>
}

/** The statements of one action, and which count it adds to when they apply. */
async function perform(
  ctx: ActionContext,
  action: StepAction,
): Promise<{ statements: D1PreparedStatement[]; counts?: 'sends' | 'tasks' | 'webhooks' }> {
  const { env, e, guard, at, recipient } = ctx
  const db = env.DB
  const dedupeKey = `seq:${e.id}:${action.step}`
  const skipped = (reason: string, extra: Record<string, unknown> = {}) => ({
    statements: [
      leasedTimelineStatement(
        db,
        e.site_id,
        e.lead_id,
        {
          type: 'message_skipped',
          body: { sequenceId: e.sequence_id, step: action.step, reason, ...extra },
        },
        at,
        guard,
      ),
    ],
  })
  switch (action.kind) {
    case 'send': {
      const channel = action.channel
      const template = await ctx.cache.template(e.site_id, action.templateId)
      // Archiving a template a live sequence sends is refused; one gone anyway is skipped.
      if (!template || template.archivedAt !== null || template.channel !== channel)
        return skipped('template_missing', { channel, templateId: action.templateId })
      const address = channel === 'email' ? recipient.email : recipient.phone
      if (!address) return skipped('no_address', { channel })
      // Commercial messages need the contact's standing consent for the channel (İYS, KVKK).
      if (recipient.consent[channel] !== true) return skipped('no_consent', { channel })
      const id = newMessageId()
      const store = ctx.site.name
      const locale = recipient.locale ?? ctx.site.locale
      const origin = publicUrl(env)
      const values = messageValues(
        recipient,
        store,
        bookingLink(origin, ctx.settings.bookingUrl, ctx.site.public_key, e.lead_id),
        `${origin}/u/${id}`,
      )
      const message = renderCommercial(template, locale, values, store)
      const common = {
        id,
        siteId: e.site_id,
        purpose: 'commercial' as const,
        dedupeKey,
        recipient: address,
        contactId: e.contact_id,
        leadId: e.lead_id,
        enrollmentId: e.id,
        sendAt: at,
        at,
      }
      return { statements: [enqueueStatement(db, { ...common, ...message })], counts: 'sends' }
    }
    case 'task':
      return {
        statements: taskStatements(
          db,
          {
            id: newId('tk'),
            siteId: e.site_id,
            leadId: e.lead_id,
            assigneeId: recipient.ownerId,
            title: action.title,
            dueAt: action.dueAt,
            enrollmentId: e.id,
            dedupeKey,
            at,
          },
          guard,
        ),
        counts: 'tasks',
      }
    case 'webhook': {
      const target = await ctx.cache.webhook(e.site_id, action.webhookId)
      if (!target || target.status !== 'active')
        return skipped('webhook_inactive', { webhookId: action.webhookId })
      const payload: WebhookPayload = {
        id: newId('ev'),
        type: 'sequence.step',
        createdAt: at,
        siteId: e.site_id,
        data: { leadId: e.lead_id, sequenceId: e.sequence_id, step: action.step },
      }
      const message = {
        siteId: e.site_id,
        channel: 'webhook' as const,
        purpose: 'system' as const,
        dedupeKey,
        recipient: target.url,
        webhookId: action.webhookId,
        payload,
        contactId: e.contact_id,
        leadId: e.lead_id,
        enrollmentId: e.id,
        sendAt: at,
        at,
      }
      return { statements: [enqueueStatement(db, message)], counts: 'webhooks' }
    }
    case 'enroll':
      // Into an active sequence only; the statement itself checks, under this run's lease.
      return {
        statements: enrollStatements(
          db,
          {
            id: newId('en'),
            siteId: e.site_id,
            sequenceId: action.sequenceId,
            leadId: e.lead_id,
            nextRunAt: at,
            enrolledBy: 'sequence',
            actorId: null,
            at,
          },
          guard,
        ),
      }
  }
}
