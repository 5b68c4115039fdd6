/** Records shaped like the admin API's answers, for the lists' browser tests. */
import * as v from 'valibot'
import { ContactSchema, type Contact } from '../../../contract'

const NOW = new Date().toISOString()

/** A live contact with an e-mail made from its id. */
export function contact(id: string, name: string, extra: Partial<Contact> = {}): Contact {
  return v.parse(ContactSchema, {
    id,
    name,
    email: `${id}@example.com`,
    phone: null,
    company: null,
    location: null,
    ownerId: null,
    tags: [],
    custom: {},
    timeZone: null,
    mergedInto: null,
    erasedAt: null,
    version: 2,
    createdAt: NOW,
    updatedAt: NOW,
    ...extra,
  })
}
