/** Admin API for contacts: list, detail with all their leads and activities, update. */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import {
  type Contact,
  ContactDetailSchema,
  ContactListQuerySchema,
  ContactSchema,
  ContactUpdateSchema,
  IdSchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import { normalizeEmail, normalizePhone } from '../contacts/normalize'
import {
  auditStatement,
  getContact,
  listActivities,
  listConsents,
  listContacts,
  listMerges,
  replaceTagsStatements,
  updateContactStatement,
} from '../db/contacts'
import { listLeadsOfContact } from '../db/leads'
import { contactBookCollection } from './admin-contact-book'
import { getSiteById } from '../db/sites'
import { userExists } from '../db/users'
import { ApiError, envelope } from '../lib/errors'
import { newId } from '../lib/ids'
import { requireJson } from '../middleware/body'
import { describeRoute, validate } from '../openapi/describe'
import { ContactConflictSchema, ContactPageSchema } from '../openapi/schemas'

const idParam = validate('param', v.object({ id: IdSchema }))

async function findContact(c: Context<AppEnv>, id: string): Promise<Contact> {
  const contact = await getContact(c.env.DB, c.get('auth').siteId, id)
  if (!contact) throw new ApiError('not_found', 'No such contact.')
  return contact
}

export const adminContacts = new Hono<AppEnv>()
  // Before `/:id`: `duplicates`, `export` and `import` are not contact ids.
  .route('/', contactBookCollection)
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
      const { siteId, userId } = c.get('auth')
      const id = c.req.valid('param').id
      const { expectedVersion, tags, ...changes } = c.req.valid('json')
      const current = await findContact(c, id)
      if (current.mergedInto || current.erasedAt) {
        throw new ApiError(
          'conflict',
          current.erasedAt
            ? 'This contact was erased.'
            : 'This contact was merged into another one.',
        )
      }
      const db = c.env.DB
      if (changes.email !== undefined) changes.email = normalizeEmail(changes.email)
      if (changes.phone) {
        const site = await getSiteById(db, siteId)
        const phone = normalizePhone(changes.phone, site?.default_region ?? 'TR')
        if (!phone.ok) {
          throw new ApiError('validation_failed', 'Some fields are not valid.', [
            { path: 'phone', message: 'enter a valid phone number' },
          ])
        }
        changes.phone = phone.value
      }
      if (changes.ownerId && !(await userExists(db, siteId, changes.ownerId))) {
        throw new ApiError('validation_failed', 'No such user in this store.', [
          { path: 'ownerId', message: 'unknown user' },
        ])
      }
      const at = new Date().toISOString()
      const auditId = newId('au')
      let changed: number | undefined
      try {
        const [update] = await db.batch([
          updateContactStatement(db, siteId, id, changes, expectedVersion, at),
          auditStatement(
            db,
            siteId,
            userId,
            'contact_updated',
            { type: 'contact', id },
            { before: current, changes: tags ? { ...changes, tags } : changes },
            at,
            auditId,
          ),
          ...(tags
            ? replaceTagsStatements(db, siteId, id, tags, { table: 'audit_log', id: auditId })
            : []),
        ])
        changed = update?.meta.changes
      } catch (err) {
        if (err instanceof Error && /UNIQUE constraint failed: contacts/.test(err.message)) {
          throw new ApiError('conflict', 'Another contact already has this e-mail address.')
        }
        throw err
      }
      if (changed !== 1) {
        return c.json(
          {
            ...envelope('conflict', 'Someone changed this contact first.'),
            current: await findContact(c, id),
          },
          409,
        )
      }
      return c.json(await findContact(c, id))
    },
  )
