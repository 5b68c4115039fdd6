/**
 * A rep archives a nurture sequence: it sends nothing more and its active enrollments exit with
 * `sequence_archived`, each with a timeline row, all in one batch guarded by the sequence not
 * being archived yet (db/sequences.ts). Archiving an archived sequence changes nothing.
 */
import type { Sequence } from '../../../contract'
import { archiveSequenceStatements } from '../db/sequences'
import { runBatch, type Deps } from './batch'
import type { EnrollmentActor } from './enroll-lead'

/**
 * Archives `sequence`; `archived` is false when it already was (or another request archived it
 * first), and then nothing is written.
 */
export async function archiveSequence(
  { db, now }: Deps,
  sequence: Sequence,
  { siteId, userId }: EnrollmentActor,
): Promise<{ archived: boolean }> {
  if (sequence.status === 'archived') return { archived: false }
  const { matched } = await runBatch(db, {
    change: archiveSequenceStatements(db, siteId, sequence.id, userId, now.toISOString()),
  })
  return { archived: matched }
}
