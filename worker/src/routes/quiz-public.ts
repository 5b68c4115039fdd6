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
  QuizSubmittedSchema,
  SiteKeySchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import { currentQuiz, stepEventStatements } from '../db/quiz'
import { ApiError } from '../lib/errors'
import { requireJson } from '../middleware/body'
import { describeRoute, validate } from '../openapi/describe'
import type { SiteRow } from '../db/sites'
import { commitIdempotent, idempotent, type IdempotencyState } from '../middleware/idempotency'
import { rateLimit } from '../middleware/rate-limit'
import { admitSite } from '../middleware/site'
import { toPublicQuiz } from '../scoring'
import { answeredQuiz, startQuiz, submitQuiz } from '../usecases/answer-quiz'
import type { Deps } from '../usecases/batch'

/**
 * A visitor's quiz write: from one of the store's origins, rate-limited, under its required
 * `Idempotency-Key`; answers 201 with what the use case answers.
 */
async function visitorWrite<I extends { siteKey: string }>(
  c: Context<AppEnv>,
  input: I,
  run: (deps: Deps, site: SiteRow, input: I, key?: IdempotencyState) => Promise<object>,
) {
  const site = await admitSite(c, input.siteKey, { write: true })
  return idempotent(c, site.id, { required: true }, async (idem) => {
    await rateLimit(c, site.id)
    return c.json(await run({ db: c.env.DB, now: new Date() }, site, input, idem), 201)
  })
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
    async (c) => visitorWrite(c, c.req.valid('json'), startQuiz),
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
        const quiz = await answeredQuiz(c.env.DB, site.id, input.quizId, input.version)
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
    async (c) => visitorWrite(c, c.req.valid('json'), submitQuiz),
  )
