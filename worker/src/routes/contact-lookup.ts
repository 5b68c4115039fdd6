/** What the contacts routes share: finding a contact in the key's store, and the stale 409. */
import type { Context } from 'hono'
import type { Contact } from '../../../contract'
import type { AppEnv } from '../env'
import { getContact } from '../db/contacts'
import { ApiError, DomainError } from '../lib/errors'

/** The contact of the key's store, or 404. */
export async function findContact(c: Context<AppEnv>, id: string): Promise<Contact> {
  const contact = await getContact(c.env.DB, c.get('auth').siteId, id)
  if (!contact) throw new ApiError('not_found', 'No such contact.')
  return contact
}

/** 409 with the contact as it is now, for a client whose `expectedVersion` is stale. */
export const staleContact = (current: Contact) =>
  new DomainError('conflict', 'Someone changed this contact first.', undefined, { current })
