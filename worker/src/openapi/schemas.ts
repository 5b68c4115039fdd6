/**
 * Answers the worker builds from contract schemas (pages and lists of them, conflict bodies)
 * that the contract does not export by name. Named here so that routes declare them once and
 * the OpenAPI document lists them as components (`LeadPageSchema` → `LeadPage`).
 */
import * as v from 'valibot'
import {
  BookingSchema,
  ContactSchema,
  EnrollmentSchema,
  LeadListItemSchema,
  OutboxMessageSchema,
  PageSchema,
  QuizResponseSchema,
  QuoteSchema,
  SequenceSchema,
  TaskSchema,
  TemplateSchema,
  WebhookDeliverySchema,
} from '../../../contract'

export const LeadPageSchema = PageSchema(LeadListItemSchema)
export const ContactPageSchema = PageSchema(ContactSchema)
export const QuizResponsePageSchema = PageSchema(QuizResponseSchema)
export const EnrollmentPageSchema = PageSchema(EnrollmentSchema)
export const TaskPageSchema = PageSchema(TaskSchema)
export const OutboxPageSchema = PageSchema(OutboxMessageSchema)
export const WebhookDeliveryPageSchema = PageSchema(WebhookDeliverySchema)
export const BookingListSchema = v.object({ items: v.array(BookingSchema) })
export const QuoteListSchema = v.object({ items: v.array(QuoteSchema) })
export const TemplateListSchema = v.object({ items: v.array(TemplateSchema) })
export const SequenceListSchema = v.object({ items: v.array(SequenceSchema) })
export const EnrollmentListSchema = v.object({ items: v.array(EnrollmentSchema) })

/**
 * A contact update's or merge's 409: with `current` (the contact as it is now) when
 * `expectedVersion` was stale, without it when an e-mail address is already taken.
 */
export const ContactConflictSchema = v.object({
  error: v.object({ code: v.literal('conflict'), message: v.string() }),
  current: v.optional(ContactSchema),
})
