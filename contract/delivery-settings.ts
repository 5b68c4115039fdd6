/**
 * Delivery settings: the store's rules for every e-mail and SMS it sends (providers, senders and
 * the names of the secrets that hold their credentials, quiet hours, the frequency cap, booking
 * reminder times) and the addresses of its booking and quote pages. The API path keeps its old
 * name: `/admin/api/messaging/settings`.
 */
import * as v from 'valibot'
import { TimeOfDaySchema } from './dates'
import { text } from './common'
import { SingleLineSchema } from './text'

/** The name of a Worker secret (or variable) that holds a credential; never the credential. */
export const SecretNameSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'name a Worker secret, e.g. RESEND_API_KEY'),
)

export const DeliverySettingsSchema = v.strictObject({
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
  quietHours: v.nullable(v.strictObject({ start: TimeOfDaySchema, end: TimeOfDaySchema })),
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
export type DeliverySettings = v.InferOutput<typeof DeliverySettingsSchema>
