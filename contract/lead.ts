/** Lead capture from `<leadline-form>`: `POST /v1/leads`. */
import * as v from 'valibot'
import { ChannelSchema, SiteKeySchema, optionalMultilineText, optionalText, text } from './common'
import { MultiLineSchema, SingleLineSchema } from './text'

/** Name of the honeypot input: not a word browsers autofill, hidden from people. */
export const HONEYPOT_FIELD = 'leadline_hp_7q'

export const UtmSchema = v.strictObject({
  source: optionalText(200),
  medium: optionalText(200),
  campaign: optionalText(200),
  term: optionalText(200),
  content: optionalText(200),
})
export type Utm = v.InferOutput<typeof UtmSchema>

export const CustomValueSchema = v.union([
  v.pipe(MultiLineSchema, v.maxLength(2000)),
  v.pipe(v.number(), v.finite()),
  v.boolean(),
])

export const CustomFieldsSchema = v.pipe(
  v.record(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]{0,39}$/)), CustomValueSchema),
  v.check((r) => Object.keys(r).length <= 30, 'at most 30 custom fields'),
)

export const ConsentInputSchema = v.strictObject({
  /** The consent text version the visitor saw. */
  version: text(40),
  /** The channels the visitor ticked; an unticked channel is absent or false. */
  channels: v.strictObject({
    email: v.optional(v.boolean(), false),
    sms: v.optional(v.boolean(), false),
    phone: v.optional(v.boolean(), false),
  }),
})
export type ConsentInput = v.InferOutput<typeof ConsentInputSchema>

export const EmailSchema = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(254),
  v.email('enter a valid e-mail address'),
)
export const PhoneSchema = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(32),
  v.regex(/^\+?[0-9 ()./-]{6,31}$/, 'enter a valid phone number'),
)

/**
 * The schema of each field a person types, by name: the form's client validation checks each
 * field it shows with its own schema (valibot's object schemas stay out of the widget's lazy
 * chunk), the capture route checks them together in `LeadFieldsSchema`.
 */
export const LeadFieldSchemas = {
  name: optionalText(200),
  email: v.optional(v.union([v.literal(''), EmailSchema])),
  phone: v.optional(v.union([v.literal(''), PhoneSchema])),
  company: optionalText(200),
  location: optionalText(200),
  message: optionalMultilineText(5000),
}

/** The fields a person types, together: no other key. */
export const LeadFieldsSchema = v.strictObject(LeadFieldSchemas)
export type LeadFields = v.InferOutput<typeof LeadFieldsSchema>

/** What a person gives to become a lead: fields, consent, and where they came from. */
const contactEntries = {
  fields: LeadFieldsSchema,
  custom: v.optional(CustomFieldsSchema),
  consent: ConsentInputSchema,
  context: v.optional(
    v.strictObject({
      pageUrl: v.optional(v.pipe(SingleLineSchema, v.maxLength(2000), v.url())),
      referrer: v.optional(
        v.union([v.literal(''), v.pipe(SingleLineSchema, v.maxLength(2000), v.url())]),
      ),
      utm: v.optional(UtmSchema),
      locale: v.optional(v.picklist(['tr', 'en'])),
    }),
  ),
  /** Milliseconds between the form's first render and submit (bots are fast). */
  elapsedMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(86_400_000))),
  [HONEYPOT_FIELD]: v.optional(v.pipe(v.string(), v.maxLength(500))),
}

const hasEmailOrPhone = (b: { fields: { email?: string; phone?: string } }) =>
  Boolean(b.fields.email) || Boolean(b.fields.phone)
const EMAIL_OR_PHONE = 'give an e-mail address or a phone number'

/** Contact details asked at the end of a standalone quiz or booking. */
export const LeadContactSchema = v.pipe(
  v.strictObject(contactEntries),
  v.check((b) => hasEmailOrPhone(b), EMAIL_OR_PHONE),
)

export const LeadCreateSchema = v.pipe(
  v.strictObject({ siteKey: SiteKeySchema, ...contactEntries }),
  v.check((b) => hasEmailOrPhone(b), EMAIL_OR_PHONE),
)
export type LeadCreateInput = v.InferInput<typeof LeadCreateSchema>
export type LeadCreate = v.InferOutput<typeof LeadCreateSchema>

export const LeadCreatedSchema = v.object({
  leadId: v.string(),
  stage: v.literal('lead'),
  /** Channels the store may use for this person, from the consent given. */
  channels: v.array(ChannelSchema),
})
export type LeadCreated = v.InferOutput<typeof LeadCreatedSchema>
