/**
 * Demo booking: reps' availability, meeting types, free slots, bookings and their management
 * links. Times on the wire are UTC ISO-8601 instants (`2026-12-08T11:30:00.000Z`) with the IANA
 * zone given beside them where a person reads them.
 */
import * as v from 'valibot'
import { IdSchema, SiteKeySchema, multilineText } from './common'
import { IsoDateTimeSchema, isoDate, isoDateTime } from './dates'
import { LeadContactSchema } from './lead'
import { KeySchema } from './quiz'
import { LocalizedTextSchema } from './site-config'
import { MultiLineSchema, SingleLineSchema } from './text'

/** An IANA zone name; the server also checks that the runtime knows it. */
export const TimeZoneSchema = v.pipe(
  v.string(),
  v.regex(
    /^(UTC|[A-Za-z]+(?:\/[A-Za-z0-9_+-]+){1,2})$/,
    'an IANA time zone such as Europe/Istanbul',
  ),
  v.maxLength(64),
)

/** A wall-clock time `HH:MM` on a 5-minute grid (`24:00` ends a day). */
export const ClockSchema = v.pipe(
  v.string(),
  v.regex(/^(([01]\d|2[0-3]):[0-5][05]|24:00)$/, 'a time like 09:30, on a 5-minute grid'),
)
export const DateSchema = isoDate()
export const InstantSchema = isoDateTime()

export const TimeRangeSchema = v.pipe(
  v.strictObject({ start: ClockSchema, end: ClockSchema }),
  v.check((r) => r.start < r.end, 'a range ends after it starts'),
)
export type TimeRange = v.InferOutput<typeof TimeRangeSchema>

const ranges = v.pipe(v.array(TimeRangeSchema), v.maxLength(6))
const minutes = (max: number) =>
  v.pipe(
    v.number(),
    v.integer(),
    v.minValue(0),
    v.maxValue(max),
    v.multipleOf(5, 'a multiple of 5 minutes'),
  )

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

/** A rep's rules for when they take meetings, in their own zone. */
export const AvailabilitySchema = v.strictObject({
  timeZone: TimeZoneSchema,
  /** Working hours per weekday (several ranges a day; none for a day off). */
  weekly: v.strictObject({
    mon: ranges,
    tue: ranges,
    wed: ranges,
    thu: ranges,
    fri: ranges,
    sat: ranges,
    sun: ranges,
  }),
  /** Dates whose hours replace the weekly ones: extra hours, or `[]` for a day off or holiday. */
  overrides: v.pipe(
    v.array(
      v.strictObject({
        date: DateSchema,
        ranges,
        note: v.optional(v.pipe(SingleLineSchema, v.maxLength(200))),
      }),
    ),
    v.maxLength(400),
  ),
  bufferBeforeMin: minutes(240),
  bufferAfterMin: minutes(240),
  /** No slot starts sooner than this after now. */
  minNoticeMin: minutes(60 * 24 * 30),
  /** No slot starts later than this many days ahead. */
  maxDaysAhead: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365)),
  maxPerDay: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)),
})
export type Availability = v.InferOutput<typeof AvailabilitySchema>

export const MeetingTypeSchema = v.strictObject({
  id: KeySchema,
  name: LocalizedTextSchema,
  durationMin: v.pipe(minutes(480), v.minValue(5)),
  /** Where it happens: a video link, a phone call, or a place. */
  location: v.strictObject({
    kind: v.picklist(['video', 'phone', 'place']),
    value: v.pipe(SingleLineSchema, v.maxLength(500)),
  }),
})
export type MeetingType = v.InferOutput<typeof MeetingTypeSchema>

/** A store's booking settings: meeting types, which reps take demos, how one is picked. */
export const BookingSettingsSchema = v.pipe(
  v.strictObject({
    meetingTypes: v.pipe(v.array(MeetingTypeSchema), v.minLength(1), v.maxLength(20)),
    reps: v.pipe(v.array(IdSchema), v.maxLength(50)),
    /** `owner_first`: the lead's owner when free, else round-robin; `round_robin`; `fixed`. */
    assignment: v.picklist(['owner_first', 'round_robin', 'fixed']),
    fixedRep: v.optional(IdSchema),
  }),
  v.check(
    (s) => s.assignment !== 'fixed' || s.fixedRep !== undefined,
    'a fixed assignment names fixedRep',
  ),
)
export type BookingSettings = v.InferOutput<typeof BookingSettingsSchema>

// ------------------------------------------------------------------------------------- public

/** `GET /v1/sites/:siteKey/booking`: what `<leadline-booking>` needs before it asks for slots. */
export const PublicBookingSchema = v.object({
  meetingTypes: v.array(
    v.object({
      id: v.string(),
      name: LocalizedTextSchema,
      durationMin: v.number(),
      locationKind: v.string(),
    }),
  ),
  /** The zone the store works in, for display next to the visitor's. */
  storeTimeZone: v.string(),
})
export type PublicBooking = v.InferOutput<typeof PublicBookingSchema>

/** A calendar month, `YYYY-MM`. */
export const MonthSchema = v.pipe(
  v.string(),
  v.regex(/^\d{4}-(?:0[1-9]|1[0-2])$/, 'a month like 2026-12'),
)

/**
 * `GET /v1/sites/:siteKey/slots?type=&from=&to=` (or `?type=&month=`) and `GET /admin/api/slots?…`:
 * at most 62 days; `from`/`to` are instants. `month` (`YYYY-MM`) instead of both names the
 * month's days in any zone: from its first day's UTC midnight less 14 hours to the next month's
 * plus 14 hours (every zone is within 14 hours of UTC), so a page asks for a month without
 * knowing the zone it will be shown in. Without `type`, the store's first meeting type (the one
 * the booking shows first), so a page can ask for the first month's slots without waiting for
 * the settings.
 */
export const SlotsQuerySchema = v.strictObject({
  type: v.optional(KeySchema),
  month: v.optional(MonthSchema),
  from: v.optional(InstantSchema),
  to: v.optional(InstantSchema),
  leadId: v.optional(IdSchema),
})
export type SlotsQuery = v.InferOutput<typeof SlotsQuerySchema>

export const SlotSchema = v.object({ start: IsoDateTimeSchema, end: IsoDateTimeSchema })
export type Slot = v.InferOutput<typeof SlotSchema>

export const SlotsSchema = v.object({
  type: v.string(),
  durationMin: v.number(),
  /** Free starts in UTC, ascending; a slot is free when at least one eligible rep is. */
  slots: v.array(SlotSchema),
  /** UTC instants; the widget shows them in the visitor's zone. */
  timeZone: v.literal('UTC'),
})
export type Slots = v.InferOutput<typeof SlotsSchema>

/** `POST /v1/bookings`: book a slot for a lead, or with contact details when there is none. */
export const BookingCreateSchema = v.pipe(
  v.strictObject({
    siteKey: SiteKeySchema,
    type: KeySchema,
    start: InstantSchema,
    /** The visitor's zone, for their confirmation and calendar file. */
    timeZone: TimeZoneSchema,
    leadId: v.optional(IdSchema),
    contact: v.optional(LeadContactSchema),
    note: v.optional(v.pipe(MultiLineSchema, v.maxLength(1000))),
    /** The page booked on; calendar invites link back to it (`?leadline_booking=TOKEN`). */
    pageUrl: v.optional(v.pipe(SingleLineSchema, v.maxLength(2000), v.url())),
  }),
  v.check(
    (b) => (b.leadId === undefined) !== (b.contact === undefined),
    'give either leadId or contact',
  ),
)
export type BookingCreate = v.InferOutput<typeof BookingCreateSchema>

/** A booking as its visitor sees it (through the confirmation or a management link). */
export const PublicBookingViewSchema = v.object({
  bookingId: v.string(),
  status: v.picklist(['confirmed', 'cancelled', 'held', 'no_show']),
  type: v.string(),
  typeName: LocalizedTextSchema,
  start: IsoDateTimeSchema,
  end: IsoDateTimeSchema,
  timeZone: v.string(),
  repName: v.string(),
  location: v.object({ kind: v.string(), value: v.string() }),
  /** Links with the booking's unguessable token; an old token stops working after a change. */
  manageUrl: v.string(),
  icsUrl: v.string(),
  sequence: v.number(),
  /**
   * Whether the link can still cancel or reschedule it: confirmed and not yet started. Once the
   * meeting starts, both answer 409 `booking_started`.
   */
  manageable: v.boolean(),
})
export type PublicBookingView = v.InferOutput<typeof PublicBookingViewSchema>

/** 409 when the slot was just taken: the nearest free slots instead. */
export const SlotTakenSchema = v.object({
  error: v.object({ code: v.literal('slot_taken'), message: v.string() }),
  slots: v.array(SlotSchema),
})

export const RescheduleSchema = v.strictObject({
  start: InstantSchema,
  timeZone: v.optional(TimeZoneSchema),
})
export const CancelSchema = v.strictObject({
  reason: v.optional(v.pipe(MultiLineSchema, v.maxLength(500))),
})

// -------------------------------------------------------------------------------------- admin

export const BookingSchema = v.object({
  id: v.string(),
  leadId: v.string(),
  repId: v.string(),
  type: v.string(),
  start: IsoDateTimeSchema,
  end: IsoDateTimeSchema,
  visitorTimeZone: v.string(),
  status: v.picklist(['confirmed', 'cancelled', 'held', 'no_show']),
  sequence: v.number(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
})
export type Booking = v.InferOutput<typeof BookingSchema>

export const BookingOutcomeSchema = v.strictObject({ reason: v.optional(multilineText(500)) })

export const BookingListQuerySchema = v.strictObject({
  /** Only this lead's bookings. */
  lead: v.optional(IdSchema),
  from: v.optional(InstantSchema),
  to: v.optional(InstantSchema),
  rep: v.optional(IdSchema),
  status: v.optional(v.picklist(['confirmed', 'cancelled', 'held', 'no_show'])),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(500)),
    '100',
  ),
})
export type BookingListQuery = v.InferOutput<typeof BookingListQuerySchema>

/** `POST /admin/api/leads/:id/bookings`: a rep books a free slot for a lead. */
export const AdminBookingCreateSchema = v.strictObject({
  type: KeySchema,
  start: InstantSchema,
  /** The person's zone, for their confirmation and calendar file. */
  timeZone: TimeZoneSchema,
  note: v.optional(v.pipe(MultiLineSchema, v.maxLength(1000))),
})
export type AdminBookingCreate = v.InferOutput<typeof AdminBookingCreateSchema>

/** A new calendar feed: its URL is shown once (only a hash of its token is kept). */
export const CalendarFeedSchema = v.object({ id: v.string(), url: v.string() })

/** A live calendar feed as listed: no URL (only the token's hash is kept; it was shown once). */
export const CalendarFeedItemSchema = v.object({ id: v.string(), createdAt: IsoDateTimeSchema })
export const CalendarFeedListSchema = v.object({ items: v.array(CalendarFeedItemSchema) })
export type CalendarFeedList = v.InferOutput<typeof CalendarFeedListSchema>
