/**
 * Admin API for contacts, under `/admin/api/contacts`: the list, duplicates, a contact with its
 * leads and timeline, changes and merges. Files (export, import) are in admin-contacts-files.ts,
 * a person's data and erasure in admin-contacts-privacy.ts.
 */
import { Hono } from 'hono'
import * as v from 'valibot'
import {
  ContactDetailSchema,
  ContactListQuerySchema,
  ContactMergeSchema,
  ContactMergedSchema,
  ContactSchema,
  ContactUpdateSchema,
  DuplicatesSchema,
  IdSchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import { listActivities, listConsents, listContacts, listMerges } from '../db/contacts'
import { duplicateGroups } from '../db/contacts-merge'
import { listLeadsOfContact } from '../db/leads'
import { requireJson } from '../middleware/body'
import { describeRoute, validate } from '../openapi/describe'
import { ContactConflictSchema, ContactPageSchema } from '../openapi/schemas'
import { mergeContacts } from '../usecases/merge-contacts'
import { updateContact } from '../usecases/update-contact'
import { findContact } from './contact-lookup'

const idParam = validate('param', v.object({ id: IdSchema }))

export const adminContacts = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      operationId: 'listContacts',
      summary: 'List contacts',
      description: 'Pages by `nextCursor`: pass it back as `cursor` with the same filters.',
      tag: 'Contacts',
      success: { status: 200, description: 'A page of contacts.', schema: ContactPageSchema },
      errors: [400, 401, 422, 500, 503],
    }),
    validate('query', ContactListQuerySchema),
    async (c) => c.json(await listContacts(c.env.DB, c.get('auth').siteId, c.req.valid('query'))),
  )
  .get(
    '/duplicates',
    describeRoute({
      operationId: 'listDuplicateContacts',
      summary: 'Contacts that look like one person',
      description:
        'Groups of live contacts with the same mailbox (Gmail dots and `+tags` ignored), ' +
        'the same phone, or similar names (Turkish letters folded, word order ignored, a ' +
        'typo or two; not at different companies), strongest reasons first; at most 50 ' +
        "groups over the store's 2000 newest contacts.",
      tag: 'Contacts',
      success: { status: 200, description: 'The groups.', schema: DuplicatesSchema },
      errors: [401, 500, 503],
    }),
    async (c) => {
      const groups = await duplicateGroups(c.env.DB, c.get('auth').siteId)
      return c.json({
        items: groups.map(({ plan, contacts }) => ({
          reason: plan.reason,
          key: plan.key,
          score: plan.score,
          contacts,
        })),
      })
    },
  )
  .get(
    '/:id',
    describeRoute({
      operationId: 'getContact',
      summary: 'A contact with consents, leads and timeline',
      tag: 'Contacts',
      success: { status: 200, description: 'The contact.', schema: ContactDetailSchema },
      errors: [401, 404, 422, 500, 503],
    }),
    idParam,
    async (c) => {
      const { siteId } = c.get('auth')
      const contact = await findContact(c, c.req.valid('param').id)
      const db = c.env.DB
      const [consents, leads, timeline, merges] = await Promise.all([
        listConsents(db, siteId, contact.id),
        listLeadsOfContact(db, siteId, contact.id),
        listActivities(db, siteId, { contactId: contact.id }),
        listMerges(db, siteId, contact.id),
      ])
      return c.json({ contact, consents, leads, timeline, merges })
    },
  )
  .patch(
    '/:id',
    describeRoute({
      operationId: 'updateContact',
      summary: "Change a contact's details",
      description:
        'Send `expectedVersion` and at least one field; `null` clears a field. A stale ' +
        'version answers 409 with the contact as it is now; an e-mail another contact ' +
        'has answers 409 too.',
      tag: 'Contacts',
      success: { status: 200, description: 'The contact after the change.', schema: ContactSchema },
      errors: [400, 401, 404, 409, 413, 415, 422, 500, 503],
      conflict: ContactConflictSchema,
    }),
    idParam,
    requireJson(),
    validate('json', ContactUpdateSchema),
    async (c) => {
      const deps = { db: c.env.DB, now: new Date() }
      const { id } = c.req.valid('param')
      return c.json(await updateContact(deps, id, c.req.valid('json'), c.get('auth')))
    },
  )
  .post(
    '/:id/merge',
    describeRoute({
      operationId: 'mergeContacts',
      summary: 'Merge another contact into this one',
      description:
        "In one batch: `from`'s leads (with their quiz responses, bookings, quotes and " +
        'invoices), timeline, messages, enrollments and tags move to this contact; its ' +
        'consent records move too, keeping their text version and time and naming `from` ' +
        "as the person who gave them; this contact's empty fields are filled from " +
        '`from`; `from` is marked merged and hidden from lists; the merge is recorded ' +
        '(shown in the contact detail), on both timelines and in the audit log. ' +
        "`expectedVersion` is this contact's. Merging a contact into itself answers 422; " +
        'a contact of another store 404; an erased or merged contact or a stale version ' +
        '409.',
      tag: 'Contacts',
      success: {
        status: 200,
        description: 'The contact after the merge.',
        schema: ContactMergedSchema,
      },
      errors: [400, 401, 404, 409, 413, 415, 422, 500, 503],
      conflict: ContactConflictSchema,
    }),
    idParam,
    requireJson(),
    validate('json', ContactMergeSchema),
    async (c) => {
      const deps = { db: c.env.DB, now: new Date() }
      const merged = await mergeContacts(
        deps,
        c.req.valid('param').id,
        c.req.valid('json'),
        c.get('auth'),
      )
      return c.json(merged)
    },
  )
