/** What the widgets fetch before they render: `GET /v1/sites/:siteKey/config`. */
import * as v from 'valibot'
import { ChannelSchema, LocaleSchema } from './common'
import { MultiLineSchema, SingleLineSchema } from './text'

export const STANDARD_FIELDS = ['name', 'email', 'phone', 'company', 'location', 'message'] as const
export const StandardFieldSchema = v.picklist(STANDARD_FIELDS)
export type StandardField = v.InferOutput<typeof StandardFieldSchema>

/** A text in Turkish and English: labels, questions, consent wording, end screens (may span lines). */
export const LocalizedTextSchema = v.object({
  tr: v.pipe(MultiLineSchema, v.maxLength(2000)),
  en: v.pipe(MultiLineSchema, v.maxLength(2000)),
})
export type LocalizedText = v.InferOutput<typeof LocalizedTextSchema>

/** A field the store shows on `<leadline-form>`: a standard one or a custom one. */
export const FieldDefSchema = v.object({
  name: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]{0,39}$/)),
  kind: v.picklist(['standard', 'custom']),
  type: v.picklist(['text', 'email', 'tel', 'textarea', 'select', 'number', 'checkbox']),
  required: v.boolean(),
  label: LocalizedTextSchema,
  options: v.optional(
    v.array(
      v.object({ value: v.pipe(SingleLineSchema, v.maxLength(100)), label: LocalizedTextSchema }),
    ),
  ),
  maxLength: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5000))),
})
export type FieldDef = v.InferOutput<typeof FieldDefSchema>

/**
 * The address of a store's full information notice (aydınlatma metni): https, or http on
 * localhost and 127.0.0.1 while developing.
 */
export const NoticeUrlSchema = v.pipe(
  SingleLineSchema,
  v.maxLength(2000),
  v.url('a web address such as https://shop.example/aydinlatma-metni'),
  v.check(
    (s) => /^https:\/\//i.test(s) || /^http:\/\/(localhost|127\.0\.0\.1)([:/]|$)/i.test(s),
    'an https:// address',
  ),
)

/**
 * What a visitor is shown before giving contact details, kept apart as KVKK and law 6563 want:
 * the information notice (`notice`, linked to the full text at `noticeUrl`) is shown and
 * linked, never ticked; the commercial electronic message opt-in (`text`) is one unticked
 * box per channel. `version` names both wordings: each capture records the version and the
 * language shown, so a changed wording needs a new version.
 */
export const ConsentConfigSchema = v.object({
  version: v.pipe(SingleLineSchema, v.minLength(1), v.maxLength(40)),
  /** The commercial electronic message opt-in, ticked per channel (ticari elektronik ileti). */
  text: LocalizedTextSchema,
  /** The information notice's summary shown above the form (aydınlatma metni). */
  notice: v.optional(LocalizedTextSchema),
  /** Where the full information notice is. */
  noticeUrl: v.optional(NoticeUrlSchema),
  channels: v.array(ChannelSchema),
})
export type ConsentConfig = v.InferOutput<typeof ConsentConfigSchema>

export const ThemeSchema = v.record(
  v.pipe(v.string(), v.regex(/^--leadline-[a-z0-9-]{1,40}$/)),
  v.pipe(SingleLineSchema, v.maxLength(200), v.regex(/^[^;{}<>]*$/)),
)
export type Theme = v.InferOutput<typeof ThemeSchema>

export const SiteConfigSchema = v.object({
  siteKey: v.string(),
  name: v.string(),
  locale: LocaleSchema,
  currency: v.string(),
  timeZone: v.string(),
  fields: v.array(FieldDefSchema),
  consent: ConsentConfigSchema,
  theme: ThemeSchema,
  spam: v.object({ minFillMs: v.number(), honeypotField: v.string() }),
})
export type SiteConfig = v.InferOutput<typeof SiteConfigSchema>

/** A store's own settings (the `settings` JSON of a site). */
export const SiteSettingsSchema = v.object({
  fields: v.pipe(v.array(FieldDefSchema), v.maxLength(40)),
  consent: ConsentConfigSchema,
  theme: ThemeSchema,
  minFillMs: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60_000)),
})
export type SiteSettings = v.InferOutput<typeof SiteSettingsSchema>
