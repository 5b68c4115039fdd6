/**
 * Nurture: templates, sequences (steps and triggers), enrollments and tasks. The store's rules
 * for every delivery are in delivery-settings.ts; events, webhooks and the outbox in delivery.ts.
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
import { TimeOfDaySchema } from './dates'
import { LocalizedTextSchema } from './site-config'
import { MultiLineSchema } from './text'

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

export const TemplateChannelSchema = v.picklist(['email', 'sms'])
export type TemplateChannel = v.InferOutput<typeof TemplateChannelSchema>

/**
 * An e-mail body is HTML limited to p, br, b, strong, i, em, ul, ol, li and a (http, https,
 * mailto or tel links); an SMS body is plain text. The worker checks both, and the variables.
 */
export const TemplateInputSchema = v.pipe(
  v.strictObject({
    name: text(120),
    channel: TemplateChannelSchema,
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
  channel: TemplateChannelSchema,
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
    time: TimeOfDaySchema,
  }),
  v.strictObject({ kind: v.literal('send'), channel: TemplateChannelSchema, templateId: IdSchema }),
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
