/**
 * A rep merges two contacts that are one person: everything of `from` (leads, timeline,
 * consents, messages, enrollments, events, tags) moves to the contact kept, whose empty fields
 * are filled from `from`, in one batch guarded by the kept contact's version and both contacts
 * being live (db/contacts-merge.ts).
 */
import type { ContactMerge, ContactMerged } from '../../../contract'
import { listMerges } from '../db/contacts'
import { mergeStatements } from '../db/contacts-merge'
import { DomainError } from '../lib/errors'
import { runBatch, type Deps } from './batch'
import { contactOf, staleContact, type ContactActor } from './contacts'

/**
 * Merges the contact `from` into `intoId`; answers the kept contact after the merge and the
 * merge's record. Throws 422 `validation_failed` for a contact merged into itself, 404 for a
 * contact not of the store, 409 `conflict` for an erased or merged contact, a stale
 * `expectedVersion` (with the contact as it is now) or a contact changed meanwhile (nothing
 * written).
 * @example await mergeContacts({ db, now: new Date() }, 'ct_a', { from: 'ct_b', expectedVersion: 3 }, auth)
 */
export async function mergeContacts(
  { db, now }: Deps,
  intoId: string,
  { from, expectedVersion }: ContactMerge,
  { siteId, userId }: ContactActor,
): Promise<ContactMerged> {
  if (from === intoId) {
    throw new DomainError('validation_failed', 'A contact cannot be merged into itself.', [
      { path: 'from', message: 'the same contact as the one merged into' },
    ])
  }
  const into = await contactOf(db, siteId, intoId)
  const source = await contactOf(db, siteId, from)
  for (const contact of [into, source]) {
    if (contact.erasedAt) throw new DomainError('conflict', `Contact ${contact.id} was erased.`)
    if (contact.mergedInto) {
      throw new DomainError(
        'conflict',
        `Contact ${contact.id} was already merged into another one.`,
      )
    }
  }
  const merge = mergeStatements(db, {
    siteId,
    intoId,
    fromId: from,
    expectedVersion,
    actorId: userId,
    at: now.toISOString(),
  })
  const { matched } = await runBatch(db, { change: merge.change, then: merge.then })
  if (!matched) {
    const current = await contactOf(db, siteId, intoId)
    if (current.version !== expectedVersion) throw staleContact(current)
    throw new DomainError('conflict', 'One of the contacts changed meanwhile; reload and retry.')
  }
  const record = (await listMerges(db, siteId, intoId)).find((m) => m.id === merge.id)
  // The batch wrote the merge row (the guard matched), so it is there to read.
  if (!record) throw new Error(`merge ${merge.id} missing after its batch`)
  return { contact: await contactOf(db, siteId, intoId), merge: record }
}
