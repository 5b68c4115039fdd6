/**
 * Admin API for privacy (KVKK/GDPR): everything held about one person and erasing them, under
 * `/admin/api/contacts/:id`, and the store's retention setting at `/admin/api/privacy`.
 */
import { Hono } from 'hono'
import * as v from 'valibot'
import {
  ContactEraseSchema,
  ContactErasedSchema,
  IdSchema,
  PrivacySettingsInputSchema,
  PrivacySettingsSchema,
  SubjectExportSchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import { getPrivacySettings, putPrivacySettingsStatement } from '../db/contacts-privacy'
import { requireOwner } from '../middleware/admin-auth'
import { requireJson } from '../middleware/body'
import { describeRoute, validate } from '../openapi/describe'
import { eraseContact } from '../usecases/erase-contact'
import { exportContactData } from '../usecases/export-contact-data'
import { findContact } from './contact-lookup'

const idParam = validate('param', v.object({ id: IdSchema }))

/** A person's data, at `/admin/api/contacts/:id/export` and `/admin/api/contacts/:id/erase`. */
export const adminContactPrivacy = new Hono<AppEnv>()
  .get(
    '/:id/export',
    describeRoute({
      operationId: 'exportContactData',
      summary: 'Everything held about one person (KVKK/GDPR subject access)',
      description:
        'One JSON file (`Content-Disposition: attachment`): the contact, consent records ' +
        '(each with the exact wording it was given under, its language, channel, source ' +
        'and time), leads and stage history, the whole timeline, quiz responses, ' +
        'bookings, quotes, invoices, the e-mails and SMS sent to them, and merges. The ' +
        'export is recorded in the audit log.',
      tag: 'Contacts',
      success: { status: 200, description: 'The file.', schema: SubjectExportSchema },
      errors: [401, 404, 422, 500, 503],
    }),
    idParam,
    async (c) => {
      const deps = { db: c.env.DB, now: new Date() }
      const { id } = c.req.valid('param')
      const data = await exportContactData(deps, id, c.get('auth'))
      return c.json(data, 200, {
        'Content-Disposition': `attachment; filename="contact-${id}.json"`,
        'Cache-Control': 'no-store',
      })
    },
  )
  .post(
    '/:id/erase',
    describeRoute({
      operationId: 'eraseContact',
      summary: "Erase a person's data (owners)",
      description:
        "Anonymises the person everywhere in one batch: the contact's fields, tags and " +
        "custom fields, their leads' message, custom fields and source, personal parts " +
        'of timeline entries, events and quote events, free-text quiz answers, booking ' +
        'notes, the name a quote was accepted with, and the recipient and content of ' +
        'messages to them (queued ones are cancelled). Stages, history, amounts and ' +
        'consent records (without personal data) stay, so the numbers add up. Raises ' +
        '`contact.erased`; the audit log records who, when and why. A second erasure, or ' +
        'erasing a merged contact, answers 409.',
      tag: 'Contacts',
      success: { status: 200, description: 'Erased.', schema: ContactErasedSchema },
      errors: [400, 401, 403, 404, 409, 413, 415, 422, 500, 503],
    }),
    idParam,
    requireJson(),
    validate('json', ContactEraseSchema),
    async (c) => {
      const contact = await findContact(c, c.req.valid('param').id)
      requireOwner(c)
      const deps = { db: c.env.DB, now: new Date() }
      return c.json(await eraseContact(deps, contact, c.req.valid('json').reason, c.get('auth')))
    },
  )

/** The store's retention setting, at `/admin/api/privacy`. */
export const adminPrivacy = new Hono<AppEnv>()
  .get(
    '/settings',
    describeRoute({
      operationId: 'getPrivacySettings',
      summary: "The store's retention setting",
      tag: 'Contacts',
      success: { status: 200, description: 'The settings.', schema: PrivacySettingsSchema },
      errors: [401, 500, 503],
    }),
    async (c) => c.json(await getPrivacySettings(c.env.DB, c.get('auth').siteId)),
  )
  .put(
    '/settings',
    describeRoute({
      operationId: 'updatePrivacySettings',
      summary: 'Set the retention period (owners)',
      description:
        '`retentionMonths` (1–120): the daily run anonymises contacts without any ' +
        'activity or lead change for that long, as an erasure does (audit actor ' +
        '`system`); `null` turns it off.',
      tag: 'Contacts',
      success: { status: 200, description: 'The settings.', schema: PrivacySettingsSchema },
      errors: [400, 401, 403, 413, 415, 422, 500, 503],
    }),
    requireJson(),
    validate('json', PrivacySettingsInputSchema),
    async (c) => {
      requireOwner(c)
      const { siteId, userId } = c.get('auth')
      const { retentionMonths } = c.req.valid('json')
      await putPrivacySettingsStatement(
        c.env.DB,
        siteId,
        retentionMonths,
        userId,
        new Date().toISOString(),
      ).run()
      return c.json(await getPrivacySettings(c.env.DB, siteId))
    },
  )
