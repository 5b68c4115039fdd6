/** What the contacts use cases share: a contact of the store or 404, and the stale 409. */
import type { Contact } from '../../../contract'
import { getContact } from '../db/contacts'
import { DomainError } from '../lib/errors'
import type {} from './batch'

/** Who acts on a contact: a person of the store. */
export interface ContactActor {
  siteId: string
  userId: string
}

/** The contact `id` of the store, or 404 `not_found`. */
export async function contactOf(db: D1Database, siteId: string, id: string): Promise<Contact> {
  const contact = await getContact(db, siteId, id)
  if (!contact) throw new DomainError('not_found', 'No such contact.')
  return contact
}

/** 409 with the contact as it is now, for a client whose `expectedVersion` is stale. */
export const staleContact = (current: Contact) =>
  new DomainError('conflict', 'Someone changed this contact first.', undefined, { current })
