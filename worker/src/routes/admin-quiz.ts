/**
 * Admin API for the qualification quiz: the current definition and its versions, saving a new
 * version (owners), previewing the score of answers, the responses, and the quiz funnel.
 */
import { Hono } from 'hono'
import {
  QuizDefinitionSchema,
  QuizFunnelQuerySchema,
  QuizPreviewSchema,
  QuizResponsesQuerySchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import { auditStatement } from '../db/contacts'
import {
  getQuizVersion,
  insertQuizVersionStatement,
  isQuizVersionConflict,
  listQuizVersions,
  listResponses,
  quizFunnel,
} from '../db/quiz'
import { ApiError } from '../lib/errors'
import { newId } from '../lib/ids'
import { requireJson, validate } from '../middleware/body'
import { currentQuiz } from '../quiz/current'
import { checkDefinition, scoreAnswers, validateAnswers } from '../scoring'

export const adminQuiz = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await currentQuiz(c.env.DB, c.get('auth').siteId)))
  .get('/versions', async (c) =>
    c.json({ items: await listQuizVersions(c.env.DB, c.get('auth').siteId) }),
  )
  .put('/', requireJson(), validate('json', QuizDefinitionSchema), async (c) => {
    const { siteId, userId, role } = c.get('auth')
    if (role !== 'owner')
      throw new ApiError('forbidden', 'Only the store owner can change the quiz.')
    const definition = c.req.valid('json')
    const issues = checkDefinition(definition)
    if (issues.length > 0)
      throw new ApiError('validation_failed', 'The quiz is not consistent.', issues)
    // Make sure version 1 exists first, so the default is never lost under a saved version.
    await currentQuiz(c.env.DB, siteId)
    const id = newId('qz')
    const at = new Date().toISOString()
    const db = c.env.DB
    try {
      await db.batch([
        insertQuizVersionStatement(db, siteId, id, definition, userId, at),
        auditStatement(db, siteId, userId, 'quiz_saved', { type: 'quiz', id }, {}, at, newId('au')),
      ])
    } catch (err) {
      if (isQuizVersionConflict(err)) {
        throw new ApiError(
          'conflict',
          'Someone saved the quiz at the same moment; reload and retry.',
        )
      }
      throw err
    }
    const saved = await currentQuiz(db, siteId)
    return c.json(saved, 201)
  })
  .post('/preview', requireJson(), validate('json', QuizPreviewSchema), async (c) => {
    const { answers, definition: draft } = c.req.valid('json')
    const definition = draft ?? (await currentQuiz(c.env.DB, c.get('auth').siteId)).definition
    if (draft) {
      const issues = checkDefinition(draft)
      if (issues.length > 0)
        throw new ApiError('validation_failed', 'The quiz is not consistent.', issues)
    }
    const checked = validateAnswers(definition, answers)
    if (!checked.ok)
      throw new ApiError('validation_failed', 'Some answers are not valid.', checked.issues)
    return c.json(scoreAnswers(definition, answers))
  })
  .get('/responses', validate('query', QuizResponsesQuerySchema), async (c) =>
    c.json(await listResponses(c.env.DB, c.get('auth').siteId, c.req.valid('query'))),
  )
  .get('/funnel', validate('query', QuizFunnelQuerySchema), async (c) => {
    const { siteId } = c.get('auth')
    const { version } = c.req.valid('query')
    const quiz =
      version === undefined
        ? await currentQuiz(c.env.DB, siteId)
        : await getQuizVersion(c.env.DB, siteId, version)
    if (!quiz) throw new ApiError('not_found', 'No such quiz version.')
    const f = await quizFunnel(c.env.DB, siteId, quiz.quizId)
    return c.json({
      version: quiz.version,
      sessions: f.sessions,
      completed: f.completed,
      questions: quiz.definition.questions.map((q) => ({
        question: q.id,
        shown: f.shown.get(q.id) ?? 0,
        answered: f.answered.get(q.id) ?? 0,
        abandoned: f.abandoned.get(q.id) ?? 0,
      })),
    })
  })
