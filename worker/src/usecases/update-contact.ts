/**
 * A rep changes a contact's details (fields, owner, tags, custom fields): one batch guarded by
 * the version the rep last read, with the audit row (the contact as it was and the changes) and
 * the new tags applying only when the guard matched.
 */
import type { Contact, ContactUpdate } from '../../../contract'
import { normalizeEmail, normalizePhone } from '../contacts/normalize'
import { auditStatement, replaceTagsStatements, updateContactStatement } from '../db/contacts'
import { getSiteById } from '../db/sites'
import { userExists } from '../db/users'
import { DomainError } from '../lib/errors'
import { newId } from '../lib/ids'
import { runBatch, type Deps } from './batch'
import { contactOf, staleContact, type ContactActor } from './contacts'

/**
 * Changes contact `id` of the store; answers it after the change. Throws 404 for a contact not
 * of the store, 409 `conflict` for an erased or merged contact, an e-mail another contact has,
 * or a stale `expectedVersion` (with the contact as it is now; nothing written), 422 for a phone
 * number that is not one or an owner not of the store.
 */
export async function updateContact(
  { db, now }: Deps,
  id: string,
  { expectedVersion, tags, ...changes }: ContactUpdate,
  { siteId, userId }: ContactActor,
): Promise<Contact> {
  const current = await contactOf(db, siteId, id)
  if (current.mergedInto || current.erasedAt) {
    throw new DomainError(
      'conflict',
      current.erasedAt ? 'This contact was erased.' : 'This contact was merged into another one.',
    )
  }
  if (changes.email !== undefined) changes.email = normalizeEmail(changes.email)
  if (changes.phone) {
    const site = await getSiteById(db, siteId)
    const phone = normalizePhone(changes.phone, site?.default_region ?? 'TR')
    if (!phone.ok) {
      throw new DomainError('validation_failed', 'Some fields are not valid.', [
        { path: 'phone', message: 'enter a valid phone number' },
      ])
    }
    changes.phone = phone.value
  }
  if (changes.ownerId && !(await userExists(db, siteId, changes.ownerId))) {
    throw new DomainError('validation_failed', 'No such user in this store.', [
      { path: 'ownerId', message: 'unknown user' },
    ])
  }
  const at = now.toISOString()
  const auditId = newId('au')
  const detail = { before: current, changes: tags ? { ...changes, tags } : changes }
  let matched: boolean
  try {
    ;({ matched } = await runBatch(db, {
      change: [
        updateContactStatement(db, siteId, id, changes, expectedVersion, at),
        auditStatement(
          db,
          siteId,
          userId,
          'contact_updated',
          { type: 'contact', id },
          detail,
          at,
          auditId,
        ),
      ],
      then: tags
        ? replaceTagsStatements(db, siteId, id, tags, { table: 'audit_log', id: auditId })
        : [],
    }))
  } catch (err) {
    if (err instanceof Error && /UNIQUE constraint failed: contacts/.test(err.message)) {
      throw new DomainError('conflict', 'Another contact already has this e-mail address.')
    }
    throw err
  }
  if (!matched) throw staleContact(await contactOf(db, siteId, id))
  return contactOf(db, siteId, id)
}
