/**
 * A rep enrolls a lead in a nurture sequence by hand, now or later, or takes it out of one. Each
 * is one batch whose first statement is the guard (the enrollment inserted only for an open lead
 * in an active sequence it is not in yet; the exit only of an active enrollment), with the
 * timeline row applying only when it matched (db/enrollments.ts).
 */
import type { Enrollment } from '../../../contract'
import {
  enrollStatements,
  enrollmentFromRow,
  exitStatements,
  getEnrollment,
} from '../db/enrollments'
import { getLead } from '../db/leads'
import { getSequence } from '../db/sequences'
import { DomainError } from '../lib/errors'
import { newId } from '../lib/ids'
import { runBatch, type Deps } from './batch'

/** Who enrolls or takes out: a person of the store. */
export interface EnrollmentActor {
  siteId: string
  userId: string
}

/** How far in the past a hand enrollment's `startAt` may be (a slow form, a clock a bit off). */
const START_SLACK_MS = 60_000

/**
 * Enrolls lead `leadId` in sequence `sequenceId` of the store, its first step due at `startAt`
 * (now when not given); answers the enrollment. 422 for a `startAt` in the past, 404 for a
 * sequence or lead not of the store, 409 `conflict` for a paused or archived sequence, a won or
 * lost lead, or a lead already in the sequence (nothing written).
 */
export async function enrollLead(
  { db, now }: Deps,
  sequenceId: string,
  { leadId, startAt }: { leadId: string; startAt?: string },
  { siteId, userId }: EnrollmentActor,
): Promise<Enrollment> {
  if (startAt !== undefined && Date.parse(startAt) < now.getTime() - START_SLACK_MS) {
    throw new DomainError('validation_failed', 'The enrollment schedules in the past.', [
      { path: 'startAt', message: 'schedules in the past' },
    ])
  }
  const sequence = await getSequence(db, siteId, sequenceId)
  if (!sequence) throw new DomainError('not_found', 'No such sequence.')
  if (sequence.status !== 'active') {
    throw new DomainError('conflict', `This sequence is ${sequence.status}.`)
  }
  const lead = await getLead(db, siteId, leadId)
  if (!lead) throw new DomainError('not_found', 'No such lead.')
  if (lead.stage === 'won' || lead.stage === 'lost') {
    throw new DomainError('conflict', `This lead is closed (${lead.stage}).`)
  }
  const id = newId('en')
  const at = now.toISOString()
  const enroll = enrollStatements(db, {
    id,
    siteId,
    sequenceId: sequence.id,
    leadId,
    // Stored as UTC ISO, like every time the runner compares as text.
    nextRunAt: startAt === undefined ? at : new Date(startAt).toISOString(),
    enrolledBy: 'user',
    actorId: userId,
    at,
  })
  const { matched } = await runBatch(db, { change: enroll })
  if (!matched) throw new DomainError('conflict', 'This lead is already in this sequence.')
  return enrollmentFromRow((await getEnrollment(db, siteId, id))!)
}

/**
 * Takes the lead of enrollment `id` out of its sequence: the enrollment ends with the exit reason
 * `removed`. 404 for an enrollment not of the store, 409 `conflict` when it already ended (also
 * when it ended meanwhile; nothing written).
 */
export async function endEnrollment(
  { db, now }: Deps,
  id: string,
  { siteId, userId }: EnrollmentActor,
): Promise<void> {
  const e = await getEnrollment(db, siteId, id)
  if (!e) throw new DomainError('not_found', 'No such enrollment.')
  const ended = new DomainError('conflict', 'This enrollment already ended.')
  if (e.status !== 'active') throw ended
  const exit = exitStatements(db, siteId, e.id, 'removed', userId, now.toISOString())
  const { matched } = await runBatch(db, { change: exit })
  if (!matched) throw ended
}
