/**
 * A rep answers a person's subject access request (KVKK art. 11 / GDPR art. 15): everything the
 * store holds about the contact, with the export recorded in the audit log.
 */
import type { SubjectExport } from '../../../contract'
import { subjectAccessAuditStatement, subjectExport } from '../db/contacts-privacy'
import { DomainError } from '../lib/errors'
import type { ContactActor } from './contacts'
import type { Deps } from './batch'

/**
 * Everything held about contact `contactId` of the store (db/contacts-privacy.ts), read first
 * and then recorded as exported by the rep. Throws 404 for a contact not of the store.
 */
export async function exportContactData(
  { db, now }: Deps,
  contactId: string,
  { siteId, userId }: ContactActor,
): Promise<SubjectExport> {
  const at = now.toISOString()
  const data = await subjectExport(db, siteId, contactId, at)
  if (!data) throw new DomainError('not_found', 'No such contact.')
  await subjectAccessAuditStatement(db, siteId, userId, contactId, at).run()
  return data
}
