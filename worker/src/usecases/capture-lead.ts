/**
 * Capture a lead: a visitor sends the form (or their contact details with a quiz or a booking).
 * The contact is found or created with its consents, and the lead starts at `lead` with its
 * history, `lead.created` event and timeline row, in one batch.
 */
import type { LeadCreate, LeadCreated } from '../../../contract'
import { captureStatements } from '../db/capture'
import type { NoticeContact } from '../db/contacts'
import type { SiteRow } from '../db/sites'
import { planCapture, type CapturePlan, type CaptureSource } from '../leads/capture'
import { DomainError } from '../lib/errors'
import { newId } from '../lib/ids'
import { readSettings } from '../sites/settings'
import { runBatch, type IdempotencyKey, type Deps } from './batch'

/** A lead a submission makes: its plan, its statements, and its contact for the messages. */
export interface NewLead {
  plan: CapturePlan
  statements: ReturnType<typeof captureStatements>
  /** Who the lead's messages go to: it is not in D1 until the batch runs. */
  contact: NoticeContact
}

/**
 * Plans the lead a submission makes in the store, or throws 422 with the fields the store's
 * settings reject (their paths under `under`, e.g. `contact` for a quiz's or a booking's).
 */
export function newLead(
  { db, now }: Deps,
  site: SiteRow,
  input: LeadCreate,
  source: CaptureSource,
  under?: string,
): NewLead {
  const result = planCapture(input, {
    settings: readSettings(site.settings),
    consentVersions: site.consent_versions,
    locale: site.locale,
    source,
    region: site.default_region,
    now,
    newId,
  })
  if (!result.ok) {
    const issues = under
      ? result.issues.map((i) => ({ ...i, path: `${under}.${i.path}` }))
      : result.issues
    throw new DomainError('validation_failed', 'Some fields are not valid.', issues)
  }
  const { plan } = result
  return {
    plan,
    statements: captureStatements(db, site.id, site.currency, plan),
    contact: {
      ...plan.contact,
      locale: plan.lead.locale,
      smsConsent: plan.consents.some((cs) => cs.channel === 'sms' && cs.granted),
    },
  }
}

/**
 * Captures a lead from the form; the answer is stored under the request's `Idempotency-Key` in
 * the same batch. Throws 422 with the fields the store's settings reject.
 */
export async function captureLead(
  deps: Deps,
  site: SiteRow,
  input: LeadCreate,
  key?: IdempotencyKey,
): Promise<LeadCreated> {
  const { plan, statements } = newLead(deps, site, input, 'form')
  const body: LeadCreated = { leadId: plan.lead.id, stage: 'lead', channels: plan.channels }
  await runBatch(deps.db, {
    answer: key ? { key, status: 201, body, at: deps.now.toISOString() } : null,
    first: statements.contact,
    change: statements.lead,
  })
  return body
}
