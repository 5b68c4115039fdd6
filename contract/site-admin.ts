/**
 * The store's own settings in the admin API: `GET`/`PUT /admin/api/site`. The profile, the
 * origins allowed to embed the widgets and the settings JSON (form fields, consent, theme), saved
 * together and guarded by the store's version. The rules here are pure, so the console checks
 * a draft with the very schema the worker applies.
 */
import * as v from 'valibot'
import { LocaleSchema } from './common'
import { SingleLineSchema } from './text'
import {
  ConsentConfigSchema,
  FieldDefSchema,
  STANDARD_FIELDS,
  SiteSettingsSchema,
  ThemeSchema,
  type ConsentConfig,
  type SiteSettings,
} from './site-config'
import { IsoDateTimeSchema } from './dates'

export const SITE_NAME_MAX = 100
/** Allowed origins per store: each is checked on every public request. */
export const ORIGINS_MAX = 20
/** Custom fields a capture may carry (`CustomFieldsSchema`). */
export const CUSTOM_FIELDS_MAX = 30

const LOOPBACK = new Set(['localhost', '127.0.0.1'])
const ORIGIN = /^(https?):\/\/([^/?#:@\s]+)(?::(\d{1,5}))?\/?$/i
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
const DEFAULT_PORT: Record<string, string> = { https: '443', http: '80' }

/**
 * The origin a browser sends (`Origin`) for what a person typed: scheme, host and port in
 * lower case without a default port or a trailing slash; `null` when it is not an origin the
 * widgets may run on (https, or http on localhost and 127.0.0.1 while developing). A path, a
 * query or credentials are refused rather than dropped: the person may have pasted the wrong
 * thing. Hosts are ASCII (an internationalised name in its `xn--` form, as browsers send it).
 * https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin
 *
 * @example normalizeOrigin('HTTPS://Shop.Example:443/') // 'https://shop.example'
 */
export function normalizeOrigin(input: string): string | null {
  const match = ORIGIN.exec(input.trim())
  if (!match) return null
  const scheme = match[1]!.toLowerCase()
  const host = match[2]!.toLowerCase()
  const port = match[3]
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null
  if (scheme === 'http' ? !LOOPBACK.has(host) : !host.split('.').every((l) => LABEL.test(l))) {
    return null
  }
  const keepPort = port !== undefined && String(Number(port)) !== DEFAULT_PORT[scheme]
  return `${scheme}://${host}${keepPort ? `:${Number(port)}` : ''}`
}

export const OriginSchema = v.pipe(
  SingleLineSchema,
  v.maxLength(200),
  v.check(
    (s) => normalizeOrigin(s) !== null,
    'an origin is https://host[:port] (http only for localhost), without a path',
  ),
  v.transform((s) => normalizeOrigin(s)!),
)

/**
 * Whether the zone is an IANA name `Intl` knows (`Europe/Istanbul`, `UTC`). Offsets (`+03:00`)
 * and abbreviations (`EST`) are refused: they have no daylight-saving rules.
 */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone.includes('/') || zone === 'UTC'
  } catch {
    return false
  }
}

export const isCurrency = (code: string) =>
  /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code)

/** A path to one spot of the checked value, for an issue that names it. */
const pathTo = (...keys: (string | number)[]) =>
  keys.map((key) => ({
    type: 'unknown' as const,
    origin: 'value' as const,
    input: undefined,
    key,
    value: undefined,
  })) as [v.IssuePathItem, ...v.IssuePathItem[]]

const blank = (s: string) => s.trim() === ''

/** What the form and consent settings must satisfy beyond their shape, with where. */
export function settingsIssues(
  settings: SiteSettings,
): { keys: (string | number)[]; message: string }[] {
  const issues: { keys: (string | number)[]; message: string }[] = []
  const seen = new Set<string>()
  const standard = new Set<string>(STANDARD_FIELDS)
  settings.fields.forEach((f, i) => {
    const at = (...keys: (string | number)[]) => ['fields', i, ...keys]
    if (seen.has(f.name)) issues.push({ keys: at('name'), message: 'each field name once' })
    seen.add(f.name)
    if (f.kind === 'standard' && !standard.has(f.name)) {
      issues.push({
        keys: at('name'),
        message: `a standard field is one of ${STANDARD_FIELDS.join(', ')}`,
      })
    }
    if (f.kind === 'custom' && standard.has(f.name)) {
      issues.push({ keys: at('name'), message: 'this name is a standard field' })
    }
    for (const lang of ['tr', 'en'] as const) {
      if (blank(f.label[lang])) issues.push({ keys: at('label', lang), message: 'enter a label' })
    }
    if (f.type === 'select' && !f.options?.length) {
      issues.push({ keys: at('options'), message: 'a list needs at least one option' })
    }
    f.options?.forEach((o, j) => {
      if (blank(o.value)) issues.push({ keys: at('options', j, 'value'), message: 'enter a value' })
      for (const lang of ['tr', 'en'] as const) {
        if (blank(o.label[lang])) {
          issues.push({ keys: at('options', j, 'label', lang), message: 'enter a label' })
        }
      }
    })
  })
  if (settings.fields.filter((f) => f.kind === 'custom').length > CUSTOM_FIELDS_MAX) {
    issues.push({ keys: ['fields'], message: `at most ${CUSTOM_FIELDS_MAX} custom fields` })
  }
  for (const lang of ['tr', 'en'] as const) {
    if (blank(settings.consent.text[lang])) {
      issues.push({ keys: ['consent', 'text', lang], message: 'enter the consent text' })
    }
    if (settings.consent.notice && blank(settings.consent.notice[lang])) {
      issues.push({ keys: ['consent', 'notice', lang], message: 'enter the information notice' })
    }
  }
  const channels = settings.consent.channels
  if (channels.length === 0 || new Set(channels).size !== channels.length) {
    issues.push({
      keys: ['consent', 'channels'],
      message: 'choose each channel at most once, at least one',
    })
  }
  return issues
}

/** The settings JSON as an owner saves it: the shape of `SiteSettingsSchema` and its rules. */
export const SiteSettingsInputSchema = v.pipe(
  v.strictObject({
    fields: v.pipe(v.array(FieldDefSchema), v.maxLength(40)),
    consent: ConsentConfigSchema,
    theme: ThemeSchema,
    minFillMs: SiteSettingsSchema.entries.minFillMs,
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    for (const issue of settingsIssues(dataset.value)) {
      addIssue({ message: issue.message, path: pathTo(...issue.keys) })
    }
  }),
)

export const SiteProfileEntries = {
  name: v.pipe(
    SingleLineSchema,
    v.trim(),
    v.minLength(1, 'enter a name'),
    v.maxLength(SITE_NAME_MAX),
  ),
  locale: LocaleSchema,
  /** ISO 4217, what amounts default to. */
  currency: v.pipe(SingleLineSchema, v.check(isCurrency, 'an ISO 4217 currency code such as TRY')),
  /** IANA time zone the store works in (bookings, reports). */
  timeZone: v.pipe(
    SingleLineSchema,
    v.maxLength(64),
    v.check(isTimeZone, 'an IANA time zone such as Europe/Istanbul'),
  ),
  /** ISO 3166-1 country whose numbering a phone typed without a country code follows. */
  defaultRegion: v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'a two-letter country code such as TR')),
}

/** `PUT /admin/api/site`: everything at once, guarded by the version the editor read. */
export const SiteUpdateSchema = v.strictObject({
  ...SiteProfileEntries,
  origins: v.pipe(
    v.array(OriginSchema),
    v.maxLength(ORIGINS_MAX, `at most ${ORIGINS_MAX} origins`),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return
      dataset.value.forEach((origin, i) => {
        if (dataset.value.indexOf(origin) !== i) {
          addIssue({ message: 'this origin is already in the list', path: pathTo(i) })
        }
      })
    }),
  ),
  settings: SiteSettingsInputSchema,
  expectedVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
})
export type SiteUpdate = v.InferOutput<typeof SiteUpdateSchema>
export type SiteUpdateInput = v.InferInput<typeof SiteUpdateSchema>

/** `GET /admin/api/site`: the store as its owner edits it. */
export const SiteAdminSchema = v.object({
  /** The public key for the script tag (`data-site`). */
  siteKey: v.string(),
  name: v.string(),
  locale: LocaleSchema,
  currency: v.string(),
  timeZone: v.string(),
  defaultRegion: v.string(),
  /** Sorted. */
  origins: v.array(v.string()),
  settings: SiteSettingsSchema,
  /** Goes up by one with every saved change; send it back as `expectedVersion`. */
  version: v.number(),
  updatedAt: IsoDateTimeSchema,
})
export type SiteAdmin = v.InferOutput<typeof SiteAdminSchema>

/** The 409 answer when `expectedVersion` is stale: the store as it is now. */
export const SiteConflictSchema = v.object({
  error: v.object({ code: v.literal('conflict'), message: v.string() }),
  current: SiteAdminSchema,
})

/**
 * Consent records point at the wording shown under its version, and a wording is kept for ever:
 * the issue when `next` changes the words of `saved` (the opt-in, the information notice or its
 * address) but keeps its version.
 */
export function consentVersionIssue(saved: ConsentConfig, next: ConsentConfig) {
  const words = (c: ConsentConfig) =>
    JSON.stringify([c.text.tr, c.text.en, c.notice?.tr, c.notice?.en, c.noticeUrl])
  return words(saved) !== words(next) && saved.version === next.version
    ? {
        path: 'settings.consent.version',
        message:
          'the consent wording changed: give it a new version (each consent keeps the wording it was given under)',
      }
    : null
}
