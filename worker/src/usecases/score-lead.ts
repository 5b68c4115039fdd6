/**
 * A rep scores a lead from its captured fields with the store's quiz rules: questions with a
 * `field` take their answer from the lead's fields, the others earn nothing. The score and its
 * breakdown are stored and go on the timeline; the lead does not move.
 */
import type { Lead } from '../../../contract'
import { getContact } from '../db/contacts'
import { activityStatement } from '../db/leads'
import { currentQuiz, scoreLeadStatement } from '../db/quiz'
import { scoreFields } from '../scoring'
import { runBatch, type Deps } from './batch'

export async function scoreLeadFromFields(
  { db, now }: Deps,
  lead: Lead,
  { siteId, userId }: { siteId: string; userId: string },
): Promise<void> {
  const [contact, quiz] = await Promise.all([
    getContact(db, siteId, lead.contactId),
    currentQuiz(db, siteId),
  ])
  const score = scoreFields(quiz.definition, {
    location: contact?.location ?? null,
    custom: lead.custom,
  })
  const at = now.toISOString()
  const body = { quizId: quiz.quizId, version: quiz.version, score }
  await runBatch(db, {
    change: [scoreLeadStatement(db, siteId, lead.id, score, at)],
    then: [
      activityStatement(
        db,
        siteId,
        lead.id,
        { type: 'scored_from_fields', body },
        'user',
        userId,
        at,
        true,
      ),
    ],
  })
}
