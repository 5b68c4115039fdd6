/**
 * Shapes shared by every part of the wire contract: the error envelope, stage keys, ids,
 * bounded strings. This folder imports only valibot, so widget and worker can both use it.
 */
import * as v from 'valibot'

/** Pipeline stage keys in order; `won` and `lost` close a lead. */
export const OPEN_STAGES = [
  'lead',
  'qualification',
  'nurturing',
  'meeting',
  'proposal',
  'deal',
] as const
export const CLOSED_STAGES = ['won', 'lost'] as const
/**
 * Every stage in order, open then closed. Written out (the type checks it against the two lists)
 * rather than spread: a bundler keeps a spread of arrays, which could run an iterator, even where
 * `STAGES` is unused, as in the widget's validation chunk.
 */
export const STAGES = [
  'lead',
  'qualification',
  'nurturing',
  'meeting',
  'proposal',
  'deal',
  'won',
  'lost',
] as const satisfies readonly [...typeof OPEN_STAGES, ...typeof CLOSED_STAGES]

export const StageSchema = v.picklist(STAGES)
export type Stage = v.InferOutput<typeof StageSchema>
export const OpenStageSchema = v.picklist(OPEN_STAGES)
export type OpenStage = v.InferOutput<typeof OpenStageSchema>

export const LocaleSchema = v.picklist(['tr', 'en'])
export type Locale = v.InferOutput<typeof LocaleSchema>

export const CHANNELS = ['email', 'sms', 'phone'] as const
export const ChannelSchema = v.picklist(CHANNELS)
export type Channel = v.InferOutput<typeof ChannelSchema>

/** Free text (contract/text.ts) and dates (contract/dates.ts), used by every part below. */
export { multilineText, optionalMultilineText, optionalText, text } from './text'
export { IsoDateSchema, IsoDateTimeSchema } from './dates'

export const IdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/))
export const SiteKeySchema = v.pipe(
  v.string(),
  v.regex(/^pk_[A-Za-z0-9]{8,64}$/, 'a site key looks like pk_…'),
)

/** Turns a numeric string from a query string into an integer. */
export const intFromQuery = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.regex(/^\d{1,9}$/),
    v.transform(Number),
    v.integer(),
    v.minValue(min),
    v.maxValue(max),
  )

export const ErrorIssueSchema = v.object({
  path: v.optional(v.string()),
  message: v.string(),
})

/** Every error: `{ error: { code, message, issues? } }`. */
export const ErrorEnvelopeSchema = v.object({
  error: v.object({
    code: v.string(),
    message: v.string(),
    issues: v.optional(v.array(ErrorIssueSchema)),
  }),
})
export type ErrorEnvelope = v.InferOutput<typeof ErrorEnvelopeSchema>

/** Error codes the API answers with, and their HTTP status. */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  quiz_version_stale: 409,
  slot_taken: 409,
  booking_started: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  /** The server lacks a setting it needs for this (e.g. its public URL for links in messages). */
  not_configured: 503,
} as const
export type ErrorCode = keyof typeof ERROR_STATUS

/** Largest request body any route accepts. */
export const MAX_BODY_BYTES = 64 * 1024
