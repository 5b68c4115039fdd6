/**
 * The public quiz API `<leadline-quiz>` calls: the store's current quiz (without its scoring
 * rules), the start of a quiz tied to a lead, anonymous funnel steps, and the finished quiz,
 * which the server scores itself.
 */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import {
  PublicQuizSchema,
  QuizEventsAcceptedSchema,
  QuizEventsSchema,
  QuizStartSchema,
  QuizStartedSchema,
  QuizSubmitSchema,
  type QuizSubmitted,
  QuizSubmittedSchema,
  type QuizVersion,
  SiteKeySchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import { captureStatements } from '../db/capture'
import { quizCompletedStatements } from '../db/events'
import { activityStatement, getLead, moveStatements } from '../db/leads'
import {
  completeResponseStatement,
  currentQuiz,
  getSessionResponse,
  scoreLeadStatement,
  startResponseStatement,
  stepEventStatements,
} from '../db/quiz'
import type { SiteRow } from '../db/sites'
import { planCapture } from '../leads/capture'
import { completionMoves, startMoves } from '../leads/qualify'
import { ApiError } from '../lib/errors'
import { newId } from '../lib/ids'
import { requireJson } from '../middleware/body'
import { describeRoute, validate } from '../openapi/describe'
import { commitIdempotent, idempotent } from '../middleware/idempotency'
import { rateLimit } from '../middleware/rate-limit'
import { admitSite } from '../middleware/site'
import { scoreAnswers, toPublicQuiz, validateAnswers } from '../scoring'
import { readSettings } from '../sites/settings'

/** The current quiz, or 409 `quiz_version_stale` when the visitor answered another version. */
async function answeredQuiz(
  c: Context<AppEnv>,
  site: SiteRow,
  quizId: string,
  version: number,
): Promise<QuizVersion> {
  const quiz = await currentQuiz(c.env.DB, site.id)
  if (quiz.quizId !== quizId || quiz.version !== version) {
    throw new ApiError(
      'quiz_version_stale',
      `The store has published version ${quiz.version} of its quiz; reload it and answer again.`,
    )
  }
  return quiz
}

async function findLead(c: Context<AppEnv>, siteId: string, leadId: string) {
  const lead = await getLead(c.env.DB, siteId, leadId)
  if (!lead) throw new ApiError('not_found', 'No such lead in this store.')
  return lead
}

export const siteQuizRoutes = new Hono<AppEnv>().get(
  '/:siteKey/quiz',
  describeRoute({
    operationId: 'getPublicQuiz',
    summary: "A store's current qualification quiz, as a visitor sees it",
    description:
      'Questions, branching and end screens; no points, knock-outs, weights or ' +
      'thresholds. A store that never saved a quiz gets the default BANT quiz as ' +
      'version 1.',
    tag: 'Quiz',
    success: { status: 200, description: 'The quiz.', schema: PublicQuizSchema },
    errors: [403, 404, 422, 500, 503],
  }),
  validate('param', v.object({ siteKey: SiteKeySchema })),
  async (c) => {
    const site = await admitSite(c, c.req.valid('param').siteKey, { write: false })
    const quiz = await currentQuiz(c.env.DB, site.id)
    c.header('Cache-Control', 'public, max-age=60')
    return c.json(toPublicQuiz(quiz.definition, quiz.quizId, quiz.version))
  },
)

/** A visitor's quiz session: start, steps, answers, at `/v1/quiz`. */
export const quizPublicRoutes = new Hono<AppEnv>()
  .post(
    '/start',
    describeRoute({
      operationId: 'startQuiz',
      summary: 'A visitor tied to a lead started the quiz',
      description:
        'First two-way contact: a lead at stage `lead` moves to `qualification`. Once ' +
        'per session; 409 `quiz_version_stale` when the quiz has a newer version.',
      tag: 'Quiz',
      idempotencyKey: 'required',
      success: { status: 201, description: 'The response was started.', schema: QuizStartedSchema },
      errors: [400, 403, 404, 409, 413, 415, 422, 429, 500, 503],
    }),
    requireJson(),
    validate('json', QuizStartSchema),
    async (c) => {
      const input = c.req.valid('json')
      const site = await admitSite(c, input.siteKey, { write: true })
      return idempotent(c, site.id, { required: true }, async (idem) => {
        await rateLimit(c, site.id)
        const quiz = await answeredQuiz(c, site, input.quizId, input.version)
        const lead = await findLead(c, site.id, input.leadId)
        const existing = await getSessionResponse(c.env.DB, site.id, input.sessionId)
        if (existing && existing.lead_id !== lead.id) {
          throw new ApiError('conflict', 'This quiz session belongs to another lead.')
        }
        const now = new Date()
        const at = now.toISOString()
        const responseId = existing?.id ?? newId('qr')
        const db = c.env.DB
        const statements = [
          startResponseStatement(db, site.id, {
            id: responseId,
            quizId: quiz.quizId,
            version: quiz.version,
            sessionId: input.sessionId,
            leadId: lead.id,
            at,
          }),
          ...startMoves(lead.stage, now).flatMap((plan) =>
            moveStatements(db, site.id, lead.id, plan),
          ),
        ]
        return commitIdempotent(c, idem, statements, 201, { responseId }, at)
      })
    },
  )
  .post(
    '/events',
    describeRoute({
      operationId: 'recordQuizSteps',
      summary: 'Anonymous funnel steps of a quiz session',
      description:
        'Which questions a session was shown and answered, without personal data; a step ' +
        'a session already recorded counts once.',
      tag: 'Quiz',
      idempotencyKey: 'required',
      success: {
        status: 202,
        description: 'The steps were recorded.',
        schema: QuizEventsAcceptedSchema,
      },
      errors: [400, 403, 404, 409, 413, 415, 422, 500, 503],
    }),
    requireJson(),
    validate('json', QuizEventsSchema),
    async (c) => {
      const input = c.req.valid('json')
      const site = await admitSite(c, input.siteKey, { write: true })
      return idempotent(c, site.id, { required: true }, async (idem) => {
        const quiz = await answeredQuiz(c, site, input.quizId, input.version)
        const known = new Set(quiz.definition.questions.map((q) => q.id))
        const unknown = input.events.findIndex((e) => !known.has(e.question))
        if (unknown >= 0) {
          throw new ApiError('validation_failed', 'Some events name no question of this quiz.', [
            { path: `events.${unknown}.question`, message: 'no such question' },
          ])
        }
        const at = new Date().toISOString()
        const statements = stepEventStatements(
          c.env.DB,
          site.id,
          quiz.quizId,
          input.sessionId,
          input.events,
          at,
        )
        return commitIdempotent(c, idem, statements, 202, { accepted: input.events.length }, at)
      })
    },
  )
  .post(
    '/responses',
    describeRoute({
      operationId: 'submitQuiz',
      summary: 'Submit a finished quiz',
      description:
        'The server checks the answers against the version answered (questions that ' +
        'exist and were shown, options the question has, numbers in range, required ' +
        'answers, text length) and scores them itself; any score a client might compute ' +
        'is not accepted. With `leadId` the lead moves by the outcome (qualified → ' +
        '`nurturing`, disqualified → `lost`, review → stays in `qualification`); with ' +
        '`contact` a new lead is captured first, with its consent. A session submits ' +
        'once (409 after that); a newer quiz version answers 409 `quiz_version_stale`.',
      tag: 'Quiz',
      idempotencyKey: 'required',
      success: { status: 201, description: 'The outcome.', schema: QuizSubmittedSchema },
      errors: [400, 403, 404, 409, 413, 415, 422, 429, 500, 503],
    }),
    requireJson(),
    validate('json', QuizSubmitSchema),
    async (c) => {
      const input = c.req.valid('json')
      const site = await admitSite(c, input.siteKey, { write: true })
      return idempotent(c, site.id, { required: true }, async (idem) => {
        await rateLimit(c, site.id)
        const db = c.env.DB
        const quiz = await answeredQuiz(c, site, input.quizId, input.version)
        const checked = validateAnswers(quiz.definition, input.answers)
        if (!checked.ok) {
          throw new ApiError('validation_failed', 'Some answers are not valid.', checked.issues)
        }
        // The client's score, if it sent one, has no field to arrive in: the server scores.
        const score = scoreAnswers(quiz.definition, input.answers)
        const now = new Date()
        const at = now.toISOString()
        const statements: D1PreparedStatement[] = []
        let leadId: string
        let stage
        if (input.leadId !== undefined) {
          const lead = await findLead(c, site.id, input.leadId)
          leadId = lead.id
          stage = lead.stage
        } else {
          const contact = input.contact!
          const captured = planCapture(
            { siteKey: input.siteKey, ...contact },
            {
              settings: readSettings(site.settings),
              consentVersions: site.consent_versions,
              locale: site.locale,
              source: 'quiz',
              region: site.default_region,
              now,
              newId,
            },
          )
          if (!captured.ok) {
            const issues = captured.issues.map((i) => ({ ...i, path: `contact.${i.path}` }))
            throw new ApiError('validation_failed', 'Some fields are not valid.', issues)
          }
          statements.push(...captureStatements(db, site.id, site.currency, captured.plan))
          leadId = captured.plan.lead.id
          stage = captured.plan.move.to
        }
        const existing = await getSessionResponse(db, site.id, input.sessionId)
        if (existing?.status === 'completed') {
          throw new ApiError('conflict', 'This quiz session was already submitted.')
        }
        if (existing && existing.lead_id !== leadId) {
          throw new ApiError('conflict', 'This quiz session belongs to another lead.')
        }
        const responseId = existing?.id ?? newId('qr')
        const summary = { quizId: quiz.quizId, version: quiz.version, responseId, score }
        statements.push(
          completeResponseStatement(db, site.id, {
            id: responseId,
            quizId: quiz.quizId,
            version: quiz.version,
            sessionId: input.sessionId,
            leadId,
            answers: input.answers,
            score,
            at,
          }),
          scoreLeadStatement(db, site.id, leadId, score, at),
          activityStatement(
            db,
            site.id,
            leadId,
            { type: 'quiz_completed', body: summary },
            'visitor',
            null,
            at,
          ),
          ...completionMoves(stage, score.outcome, now).flatMap((plan) =>
            moveStatements(db, site.id, leadId, plan),
          ),
          ...quizCompletedStatements(db, site.id, leadId, {
            quizId: quiz.quizId,
            version: quiz.version,
            responseId,
            outcome: score.outcome,
            score: score.total,
            at,
          }),
        )
        const body: QuizSubmitted = { responseId, leadId, outcome: score.outcome }
        return commitIdempotent(c, idem, statements, 201, body, at)
      })
    },
  )
