/** A store's current quiz; every store starts with the default BANT quiz as version 1. */
import type { QuizVersion } from '../../../contract'
import { getCurrentQuiz, insertQuizVersionStatement } from '../db/quiz'
import { newId } from '../lib/ids'
import { DEFAULT_QUIZ } from '../scoring'

/** The highest version of the store's quiz, writing the default as version 1 the first time. */
export async function currentQuiz(db: D1Database, siteId: string): Promise<QuizVersion> {
  const quiz = await getCurrentQuiz(db, siteId)
  if (quiz) return quiz
  const at = new Date().toISOString()
  await insertQuizVersionStatement(db, siteId, newId('qz'), DEFAULT_QUIZ, null, at, true).run()
  const created = await getCurrentQuiz(db, siteId)
  if (!created) throw new Error('the default quiz was not written')
  return created
}
