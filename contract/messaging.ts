/**
 * Nurturing: message templates, sequences (steps and triggers), enrollments, tasks, and each
 * store's messaging settings. Events, webhooks and the outbox are in delivery.ts.
 */
import * as v from 'valibot'
import {
  IdSchema,
  IsoDateTimeSchema,
  LocaleSchema,
  OpenStageSchema,
  intFromQuery,
  text,
} from './common'
import { LocalizedTextSchema } from './site-config'
import { MultiLineSchema, SingleLineSchema } from './text'

// --------------------------------------------------------------------------------- templates

/** The variables a template may use, as `{{name}}`. */
export const TEMPLATE_VARIABLES = [
  'name',
  'firstName',
  'company',
  'rep',
  'store',
  'bookingLink',
  'quoteLink',
  'unsubscribeLink',
] as const
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number]

export const MessageChannelSchema = v.picklist(['email', 'sms'])
export type MessageChannel = v.InferOutput<typeof MessageChannelSchema>

/**
 * An e-mail body is HTML limited to p, br, b, strong, i, em, ul, ol, li and a (http, https,
 * mailto or tel links); an SMS body is plain text. The worker checks both, and the variables.
 */
export const TemplateInputSchema = v.pipe(
  v.strictObject({
    name: text(120),
    channel: MessageChannelSchema,
    subject: v.optional(v.object({ tr: text(200), en: text(200) })),
    body: v.object({
      tr: v.pipe(MultiLineSchema, v.minLength(1), v.maxLength(20_000)),
      en: v.pipe(MultiLineSchema, v.minLength(1), v.maxLength(20_000)),
    }),
  }),
  v.check(
    (t) => t.channel === 'sms' || t.subject !== undefined,
    'an e-mail template needs a subject',
  ),
  v.check(
    (t) => t.channel === 'email' || t.subject === undefined,
    'an SMS template has no subject',
  ),
)
export type TemplateInput = v.InferOutput<typeof TemplateInputSchema>

export const TemplateSchema = v.object({
  id: v.string(),
  name: v.string(),
  channel: MessageChannelSchema,
  subject: v.nullable(LocalizedTextSchema),
  body: LocalizedTextSchema,
  version: v.number(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
})
export type Template = v.InferOutput<typeof TemplateSchema>

/** What a template preview renders for: a lead of the store, in its locale or another. */
export const TemplatePreviewInputSchema = v.strictObject({
  leadId: IdSchema,
  locale: v.optional(LocaleSchema),
})

/** A rendered e-mail (with the unsubscribe footer) or SMS (with the opt-out line). */
export const TemplatePreviewSchema = v.union([
  v.object({ subject: v.string(), html: v.string(), text: v.string() }),
  v.object({ text: v.string() }),
])

/** A template rendered for one contact, as the outbox keeps it. */
export interface RenderedEmail {
  subject: string
  html: string
  text: string
}

// --------------------------------------------------------------------------------- sequences

const HHMM = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time looks like 09:30'))

/** One step of a sequence. Steps run in order; waits are measured in the contact's zone. */
export const SequenceStepSchema = v.variant('kind', [
  v.strictObject({
    kind: v.literal('wait'),
    amount: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365)),
    unit: v.picklist(['minutes', 'hours', 'days']),
  }),
  /** Wait until the next of these ISO weekdays (1 = Monday) at this local time. */
  v.strictObject({
    kind: v.literal('wait_until'),
    weekdays: v.pipe(
      v.array(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7))),
      v.minLength(1),
      v.maxLength(7),
    ),
    time: HHMM,
  }),
  v.strictObject({ kind: v.literal('send'), channel: MessageChannelSchema, templateId: IdSchema }),
  v.strictObject({
    kind: v.literal('task'),
    title: text(200),
    dueInHours: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(24 * 90)), 24),
  }),
  v.strictObject({ kind: v.literal('webhook'), webhookId: IdSchema }),
  /** Continue in another sequence (this one completes). Cycles are refused. */
  v.strictObject({ kind: v.literal('enroll'), sequenceId: IdSchema }),
])
export type SequenceStep = v.InferOutput<typeof SequenceStepSchema>

/** What enrolls a lead: entering a stage, a no-show, a quote viewed but not accepted. */
export const SequenceTriggerSchema = v.variant('on', [
  v.strictObject({ on: v.literal('manual') }),
  v.strictObject({ on: v.literal('stage'), stage: OpenStageSchema }),
  v.strictObject({ on: v.literal('meeting_no_show') }),
  v.strictObject({
    on: v.literal('quote_stalled'),
    days: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(90)),
  }),
])
export type SequenceTrigger = v.InferOutput<typeof SequenceTriggerSchema>

export const SequenceInputSchema = v.strictObject({
  name: text(120),
  status: v.optional(v.picklist(['active', 'paused']), 'active'),
  trigger: SequenceTriggerSchema,
  steps: v.pipe(v.array(SequenceStepSchema), v.minLength(1), v.maxLength(50)),
})
export type SequenceInput = v.InferOutput<typeof SequenceInputSchema>

export const SequenceSchema = v.object({
  id: v.string(),
  name: v.string(),
  status: v.picklist(['active', 'paused', 'archived']),
  trigger: SequenceTriggerSchema,
  steps: v.array(SequenceStepSchema),
  version: v.number(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
})
export type Sequence = v.InferOutput<typeof SequenceSchema>

export const SequenceDetailSchema = v.object({
  ...SequenceSchema.entries,
  counts: v.object({ active: v.number(), completed: v.number(), exited: v.number() }),
})

/** Why an enrollment ended early. */
export const EXIT_REASONS = [
  'meeting_booked',
  'replied',
  'stage_changed',
  'unsubscribed',
  'consent_withdrawn',
  'closed',
  'removed',
  'sequence_archived',
] as const
export type ExitReason = (typeof EXIT_REASONS)[number]

export const EnrollmentSchema = v.object({
  id: v.string(),
  sequenceId: v.string(),
  leadId: v.string(),
  contactId: v.string(),
  status: v.picklist(['active', 'completed', 'exited']),
  step: v.number(),
  nextRunAt: v.nullable(IsoDateTimeSchema),
  exitReason: v.nullable(v.string()),
  enrolledBy: v.picklist(['rule', 'user', 'sequence']),
  createdAt: IsoDateTimeSchema,
  endedAt: v.nullable(IsoDateTimeSchema),
})
export type Enrollment = v.InferOutput<typeof EnrollmentSchema>

export const EnrollmentListQuerySchema = v.strictObject({
  limit: v.optional(intFromQuery(1, 100), '50'),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(500))),
})

/** A rep enrolls a lead by hand, now or at a later time (never in the past). */
export const EnrollSchema = v.strictObject({
  leadId: IdSchema,
  startAt: v.optional(IsoDateTimeSchema),
})
export type Enroll = v.InferOutput<typeof EnrollSchema>

// ------------------------------------------------------------------------------------- tasks

export const TaskSchema = v.object({
  id: v.string(),
  leadId: v.nullable(v.string()),
  assigneeId: v.nullable(v.string()),
  title: v.string(),
  dueAt: IsoDateTimeSchema,
  doneAt: v.nullable(IsoDateTimeSchema),
  createdAt: IsoDateTimeSchema,
})
export type Task = v.InferOutput<typeof TaskSchema>

export const TaskListQuerySchema = v.strictObject({
  assignee: v.optional(v.union([IdSchema, v.literal('me')])),
  open: v.optional(v.picklist(['true', 'false'])),
  limit: v.optional(intFromQuery(1, 100), '50'),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(500))),
})
export type TaskListQuery = v.InferOutput<typeof TaskListQuerySchema>

// ---------------------------------------------------------------------------------- settings

/** The name of a Worker secret (or variable) that holds a credential; never the credential. */
export const SecretNameSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'name a Worker secret, e.g. RESEND_API_KEY'),
)

export const MessagingSettingsSchema = v.strictObject({
  /** Resend's e-mail API; the key comes from the named Worker secret. */
  email: v.nullable(
    v.strictObject({
      provider: v.literal('resend'),
      from: text(200),
      replyTo: v.optional(v.pipe(SingleLineSchema, v.email(), v.maxLength(254))),
      apiKeySecret: SecretNameSchema,
      /** The signing secret of the Resend webhook that reports delivery, opens and clicks. */
      webhookSecret: v.optional(SecretNameSchema),
    }),
  ),
  /** Verimor's SMS API (Turkey); user name and password come from the named Worker secrets. */
  sms: v.nullable(
    v.strictObject({
      provider: v.literal('verimor'),
      header: v.pipe(SingleLineSchema, v.minLength(2), v.maxLength(11)),
      usernameSecret: SecretNameSchema,
      passwordSecret: SecretNameSchema,
      /** İYS recipient type of commercial SMS: individuals (BIREYSEL) or merchants (TACIR). */
      iysRecipientType: v.optional(v.picklist(['BIREYSEL', 'TACIR']), 'BIREYSEL'),
      /** The secret token in the delivery-report URL given to Verimor (`/hooks/verimor/:token`). */
      reportTokenSecret: v.optional(SecretNameSchema),
    }),
  ),
  /** No commercial message is sent between these local times of the contact. */
  quietHours: v.nullable(v.strictObject({ start: HHMM, end: HHMM })),
  /** At most `max` commercial messages per contact in any `days` days. */
  frequencyCap: v.strictObject({
    max: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
    days: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(90)),
  }),
  /** Where {{bookingLink}} points: the store's page with `<leadline-booking>`. */
  bookingUrl: v.nullable(v.pipe(SingleLineSchema, v.url(), v.maxLength(2000))),
  /**
   * The store's page with `<leadline-quote>`: a sent quote's link is this page with
   * `?leadline_quote=TOKEN`, e-mailed to the contact. Without it the rep shares the link.
   */
  quotePageUrl: v.optional(v.nullable(v.pipe(SingleLineSchema, v.url(), v.maxLength(2000))), null),
  /** Booking reminders this long before the meeting, in minutes. */
  reminderOffsets: v.pipe(
    v.array(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(7 * 24 * 60))),
    v.maxLength(3),
  ),
})
export type MessagingSettings = v.InferOutput<typeof MessagingSettingsSchema>
