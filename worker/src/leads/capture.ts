/**
 * Turning a validated form submission into what is stored: the normalised contact, the consent
 * given per channel, the new lead at stage `lead`, and the spam verdict. Pure: ids and time are
 * passed in.
 */
import {
  CHANNELS,
  HONEYPOT_FIELD,
  type Channel,
  type ConsentSource,
  type LeadCreate,
  type Locale,
  type SiteSettings,
} from '../../../contract'
import { normalizeEmail, normalizePhone } from '../contacts/normalize'
import { applyAutomatic, type MovePlan } from '../pipeline'
import { consentWordings, type ConsentWording } from '../sites/consent-texts'

export interface CapturePlan {
  contact: {
    newId: string
    name: string | null
    email: string | null
    phone: string | null
    company: string | null
    location: string | null
  }
  consents: { id: string; channel: Channel; granted: boolean; textVersion: string }[]
  /**
   * The wording the consents were given under: the version the visitor saw, in the language
   * they saw it in, and where. `keep` lists the current wordings to keep first when the store's
   * current version was never kept (a store still on the built-in wording).
   */
  consentText: {
    version: string
    language: Locale
    source: CaptureSource
    keep: ConsentWording[]
  }
  lead: {
    id: string
    message: string | null
    custom: Record<string, string | number | boolean>
    pageUrl: string | null
    referrer: string | null
    utm: Record<string, string>
    locale: string | null
    spam: boolean
    spamReason: string | null
  }
  move: MovePlan
  /** Channels the store may now use for this person. */
  channels: Channel[]
}

export type CaptureResult =
  { ok: true; plan: CapturePlan } | { ok: false; issues: { path: string; message: string }[] }

/** The widgets a capture comes from. */
export type CaptureSource = Extract<ConsentSource, 'form' | 'quiz' | 'booking'>

export interface CaptureContext {
  settings: SiteSettings
  /** The consent versions whose wording the store keeps (`SiteRow.consent_versions`). */
  consentVersions: readonly string[]
  /** The store's locale: the language of a capture that names none. */
  locale: Locale
  source: CaptureSource
  region: string
  now: Date
  newId: (prefix: string) => string
}

/** Why a submission looks automated, or null. Suspected spam is stored flagged, never dropped. */
export function spamReason(input: LeadCreate, minFillMs: number): string | null {
  if ((input[HONEYPOT_FIELD] ?? '') !== '') return 'honeypot'
  if (input.elapsedMs !== undefined && input.elapsedMs < minFillMs) return 'too_fast'
  return null
}

/** Plans the rows a capture writes, or lists the fields the store's settings reject. */
export function planCapture(input: LeadCreate, ctx: CaptureContext): CaptureResult {
  const { settings } = ctx
  const issues: { path: string; message: string }[] = []
  const phone = normalizePhone(input.fields.phone, ctx.region)
  if (!phone.ok) issues.push({ path: 'fields.phone', message: 'enter a valid phone number' })
  // The record names the wording the visitor saw: the current one, or an earlier one still on
  // a page loaded before the store changed it. A version the store never had is refused.
  const current = input.consent.version === settings.consent.version
  if (!current && !ctx.consentVersions.includes(input.consent.version)) {
    issues.push({
      path: 'consent.version',
      message: 'the consent text has changed; reload the form',
    })
  }
  for (const f of settings.fields) {
    if (!f.required) continue
    const value =
      f.kind === 'standard'
        ? input.fields[f.name as keyof LeadCreate['fields']]
        : input.custom?.[f.name]
    if (value === undefined || value === '' || value === false) {
      issues.push({
        path: f.kind === 'standard' ? `fields.${f.name}` : `custom.${f.name}`,
        message: 'required',
      })
    }
  }
  const known = new Set(settings.fields.filter((f) => f.kind === 'custom').map((f) => f.name))
  for (const name of Object.keys(input.custom ?? {})) {
    if (!known.has(name)) issues.push({ path: `custom.${name}`, message: 'unknown field' })
  }
  if (issues.length > 0 || !phone.ok) return { ok: false, issues }

  const move = applyAutomatic(null, 'captured', ctx.now)
  if (!move.ok) throw new Error('capture must always be allowed')
  const offered = new Set(settings.consent.channels)
  const consents = CHANNELS.filter((ch) => offered.has(ch)).map((channel) => ({
    id: ctx.newId('cs'),
    channel,
    granted: input.consent.channels[channel] === true,
    textVersion: input.consent.version,
  }))
  const utm = Object.fromEntries(
    Object.entries(input.context?.utm ?? {}).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  )
  const reason = spamReason(input, settings.minFillMs)
  return {
    ok: true,
    plan: {
      contact: {
        newId: ctx.newId('ct'),
        name: input.fields.name ?? null,
        email: normalizeEmail(input.fields.email),
        phone: phone.value,
        company: input.fields.company ?? null,
        location: input.fields.location ?? null,
      },
      consents,
      consentText: {
        version: input.consent.version,
        language: input.context?.locale ?? ctx.locale,
        source: ctx.source,
        keep:
          current && !ctx.consentVersions.includes(settings.consent.version)
            ? consentWordings(settings.consent)
            : [],
      },
      lead: {
        id: ctx.newId('ld'),
        message: input.fields.message ?? null,
        custom: input.custom ?? {},
        pageUrl: input.context?.pageUrl ?? null,
        referrer: input.context?.referrer || null,
        utm,
        locale: input.context?.locale ?? null,
        spam: reason !== null,
        spamReason: reason,
      },
      move: move.plan,
      channels: consents.filter((c) => c.granted).map((c) => c.channel),
    },
  }
}
