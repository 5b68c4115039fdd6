/**
 * Admin API for the qualification quiz: the current definition and its versions, saving a new
 * version (owners; usecases/save-quiz.ts), previewing the score of answers, the responses, and the quiz funnel.
 */
import { Hono } from 'hono'
import {
  QuizDefinitionSchema,
  QuizFunnelQuerySchema,
  QuizFunnelSchema,
  QuizPreviewSchema,
  QuizResponsesQuerySchema,
  QuizVersionListSchema,
  QuizVersionSchema,
  ScoreResultSchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import {
  getQuizVersion,
  listQuizVersions,
  listResponses,
  quizFunnel,
  currentQuiz,
} from '../db/quiz'
import { ApiError } from '../lib/errors'
import { requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { checkDefinition, scoreAnswers, validateAnswers } from '../scoring'
import { QuizResponsePageSchema } from '../openapi/schemas'
import { saveQuiz } from '../usecases/save-quiz'

export const adminQuiz = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      operationId: 'getQuiz',
      summary: "The store's current quiz with its scoring rules",
      tag: 'Quiz',
      success: { status: 200, description: 'The current version.', schema: QuizVersionSchema },
      errors: ERRORS.adminRead,
    }),
    async (c) => c.json(await currentQuiz(c.env.DB, c.get('auth').siteId)),
  )
  .get(
    '/versions',
    describeRoute({
      operationId: 'listQuizVersions',
      summary: 'Versions of the quiz, newest first',
      tag: 'Quiz',
      success: { status: 200, description: 'The versions.', schema: QuizVersionListSchema },
      errors: ERRORS.adminRead,
    }),
    async (c) => c.json({ items: await listQuizVersions(c.env.DB, c.get('auth').siteId) }),
  )
  .put(
    '/',
    describeRoute({
      operationId: 'saveQuiz',
      summary: 'Save a new version of the quiz (owners)',
      description:
        'Responses keep the version they answered. Refused with the reasons when the ' +
        'quiz is not consistent (conditions on later questions, backward jumps, unknown ' +
        'criteria, …).',
      tag: 'Quiz',
      success: { status: 201, description: 'The new version.', schema: QuizVersionSchema },
      errors: [...ERRORS.adminJson, 403, 409],
    }),
    requireJson(),
    validate('json', QuizDefinitionSchema),
    async (c) => {
      const { siteId, userId, role } = c.get('auth')
      if (role !== 'owner')
        throw new ApiError('forbidden', 'Only the store owner can change the quiz.')
      const deps = { db: c.env.DB, now: new Date() }
      return c.json(await saveQuiz(deps, c.req.valid('json'), { siteId, userId }), 201)
    },
  )
  .post(
    '/preview',
    describeRoute({
      operationId: 'previewQuizScore',
      summary: 'Score answers without saving anything',
      description: 'Against the current quiz, or against `definition` to try an edit first.',
      tag: 'Quiz',
      success: { status: 200, description: 'The score.', schema: ScoreResultSchema },
      errors: ERRORS.adminJson,
    }),
    requireJson(),
    validate('json', QuizPreviewSchema),
    async (c) => {
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
    },
  )
  .get(
    '/responses',
    describeRoute({
      operationId: 'listQuizResponses',
      summary: 'Quiz responses, newest first',
      tag: 'Quiz',
      success: { status: 200, description: 'A page of responses.', schema: QuizResponsePageSchema },
      errors: ERRORS.adminPage,
    }),
    validate('query', QuizResponsesQuerySchema),
    async (c) => c.json(await listResponses(c.env.DB, c.get('auth').siteId, c.req.valid('query'))),
  )
  .get(
    '/funnel',
    describeRoute({
      operationId: 'getQuizFunnel',
      summary: 'Where visitors drop out of the quiz',
      description:
        'Per question of a version (the current one by default): sessions shown it, ' +
        'sessions that answered it, and sessions that stopped there without completing.',
      tag: 'Quiz',
      success: { status: 200, description: 'The funnel.', schema: QuizFunnelSchema },
      errors: ERRORS.adminReadById,
    }),
    validate('query', QuizFunnelQuerySchema),
    async (c) => {
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
    },
  )
