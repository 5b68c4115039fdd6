/** The admin API for reps and owners: `/admin/api/*` with a Bearer `sk_…` key. */
import * as v from 'valibot'
import {
  ChannelSchema,
  IdSchema,
  LocaleSchema,
  OpenStageSchema,
  StageSchema,
  intFromQuery,
  multilineText,
  text,
} from './common'
import { CustomFieldsSchema, EmailSchema, PhoneSchema } from './lead'
import { IsoDateSchema, IsoDateTimeSchema } from './dates'

export const RoleSchema = v.picklist(['owner', 'rep'])
export type Role = v.InferOutput<typeof RoleSchema>

export const LEAD_SORTS = ['created_at', 'updated_at', 'stage_entered_at', 'value'] as const

export const LeadListQuerySchema = v.strictObject({
  stage: v.optional(StageSchema),
  status: v.optional(v.picklist(['open', 'won', 'lost'])),
  owner: v.optional(v.union([IdSchema, v.literal('none')])),
  q: v.optional(text(100)),
  sort: v.optional(v.picklist(LEAD_SORTS), 'created_at'),
  order: v.optional(v.picklist(['asc', 'desc']), 'desc'),
  limit: v.optional(intFromQuery(1, 100), '25'),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(500))),
})
export type LeadListQuery = v.InferOutput<typeof LeadListQuerySchema>

/** A contact tag: 1..40 characters of one line (no control characters); compared exactly. */
export const TagSchema = text(40)
export const TagsSchema = v.pipe(
  v.array(TagSchema),
  v.maxLength(20, 'at most 20 tags'),
  v.check((tags) => new Set(tags).size === tags.length, 'a tag is given twice'),
)

export const ContactSchema = v.object({
  id: v.string(),
  name: v.nullable(v.string()),
  email: v.nullable(v.string()),
  phone: v.nullable(v.string()),
  company: v.nullable(v.string()),
  location: v.nullable(v.string()),
  ownerId: v.nullable(v.string()),
  /** Sorted. */
  tags: v.array(v.string()),
  custom: v.record(v.string(), v.unknown()),
  /** The person's IANA time zone when known (a booking tells it). */
  timeZone: v.nullable(v.string()),
  /** Set when this contact was merged into another one (it is then hidden from lists). */
  mergedInto: v.nullable(v.string()),
  /** Set when the person's data was erased (KVKK/GDPR); every personal field is then null. */
  erasedAt: v.nullable(IsoDateTimeSchema),
  version: v.number(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
})
export type Contact = v.InferOutput<typeof ContactSchema>

/**
 * Where a consent record came from: the form, the quiz's or the booking's contact step, an
 * import, a rep in the console; a withdrawal by the unsubscribe link, or by a provider's bounce
 * or complaint report.
 */
export const CONSENT_SOURCES = [
  'form',
  'quiz',
  'booking',
  'import',
  'console',
  'unsubscribe',
  'provider',
] as const
export const ConsentSourceSchema = v.picklist(CONSENT_SOURCES)
export type ConsentSource = v.InferOutput<typeof ConsentSourceSchema>

/** The exact wording a consent was given under, as kept when it became current (never changed). */
export const ConsentWordingSchema = v.object({
  /** The commercial electronic message opt-in the person ticked or left unticked. */
  text: v.string(),
  /** The information notice shown beside it (aydınlatma metni), and its address. */
  notice: v.nullable(v.string()),
  noticeUrl: v.nullable(v.string()),
  /** When this wording became the store's current one. */
  currentFrom: IsoDateTimeSchema,
})
export type ConsentWording = v.InferOutput<typeof ConsentWordingSchema>

/** One consent record, as given: a withdrawal is a record of its own (`granted: false`). */
export const ConsentRecordSchema = v.object({
  channel: ChannelSchema,
  granted: v.boolean(),
  textVersion: v.string(),
  /** The language the wording was shown in; null for withdrawals. */
  language: v.nullable(LocaleSchema),
  /** Null for records made before sources were kept. */
  source: v.nullable(ConsentSourceSchema),
  /** Null for withdrawals and for records whose wording was overwritten before wordings were kept. */
  wording: v.nullable(ConsentWordingSchema),
  leadId: v.nullable(v.string()),
  /** The contact of the person who gave it, when a merge moved it here from another contact. */
  givenByContactId: v.nullable(v.string()),
  at: IsoDateTimeSchema,
})
export type ConsentRecord = v.InferOutput<typeof ConsentRecordSchema>

export const LeadSchema = v.object({
  id: v.string(),
  contactId: v.string(),
  stage: StageSchema,
  status: v.picklist(['open', 'won', 'lost']),
  closeReason: v.nullable(v.string()),
  ownerId: v.nullable(v.string()),
  valueMinor: v.number(),
  currency: v.string(),
  probability: v.number(),
  score: v.nullable(v.number()),
  /** The last qualification outcome (quiz, scoring from fields, or a rep's override). */
  qualification: v.nullable(v.picklist(['qualified', 'review', 'disqualified'])),
  /** How the score was made up (criteria, rules that fired), when the lead was scored. */
  scoreBreakdown: v.nullable(v.record(v.string(), v.unknown())),
  spam: v.boolean(),
  source: v.object({
    pageUrl: v.nullable(v.string()),
    referrer: v.nullable(v.string()),
    utm: v.record(v.string(), v.string()),
  }),
  message: v.nullable(v.string()),
  custom: v.record(v.string(), v.unknown()),
  version: v.number(),
  stageEnteredAt: IsoDateTimeSchema,
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  /** The lead's pipeline; null is the store's default pipeline. */
  pipelineId: v.nullable(v.string()),
  /** The deal's expected close date, YYYY-MM-DD. */
  expectedClose: v.nullable(IsoDateSchema),
  /** A rep's win probability for this deal (percent), overriding the stage's. */
  probabilityOverride: v.nullable(v.number()),
})
export type Lead = v.InferOutput<typeof LeadSchema>

export const LeadListItemSchema = v.object({
  ...LeadSchema.entries,
  contact: v.object({
    name: v.nullable(v.string()),
    email: v.nullable(v.string()),
    company: v.nullable(v.string()),
  }),
})
export type LeadListItem = v.InferOutput<typeof LeadListItemSchema>

export const PageSchema = <T extends v.GenericSchema>(item: T) =>
  v.object({ items: v.array(item), nextCursor: v.nullable(v.string()) })

export const ActivitySchema = v.object({
  id: v.string(),
  leadId: v.nullable(v.string()),
  contactId: v.nullable(v.string()),
  type: v.string(),
  body: v.record(v.string(), v.unknown()),
  actorType: v.picklist(['visitor', 'user', 'system']),
  actorId: v.nullable(v.string()),
  createdAt: IsoDateTimeSchema,
})
export type Activity = v.InferOutput<typeof ActivitySchema>

export const StageEventSchema = v.object({
  id: v.string(),
  from: v.nullable(StageSchema),
  to: StageSchema,
  event: v.string(),
  reason: v.nullable(v.string()),
  actorType: v.picklist(['visitor', 'user', 'system']),
  actorId: v.nullable(v.string()),
  at: IsoDateTimeSchema,
})
export type StageEvent = v.InferOutput<typeof StageEventSchema>

export const LeadDetailSchema = v.object({
  lead: LeadSchema,
  contact: ContactSchema,
  consents: v.array(ConsentRecordSchema),
  stageEvents: v.array(StageEventSchema),
  timeline: v.array(ActivitySchema),
})
export type LeadDetail = v.InferOutput<typeof LeadDetailSchema>

const reason = multilineText(500)
const expectedVersion = v.pipe(v.number(), v.integer(), v.minValue(1))

export const LeadMoveSchema = v.strictObject({ to: OpenStageSchema, reason, expectedVersion })
export type LeadMove = v.InferOutput<typeof LeadMoveSchema>

export const LeadCloseSchema = v.strictObject({
  outcome: v.picklist(['won', 'lost']),
  reason,
  expectedVersion,
})
export type LeadClose = v.InferOutput<typeof LeadCloseSchema>

export const LeadAssignSchema = v.strictObject({ ownerId: v.nullable(IdSchema), expectedVersion })
export type LeadAssign = v.InferOutput<typeof LeadAssignSchema>

export const ActivityCreateSchema = v.strictObject({
  type: v.picklist(['note', 'call', 'email']),
  body: multilineText(5000),
  direction: v.optional(v.picklist(['inbound', 'outbound'])),
  durationMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1440))),
})
export type ActivityCreate = v.InferOutput<typeof ActivityCreateSchema>

/** The 409 answer when `expectedVersion` is stale: the lead as it is now. */
export const ConflictSchema = v.object({
  error: v.object({ code: v.literal('conflict'), message: v.string() }),
  current: LeadSchema,
})

export const ContactListQuerySchema = v.strictObject({
  q: v.optional(text(100)),
  owner: v.optional(IdSchema),
  tag: v.optional(TagSchema),
  limit: v.optional(intFromQuery(1, 100), '25'),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(500))),
})
export type ContactListQuery = v.InferOutput<typeof ContactListQuerySchema>

/** A merge of `fromId` into `intoId`, as a contact's detail shows it. */
export const ContactMergeRecordSchema = v.object({
  id: v.string(),
  intoId: v.string(),
  fromId: v.string(),
  /** The merged contact's fields as they were (empty once the person is erased). */
  from: v.record(v.string(), v.unknown()),
  /** What moved: counts of leads, activities, consents…, and the consent records' ids. */
  moved: v.record(v.string(), v.unknown()),
  actorId: v.nullable(v.string()),
  at: IsoDateTimeSchema,
})
export type ContactMergeRecord = v.InferOutput<typeof ContactMergeRecordSchema>

export const ContactDetailSchema = v.object({
  contact: ContactSchema,
  consents: v.array(ConsentRecordSchema),
  /** Every lead of the contact, newest first. */
  leads: v.array(LeadSchema),
  /** One timeline across the contact and all their leads, newest first. */
  timeline: v.array(ActivitySchema),
  /** Merges into (and out of) this contact, newest first. */
  merges: v.array(ContactMergeRecordSchema),
})
export type ContactDetail = v.InferOutput<typeof ContactDetailSchema>

export const ContactUpdateSchema = v.pipe(
  v.strictObject({
    name: v.optional(v.nullable(text(200))),
    email: v.optional(v.nullable(EmailSchema)),
    phone: v.optional(v.nullable(PhoneSchema)),
    company: v.optional(v.nullable(text(200))),
    location: v.optional(v.nullable(text(200))),
    ownerId: v.optional(v.nullable(IdSchema)),
    /** Replaces the contact's tags. */
    tags: v.optional(TagsSchema),
    /** Replaces the contact's custom fields. */
    custom: v.optional(CustomFieldsSchema),
    expectedVersion,
  }),
  v.check((b) => Object.keys(b).length > 1, 'change at least one field'),
)
export type ContactUpdate = v.InferOutput<typeof ContactUpdateSchema>

/** Who an admin key or session belongs to, and their store (`GET /admin/api/me`). */
export const MeSchema = v.object({
  user: v.object({ id: v.string(), name: v.string(), email: v.string(), role: RoleSchema }),
  site: v.object({ id: v.string(), siteKey: v.string(), name: v.string() }),
})
export type Me = v.InferOutput<typeof MeSchema>
