/**
 * Every route the worker answers, as data: one entry per method and path, with the contract
 * schemas it validates and answers with. `buildOpenApi` turns this table into `/openapi.json`;
 * a test compares it with the Hono app's own route list, so an undocumented route fails it.
 */
import * as v from 'valibot'
import {
  ActivityCreateSchema,
  ActivitySchema,
  ConflictSchema,
  ContactDetailSchema,
  ContactListQuerySchema,
  ContactSchema,
  ContactUpdateSchema,
  ErrorEnvelopeSchema,
  IdSchema,
  LeadAssignSchema,
  LeadCloseSchema,
  LeadCreateSchema,
  LeadCreatedSchema,
  LeadDetailSchema,
  LeadListItemSchema,
  LeadListQuerySchema,
  LeadMoveSchema,
  LeadSchema,
  MeSchema,
  AvailabilitySchema,
  BookingCreateSchema,
  BookingListQuerySchema,
  BookingOutcomeSchema,
  BookingSchema,
  BookingSettingsSchema,
  CalendarFeedSchema,
  CancelSchema,
  PageSchema,
  PublicBookingSchema,
  PublicBookingViewSchema,
  QualificationOverrideSchema,
  RescheduleSchema,
  SlotTakenSchema,
  SlotsQuerySchema,
  SlotsSchema,
  QuizDefinitionSchema,
  QuizEventsAcceptedSchema,
  QuizEventsSchema,
  QuizFunnelQuerySchema,
  QuizFunnelSchema,
  QuizPreviewSchema,
  QuizResponseSchema,
  QuizResponsesQuerySchema,
  QuizStartSchema,
  QuizStartedSchema,
  QuizSubmitSchema,
  QuizSubmittedSchema,
  QuizVersionListSchema,
  QuizVersionSchema,
  PublicQuizSchema,
  ScoreResultSchema,
  SiteConfigSchema,
  SiteKeySchema,
} from '../../../contract'

/** Error statuses a route can answer with; each answers with the error envelope. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503

export interface RouteDoc {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete'
  /** The path as Hono writes it (`/admin/api/leads/:id`). */
  path: string
  operationId: string
  summary: string
  description?: string
  tag: string
  /** `admin` routes need `Authorization: Bearer sk_…`. */
  auth: 'none' | 'admin'
  params?: v.GenericSchema
  query?: v.GenericSchema
  body?: v.GenericSchema
  /** Whether the route reads an `Idempotency-Key` header. */
  idempotencyKey?: 'required' | 'optional'
  success: {
    status: 200 | 201 | 202 | 204
    description: string
    /** The JSON body; omitted for a non-JSON answer (`contentType`). */
    schema?: v.GenericSchema
    contentType?: string
  }
  errors: ErrorStatus[]
  /** The 409 body when it carries more than the error envelope. */
  conflict?: v.GenericSchema
}

/** Named schemas: they become `components.schemas` and are referenced by name. */
export const LeadPageSchema = PageSchema(LeadListItemSchema)
export const ContactPageSchema = PageSchema(ContactSchema)
export const QuizResponsePageSchema = PageSchema(QuizResponseSchema)
export const BookingListSchema = v.object({ items: v.array(BookingSchema) })
/** A contact update's 409: the contact as it is now, absent when an e-mail is already taken. */
export const ContactConflictSchema = v.object({
  error: v.object({ code: v.literal('conflict'), message: v.string() }),
  current: v.optional(ContactSchema),
})

export const NAMED_SCHEMAS = {
  ErrorEnvelope: ErrorEnvelopeSchema,
  SiteConfig: SiteConfigSchema,
  LeadCreate: LeadCreateSchema,
  LeadCreated: LeadCreatedSchema,
  Me: MeSchema,
  Lead: LeadSchema,
  LeadListItem: LeadListItemSchema,
  LeadPage: LeadPageSchema,
  LeadDetail: LeadDetailSchema,
  LeadMove: LeadMoveSchema,
  LeadClose: LeadCloseSchema,
  LeadAssign: LeadAssignSchema,
  LeadConflict: ConflictSchema,
  ActivityCreate: ActivityCreateSchema,
  Activity: ActivitySchema,
  Contact: ContactSchema,
  ContactPage: ContactPageSchema,
  ContactDetail: ContactDetailSchema,
  ContactUpdate: ContactUpdateSchema,
  ContactConflict: ContactConflictSchema,
  PublicQuiz: PublicQuizSchema,
  QuizStart: QuizStartSchema,
  QuizStarted: QuizStartedSchema,
  QuizEvents: QuizEventsSchema,
  QuizEventsAccepted: QuizEventsAcceptedSchema,
  QuizSubmit: QuizSubmitSchema,
  QuizSubmitted: QuizSubmittedSchema,
  QuizDefinition: QuizDefinitionSchema,
  QuizVersion: QuizVersionSchema,
  QuizVersionList: QuizVersionListSchema,
  QuizPreview: QuizPreviewSchema,
  ScoreResult: ScoreResultSchema,
  QuizResponse: QuizResponseSchema,
  QuizResponsePage: QuizResponsePageSchema,
  QuizFunnel: QuizFunnelSchema,
  QualificationOverride: QualificationOverrideSchema,
  PublicBooking: PublicBookingSchema,
  Slots: SlotsSchema,
  BookingCreate: BookingCreateSchema,
  BookingView: PublicBookingViewSchema,
  SlotTakenConflict: SlotTakenSchema,
  Reschedule: RescheduleSchema,
  Cancel: CancelSchema,
  Booking: BookingSchema,
  BookingList: BookingListSchema,
  BookingOutcome: BookingOutcomeSchema,
  BookingSettings: BookingSettingsSchema,
  Availability: AvailabilitySchema,
  CalendarFeed: CalendarFeedSchema,
} satisfies Record<string, v.GenericSchema>

const idParams = v.object({ id: IdSchema })
const TOKEN_PARAMS = v.object({ token: v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{32}$/)) })
const WRITE_ERRORS: ErrorStatus[] = [400, 401, 404, 409, 413, 415, 422, 500, 503]
const VERSION_NOTE =
  'Send the `version` you last read as `expectedVersion`; if someone changed the lead since, ' +
  'the answer is 409 with the lead as it is now.'

export const ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/sites/:siteKey/config',
    operationId: 'getSiteConfig',
    summary: "A store's widget configuration",
    description:
      'What the widgets fetch before they render: fields, consent text, theme and spam settings. ' +
      "A request with an `Origin` header must come from one of the store's allowed origins.",
    tag: 'Public',
    auth: 'none',
    params: v.object({ siteKey: SiteKeySchema }),
    success: { status: 200, description: 'The configuration.', schema: SiteConfigSchema },
    errors: [403, 404, 422, 500, 503],
  },
  {
    method: 'post',
    path: '/v1/leads',
    operationId: 'createLead',
    summary: 'Capture a lead',
    description:
      'Creates a lead at stage `lead` with its contact and consent records. Give an e-mail ' +
      'address or a phone number (or both), the fields the store marks required, and in ' +
      '`custom` only fields the store defined (at most 30). Text fields are trimmed; blank ' +
      'optional fields count as absent. Needs an allowed `Origin`; at most 20 captures a ' +
      'minute per client address and store. A retry with the same `Idempotency-Key` and body ' +
      'gets the first answer again (with `Idempotent-Replayed: true`).',
    tag: 'Public',
    auth: 'none',
    body: LeadCreateSchema,
    idempotencyKey: 'required',
    success: { status: 201, description: 'The lead was stored.', schema: LeadCreatedSchema },
    errors: [400, 403, 404, 413, 415, 422, 429, 500, 503],
  },
  {
    method: 'get',
    path: '/v1/sites/:siteKey/quiz',
    operationId: 'getPublicQuiz',
    summary: "A store's current qualification quiz, as a visitor sees it",
    description:
      'Questions, branching and end screens; no points, knock-outs, weights or thresholds. ' +
      'A store that never saved a quiz gets the default BANT quiz as version 1.',
    tag: 'Quiz',
    auth: 'none',
    params: v.object({ siteKey: SiteKeySchema }),
    success: { status: 200, description: 'The quiz.', schema: PublicQuizSchema },
    errors: [403, 404, 422, 500, 503],
  },
  {
    method: 'post',
    path: '/v1/quiz/start',
    operationId: 'startQuiz',
    summary: 'A visitor tied to a lead started the quiz',
    description:
      'First two-way contact: a lead at stage `lead` moves to `qualification`. Once per ' +
      'session; 409 `quiz_version_stale` when the quiz has a newer version.',
    tag: 'Quiz',
    auth: 'none',
    body: QuizStartSchema,
    idempotencyKey: 'required',
    success: { status: 201, description: 'The response was started.', schema: QuizStartedSchema },
    errors: [400, 403, 404, 409, 413, 415, 422, 429, 500, 503],
  },
  {
    method: 'post',
    path: '/v1/quiz/events',
    operationId: 'recordQuizSteps',
    summary: 'Anonymous funnel steps of a quiz session',
    description:
      'Which questions a session was shown and answered, without personal data; a step a ' +
      'session already recorded counts once.',
    tag: 'Quiz',
    auth: 'none',
    body: QuizEventsSchema,
    idempotencyKey: 'required',
    success: {
      status: 202,
      description: 'The steps were recorded.',
      schema: QuizEventsAcceptedSchema,
    },
    errors: [400, 403, 404, 409, 413, 415, 422, 500, 503],
  },
  {
    method: 'post',
    path: '/v1/quiz/responses',
    operationId: 'submitQuiz',
    summary: 'Submit a finished quiz',
    description:
      'The server checks the answers against the version answered (questions that exist and ' +
      'were shown, options the question has, numbers in range, required answers, text length) ' +
      'and scores them itself; any score a client might compute is not accepted. With `leadId` ' +
      'the lead moves by the outcome (qualified → `nurturing`, disqualified → `lost`, review → ' +
      'stays in `qualification`); with `contact` a new lead is captured first, with its consent. ' +
      'A session submits once (409 after that); a newer quiz version answers 409 ' +
      '`quiz_version_stale`.',
    tag: 'Quiz',
    auth: 'none',
    body: QuizSubmitSchema,
    idempotencyKey: 'required',
    success: { status: 201, description: 'The outcome.', schema: QuizSubmittedSchema },
    errors: [400, 403, 404, 409, 413, 415, 422, 429, 500, 503],
  },
  {
    method: 'get',
    path: '/v1/sites/:siteKey/booking',
    operationId: 'getBookingOptions',
    summary: "A store's meeting types and time zone",
    tag: 'Booking',
    auth: 'none',
    params: v.object({ siteKey: SiteKeySchema }),
    success: { status: 200, description: 'The options.', schema: PublicBookingSchema },
    errors: [403, 404, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/v1/sites/:siteKey/slots',
    operationId: 'listSlots',
    summary: 'Free slots of a meeting type in a range (at most 62 days)',
    description:
      'UTC starts, ascending; a slot is free when at least one rep who takes demos is free for ' +
      'the whole meeting with their buffers, within their hours (in their zone), after the ' +
      'minimum notice, within how far ahead one can book and below their daily maximum.',
    tag: 'Booking',
    auth: 'none',
    params: v.object({ siteKey: SiteKeySchema }),
    query: SlotsQuerySchema,
    success: { status: 200, description: 'The free slots.', schema: SlotsSchema },
    errors: [403, 404, 422, 500, 503],
  },
  {
    method: 'post',
    path: '/v1/bookings',
    operationId: 'createBooking',
    summary: 'Book a slot for a lead, or with contact details',
    description:
      'The claim is atomic: of requests racing for one slot exactly one books it; the others ' +
      'get 409 `slot_taken` with the nearest free slots. The lead moves to `meeting` and gets ' +
      'the rep as owner when it has none. The answer holds the management links.',
    tag: 'Booking',
    auth: 'none',
    body: BookingCreateSchema,
    idempotencyKey: 'required',
    success: { status: 201, description: 'The booking.', schema: PublicBookingViewSchema },
    errors: [400, 403, 404, 409, 413, 415, 422, 429, 500, 503],
    conflict: SlotTakenSchema,
  },
  {
    method: 'get',
    path: '/v1/bookings/:token',
    operationId: 'getBookingByToken',
    summary: 'A booking through its management link',
    description: 'A token stops working when the booking is rescheduled (a new one is issued).',
    tag: 'Booking',
    auth: 'none',
    params: TOKEN_PARAMS,
    success: { status: 200, description: 'The booking.', schema: PublicBookingViewSchema },
    errors: [404, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/v1/bookings/:token/ics',
    operationId: 'getBookingInvite',
    summary: 'The booking as a calendar file (METHOD:REQUEST, or CANCEL once cancelled)',
    tag: 'Booking',
    auth: 'none',
    params: TOKEN_PARAMS,
    success: { status: 200, description: 'An iCalendar file.', contentType: 'text/calendar' },
    errors: [404, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/v1/calendar/:file',
    operationId: 'getCalendarFeed',
    summary: "A rep's private calendar feed (/v1/calendar/{token}.ics)",
    tag: 'Booking',
    auth: 'none',
    params: v.object({ file: v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{32}\.ics$/)) }),
    success: { status: 200, description: 'An iCalendar feed.', contentType: 'text/calendar' },
    errors: [404, 422, 500, 503],
  },
  {
    method: 'post',
    path: '/v1/bookings/:token/cancel',
    operationId: 'cancelBookingByToken',
    summary: 'Cancel a booking through its link',
    description: "Needs one of the store's origins. A cancelled booking can no longer be changed.",
    tag: 'Booking',
    auth: 'none',
    params: TOKEN_PARAMS,
    body: CancelSchema,
    success: {
      status: 200,
      description: 'The cancelled booking.',
      schema: PublicBookingViewSchema,
    },
    errors: [403, 404, 409, 413, 415, 422, 500, 503],
  },
  {
    method: 'post',
    path: '/v1/bookings/:token/reschedule',
    operationId: 'rescheduleBookingByToken',
    summary: 'Move a booking to another free slot through its link',
    description: 'Answers with a new management link; the old one stops working.',
    tag: 'Booking',
    auth: 'none',
    params: TOKEN_PARAMS,
    body: RescheduleSchema,
    success: { status: 200, description: 'The moved booking.', schema: PublicBookingViewSchema },
    errors: [403, 404, 409, 413, 415, 422, 500, 503],
    conflict: SlotTakenSchema,
  },
  {
    method: 'get',
    path: '/admin/api/me',
    operationId: 'getMe',
    summary: 'The user and store of the admin key',
    tag: 'Admin',
    auth: 'admin',
    success: { status: 200, description: 'Who you are.', schema: MeSchema },
    errors: [401, 500, 503],
  },
  {
    method: 'get',
    path: '/admin/api/leads',
    operationId: 'listLeads',
    summary: 'List leads',
    description:
      'Filters by stage, status, owner and text; sorts by an allowlisted column. Pages by ' +
      '`nextCursor`: pass it back as `cursor` with the same filters and sort.',
    tag: 'Leads',
    auth: 'admin',
    query: LeadListQuerySchema,
    success: { status: 200, description: 'A page of leads.', schema: LeadPageSchema },
    errors: [400, 401, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/admin/api/leads/:id',
    operationId: 'getLead',
    summary: 'A lead with its contact, consents, stage history and timeline',
    tag: 'Leads',
    auth: 'admin',
    params: idParams,
    success: { status: 200, description: 'The lead.', schema: LeadDetailSchema },
    errors: [401, 404, 422, 500, 503],
  },
  {
    method: 'post',
    path: '/admin/api/leads/:id/move',
    operationId: 'moveLead',
    summary: 'Move a lead to an open stage',
    description: `Records a stage event with the reason. ${VERSION_NOTE}`,
    tag: 'Leads',
    auth: 'admin',
    params: idParams,
    body: LeadMoveSchema,
    success: { status: 200, description: 'The lead after the move.', schema: LeadSchema },
    errors: WRITE_ERRORS,
    conflict: ConflictSchema,
  },
  {
    method: 'post',
    path: '/admin/api/leads/:id/close',
    operationId: 'closeLead',
    summary: 'Close a lead as won or lost',
    description: `Records a stage event with the reason. ${VERSION_NOTE}`,
    tag: 'Leads',
    auth: 'admin',
    params: idParams,
    body: LeadCloseSchema,
    success: { status: 200, description: 'The lead after closing.', schema: LeadSchema },
    errors: WRITE_ERRORS,
    conflict: ConflictSchema,
  },
  {
    method: 'post',
    path: '/admin/api/leads/:id/assign',
    operationId: 'assignLead',
    summary: 'Assign a lead to a user of the store, or unassign it',
    description: VERSION_NOTE,
    tag: 'Leads',
    auth: 'admin',
    params: idParams,
    body: LeadAssignSchema,
    success: { status: 200, description: 'The lead after assignment.', schema: LeadSchema },
    errors: WRITE_ERRORS,
    conflict: ConflictSchema,
  },
  {
    method: 'post',
    path: '/admin/api/leads/:id/activities',
    operationId: 'addActivity',
    summary: "Add a note, call or e-mail to a lead's timeline",
    description: 'An `Idempotency-Key` is optional; with one, a retry gets the first answer.',
    tag: 'Leads',
    auth: 'admin',
    params: idParams,
    body: ActivityCreateSchema,
    idempotencyKey: 'optional',
    success: { status: 201, description: 'The activity was added.', schema: ActivitySchema },
    errors: [400, 401, 404, 413, 415, 422, 500, 503],
  },
  {
    method: 'post',
    path: '/admin/api/leads/:id/qualification',
    operationId: 'overrideQualification',
    summary: "Override a lead's qualification outcome",
    description:
      'The lead moves where the outcome leads (qualified → `nurturing`, review → ' +
      '`qualification`, disqualified → `lost`); the override and its reason are recorded. ' +
      VERSION_NOTE,
    tag: 'Leads',
    auth: 'admin',
    params: idParams,
    body: QualificationOverrideSchema,
    success: { status: 200, description: 'The lead after the override.', schema: LeadSchema },
    errors: WRITE_ERRORS,
    conflict: ConflictSchema,
  },
  {
    method: 'post',
    path: '/admin/api/leads/:id/score',
    operationId: 'scoreLeadFromFields',
    summary: 'Score a lead from its captured fields with the quiz rules',
    description:
      "Questions with a `field` take their answer from the lead's captured fields; questions " +
      'without one earn nothing. Stores the score and breakdown; does not move the lead.',
    tag: 'Leads',
    auth: 'admin',
    params: idParams,
    success: { status: 200, description: 'The lead with its score.', schema: LeadSchema },
    errors: [401, 404, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/admin/api/quiz',
    operationId: 'getQuiz',
    summary: "The store's current quiz with its scoring rules",
    tag: 'Quiz',
    auth: 'admin',
    success: { status: 200, description: 'The current version.', schema: QuizVersionSchema },
    errors: [401, 500, 503],
  },
  {
    method: 'put',
    path: '/admin/api/quiz',
    operationId: 'saveQuiz',
    summary: 'Save a new version of the quiz (owners)',
    description:
      'Responses keep the version they answered. Refused with the reasons when the quiz is ' +
      'not consistent (conditions on later questions, backward jumps, unknown criteria, …).',
    tag: 'Quiz',
    auth: 'admin',
    body: QuizDefinitionSchema,
    success: { status: 201, description: 'The new version.', schema: QuizVersionSchema },
    errors: [400, 401, 403, 409, 413, 415, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/admin/api/quiz/versions',
    operationId: 'listQuizVersions',
    summary: 'Versions of the quiz, newest first',
    tag: 'Quiz',
    auth: 'admin',
    success: { status: 200, description: 'The versions.', schema: QuizVersionListSchema },
    errors: [401, 500, 503],
  },
  {
    method: 'post',
    path: '/admin/api/quiz/preview',
    operationId: 'previewQuizScore',
    summary: 'Score answers without saving anything',
    description: 'Against the current quiz, or against `definition` to try an edit first.',
    tag: 'Quiz',
    auth: 'admin',
    body: QuizPreviewSchema,
    success: { status: 200, description: 'The score.', schema: ScoreResultSchema },
    errors: [400, 401, 413, 415, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/admin/api/quiz/responses',
    operationId: 'listQuizResponses',
    summary: 'Quiz responses, newest first',
    tag: 'Quiz',
    auth: 'admin',
    query: QuizResponsesQuerySchema,
    success: { status: 200, description: 'A page of responses.', schema: QuizResponsePageSchema },
    errors: [400, 401, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/admin/api/quiz/funnel',
    operationId: 'getQuizFunnel',
    summary: 'Where visitors drop out of the quiz',
    description:
      'Per question of a version (the current one by default): sessions shown it, sessions ' +
      'that answered it, and sessions that stopped there without completing.',
    tag: 'Quiz',
    auth: 'admin',
    query: QuizFunnelQuerySchema,
    success: { status: 200, description: 'The funnel.', schema: QuizFunnelSchema },
    errors: [401, 404, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/admin/api/booking/settings',
    operationId: 'getBookingSettings',
    summary: "The store's meeting types, demo reps and assignment",
    tag: 'Booking',
    auth: 'admin',
    success: { status: 200, description: 'The settings.', schema: BookingSettingsSchema },
    errors: [401, 500, 503],
  },
  {
    method: 'put',
    path: '/admin/api/booking/settings',
    operationId: 'putBookingSettings',
    summary: 'Set the meeting types, demo reps and assignment (owners)',
    tag: 'Booking',
    auth: 'admin',
    body: BookingSettingsSchema,
    success: { status: 200, description: 'The settings.', schema: BookingSettingsSchema },
    errors: [400, 401, 403, 413, 415, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/admin/api/availability/:id',
    operationId: 'getAvailability',
    summary: "A rep's availability",
    tag: 'Booking',
    auth: 'admin',
    params: idParams,
    success: { status: 200, description: 'The rules.', schema: AvailabilitySchema },
    errors: [401, 404, 422, 500, 503],
  },
  {
    method: 'put',
    path: '/admin/api/availability/:id',
    operationId: 'putAvailability',
    summary: "Set a rep's availability (owners for anyone, reps for themselves)",
    tag: 'Booking',
    auth: 'admin',
    params: idParams,
    body: AvailabilitySchema,
    success: { status: 200, description: 'The rules.', schema: AvailabilitySchema },
    errors: [400, 401, 403, 404, 413, 415, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/admin/api/bookings',
    operationId: 'listBookings',
    summary: 'Bookings by start time',
    tag: 'Booking',
    auth: 'admin',
    query: BookingListQuerySchema,
    success: { status: 200, description: 'The bookings.', schema: BookingListSchema },
    errors: [401, 422, 500, 503],
  },
  ...(['cancel', 'held', 'no-show'] as const).map(
    (action): RouteDoc => ({
      method: 'post',
      path: `/admin/api/bookings/:id/${action}`,
      operationId: {
        cancel: 'cancelBooking',
        held: 'markBookingHeld',
        'no-show': 'markBookingNoShow',
      }[action],
      summary: {
        cancel: 'Cancel a booking',
        held: 'Mark a meeting held: the lead moves from meeting to proposal',
        'no-show': 'Mark a meeting missed: the lead moves from meeting to nurturing',
      }[action],
      tag: 'Booking',
      auth: 'admin',
      params: idParams,
      body: BookingOutcomeSchema,
      success: { status: 200, description: 'The booking.', schema: BookingSchema },
      errors: [400, 401, 404, 409, 413, 415, 422, 500, 503],
    }),
  ),
  {
    method: 'post',
    path: '/admin/api/bookings/:id/reschedule',
    operationId: 'rescheduleBooking',
    summary: 'Move a booking to another free slot of its rep',
    tag: 'Booking',
    auth: 'admin',
    params: idParams,
    body: RescheduleSchema,
    success: { status: 200, description: 'The booking.', schema: BookingSchema },
    errors: [400, 401, 404, 409, 413, 415, 422, 500, 503],
    conflict: SlotTakenSchema,
  },
  {
    method: 'post',
    path: '/admin/api/calendar-feeds',
    operationId: 'createCalendarFeed',
    summary: 'A private calendar feed of your meetings; its URL is shown once',
    tag: 'Booking',
    auth: 'admin',
    success: { status: 201, description: 'The feed.', schema: CalendarFeedSchema },
    errors: [401, 500, 503],
  },
  {
    method: 'delete',
    path: '/admin/api/calendar-feeds/:id',
    operationId: 'revokeCalendarFeed',
    summary: 'Revoke one of your calendar feeds',
    tag: 'Booking',
    auth: 'admin',
    params: idParams,
    success: { status: 204, description: 'Revoked.' },
    errors: [401, 404, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/admin/api/contacts',
    operationId: 'listContacts',
    summary: 'List contacts',
    description: 'Pages by `nextCursor`: pass it back as `cursor` with the same filters.',
    tag: 'Contacts',
    auth: 'admin',
    query: ContactListQuerySchema,
    success: { status: 200, description: 'A page of contacts.', schema: ContactPageSchema },
    errors: [400, 401, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/admin/api/contacts/:id',
    operationId: 'getContact',
    summary: 'A contact with consents, leads and timeline',
    tag: 'Contacts',
    auth: 'admin',
    params: idParams,
    success: { status: 200, description: 'The contact.', schema: ContactDetailSchema },
    errors: [401, 404, 422, 500, 503],
  },
  {
    method: 'patch',
    path: '/admin/api/contacts/:id',
    operationId: 'updateContact',
    summary: "Change a contact's details",
    description:
      'Send `expectedVersion` and at least one field; `null` clears a field. A stale version ' +
      'answers 409 with the contact as it is now; an e-mail another contact has answers 409 too.',
    tag: 'Contacts',
    auth: 'admin',
    params: idParams,
    body: ContactUpdateSchema,
    success: { status: 200, description: 'The contact after the change.', schema: ContactSchema },
    errors: WRITE_ERRORS,
    conflict: ContactConflictSchema,
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApi',
    summary: 'This OpenAPI 3.1 document',
    tag: 'Docs',
    auth: 'none',
    success: { status: 200, description: 'The document.' },
    errors: [],
  },
  {
    method: 'get',
    path: '/docs',
    operationId: 'getDocs',
    summary: 'The API reference as a web page',
    tag: 'Docs',
    auth: 'none',
    success: { status: 200, description: 'An HTML page.', contentType: 'text/html' },
    errors: [],
  },
]
