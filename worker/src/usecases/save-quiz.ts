/**
 * The store owner saves a new version of the qualification quiz: checked for consistency, then
 * inserted as the next version with its audit row in one batch. Responses keep the version they
 * answered.
 */
import type { QuizDefinition, QuizVersion } from '../../../contract'
import { auditStatement } from '../db/contacts'
import { currentQuiz, insertQuizVersionStatement, isQuizVersionConflict } from '../db/quiz'
import { DomainError } from '../lib/errors'
import { newId } from '../lib/ids'
import { checkDefinition } from '../scoring'
import { runBatch, type Deps } from './batch'

/**
 * Saves `definition` as the store's next quiz version; answers the current version after it.
 * 422 with the reasons when the quiz is not consistent, 409 when another save took the same
 * version number at the same moment (nothing written).
 */
export async function saveQuiz(
  { db, now }: Deps,
  definition: QuizDefinition,
  { siteId, userId }: { siteId: string; userId: string },
): Promise<QuizVersion> {
  const issues = checkDefinition(definition)
  if (issues.length > 0) {
    throw new DomainError('validation_failed', 'The quiz is not consistent.', issues)
  }
  // Make sure version 1 exists first, so the default is never lost under a saved version.
  await currentQuiz(db, siteId)
  const id = newId('qz')
  const at = now.toISOString()
  const target = { type: 'quiz', id }
  const { matched } = await runBatch(db, {
    // The insert takes the next version number; a save that took it first fails the batch.
    change: [
      insertQuizVersionStatement(db, siteId, id, definition, userId, at),
      auditStatement(db, siteId, userId, 'quiz_saved', target, {}, at, newId('au')),
    ],
    conflict: isQuizVersionConflict,
  })
  if (!matched) {
    throw new DomainError(
      'conflict',
      'Someone saved the quiz at the same moment; reload and retry.',
    )
  }
  return currentQuiz(db, siteId)
}
