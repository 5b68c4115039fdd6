/** What the contacts routes share: finding a contact in the key's store. */
import type { Context } from 'hono'
import type { Contact } from '../../../contract'
import type { AppEnv } from '../env'
import { contactOf } from '../usecases/contacts'

/** The contact of the key's store, or 404. */
export const findContact = (c: Context<AppEnv>, id: string): Promise<Contact> =>
  contactOf(c.env.DB, c.get('auth').siteId, id)
