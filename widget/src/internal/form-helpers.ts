/**
 * Form logic without DOM: the request body and server 422 issues mapped back to fields. Client
 * validation lives in validation.ts, a chunk of its own (it carries valibot).
 */
import type { Channel, FieldDef, LeadCreateInput, Locale, SiteConfig } from '../../../contract'

export type FieldValue = string | boolean
export type Values = Record<string, FieldValue>

/** Why a field is invalid; the form turns it into a translated message. */
export type FieldError =
  | {
      kind:
        'required' | 'invalid' | 'invalidEmail' | 'invalidPhone' | 'invalidNumber' | 'emailOrPhone'
    }
  | { kind: 'tooLong'; max: number }

/** The standard fields' values, the shape `LeadFieldsSchema` checks. */
export function standardFields(config: SiteConfig, values: Values): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const f of config.fields) {
    const value = values[f.name]
    if (f.kind === 'standard' && typeof value === 'string') fields[f.name] = value
  }
  return fields
}

/** A contract or server issue message for a field, as an error kind the form can translate. */
export function fieldIssue(name: string, message: string): FieldError {
  if (message === 'required') return { kind: 'required' }
  if (name === 'email') return { kind: 'invalidEmail' }
  if (name === 'phone') return { kind: 'invalidPhone' }
  return { kind: 'invalid' }
}

/**
 * Maps a 422 answer's issues (`fields.email`, `custom.size`) to field errors; issues that name no
 * field on this form are returned apart, for a form-level message.
 */
export function mapServerIssues(
  config: SiteConfig,
  issues: { path?: string; message: string }[],
): { errors: Map<string, FieldError>; other: { path?: string; message: string }[] } {
  const names = new Set(config.fields.map((f) => f.name))
  const errors = new Map<string, FieldError>()
  const other: { path?: string; message: string }[] = []
  for (const issue of issues) {
    const [group, name] = issue.path?.split('.') ?? []
    if ((group === 'fields' || group === 'custom') && name && names.has(name)) {
      if (!errors.has(name)) errors.set(name, fieldIssue(name, issue.message))
    } else other.push(issue)
  }
  return { errors, other }
}

/** UTM parameters from the page URL, only those present. */
export function utmFrom(url: URL): NonNullable<NonNullable<LeadCreateInput['context']>['utm']> {
  const utm: Record<string, string> = {}
  for (const key of ['source', 'medium', 'campaign', 'term', 'content']) {
    const value = url.searchParams.get('utm_' + key)?.slice(0, 200)
    if (value) utm[key] = value
  }
  return utm
}

/** The `POST /v1/leads` body, shaped by `LeadCreateSchema`. */
export function buildBody(input: {
  siteKey: string
  config: SiteConfig
  values: Values
  channels: Partial<Record<Channel, boolean>>
  locale: Locale
  elapsedMs: number
  honeypot: string
  page: URL
  referrer: string
}): LeadCreateInput {
  const { config, values } = input
  const custom: Record<string, string | number | boolean> = {}
  for (const f of config.fields) {
    const value = values[f.name]
    if (f.kind !== 'custom' || value === undefined) continue
    if (f.type === 'checkbox') custom[f.name] = value === true
    else if (typeof value === 'string' && value.trim() !== '') {
      custom[f.name] = f.type === 'number' ? Number(value) : value.trim()
    }
  }
  const channels: Record<Channel, boolean> = { email: false, sms: false, phone: false }
  for (const c of config.consent.channels) channels[c] = input.channels[c] === true
  const utm = utmFrom(input.page)
  const body: LeadCreateInput = {
    siteKey: input.siteKey,
    fields: standardFields(config, values),
    consent: { version: config.consent.version, channels },
    context: {
      pageUrl: input.page.href.slice(0, 2000),
      referrer: input.referrer.slice(0, 2000),
      locale: input.locale,
      ...(Object.keys(utm).length ? { utm } : {}),
    },
    elapsedMs: Math.min(86_400_000, Math.max(0, Math.round(input.elapsedMs))),
  }
  if (Object.keys(custom).length) body.custom = custom
  // Named by the config (the server's HONEYPOT_FIELD) rather than imported from contract/lead,
  // which would pull valibot into the form chunk.
  if (input.honeypot)
    (body as Record<string, unknown>)[config.spam.honeypotField] = input.honeypot.slice(0, 500)
  return body
}

/** Field definitions with a stable input id. */
export const inputId = (f: FieldDef) => 'f-' + f.name
