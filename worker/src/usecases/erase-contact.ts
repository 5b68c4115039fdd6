/**
 * Erasing a person (KVKK/GDPR): an owner's erasure and the retention run anonymise the contact
 * (and the contacts merged into it) everywhere in one batch guarded by the contact being live,
 * keeping stages, history, amounts and consent proof (db/contacts-privacy.ts).
 */
import type { Contact, ContactErased } from '../../../contract'
import { eraseStatements, type EraseInput } from '../db/contacts-privacy'
import { DomainError } from '../lib/errors'
import { runBatch, type Deps } from './batch'
import type { ContactActor } from './contacts'

/**
 * Erases a contact in one batch; false when it was no longer live (erased or merged meanwhile)
 * and nothing was written. The retention run calls it for each inactive contact.
 * @example if (await erasePerson(db, { siteId, contactId, actor: { type: 'system' }, reason, at })) erased++
 */
export async function erasePerson(db: D1Database, erase: EraseInput): Promise<boolean> {
  const { change, then, events } = eraseStatements(db, erase)
  const { matched } = await runBatch(db, { change, then, events })
  return matched
}

/**
 * An owner erases a contact of their store with a reason; answers who erased it and when.
 * Throws 409 `conflict` for a contact already erased (or erased meanwhile) or merged into
 * another one (that one is the person to erase).
 */
export async function eraseContact(
  { db, now }: Deps,
  contact: Contact,
  reason: string,
  { siteId, userId }: ContactActor,
): Promise<ContactErased> {
  if (contact.erasedAt) throw new DomainError('conflict', 'This contact was already erased.')
  if (contact.mergedInto) {
    throw new DomainError(
      'conflict',
      'This contact was merged into another one; erase that contact instead.',
    )
  }
  const at = now.toISOString()
  const erased = await erasePerson(db, {
    siteId,
    contactId: contact.id,
    actor: { type: 'user', id: userId },
    reason,
    at,
  })
  if (!erased) throw new DomainError('conflict', 'This contact was already erased.')
  return { contactId: contact.id, erasedAt: at, erasedBy: userId }
}
