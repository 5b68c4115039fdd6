/** Admin API for deals: open deals ranked by impact, and the win probabilities learned. */
import { Hono } from 'hono'
import {
  DealListQuerySchema,
  DealPageSchema,
  OPEN_STAGES,
  ProbabilitiesQuerySchema,
  StageProbabilitiesSchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import { dealContext, listDeals } from '../db/deals'
import { defaultPipelineId, getPipeline } from '../db/pipelines'
import { learnedProbabilities } from '../db/probabilities'
import { LEARN_WINDOW, MIN_LEARN_SAMPLE } from '../deals'
import { ApiError } from '../lib/errors'
import { ERRORS, describeRoute, validate } from '../openapi/describe'

export const adminDeals = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      operationId: 'listDeals',
      summary: 'Open deals ranked by impact',
      description:
        'Open leads past `lead` (spam excluded). `impact` (the default) ranks by ' +
        'weighted value (value × win probability) × a rotting factor (1 until the ' +
        'stage’s limit — the pipeline’s `rotDays`, else the store’s median days there — ' +
        'then limit/days, at least 0.25) × a closing-date factor (1.25 when overdue or ' +
        'due within 14 days, 1 up to 90 days, then 90/days, at least 0.5). Each deal ' +
        'lists the `reasons` for its score. Other sorts: `weighted`, `value`, `close` ' +
        '(soonest first, undated last), `age` (longest in stage first). `owner` takes a ' +
        'user id, `me` or `none`. Pages by `nextCursor` with the same filters and sort.',
      tag: 'Deals',
      success: { status: 200, description: 'A page of deals.', schema: DealPageSchema },
      errors: ERRORS.adminPage,
    }),
    validate('query', DealListQuerySchema),
    async (c) => {
      const { siteId, userId } = c.get('auth')
      const db = c.env.DB
      const ctx = await dealContext(db, siteId)
      return c.json(
        await listDeals(db, siteId, c.req.valid('query'), { userId, now: new Date() }, ctx),
      )
    },
  )
  .get(
    '/probabilities',
    describeRoute({
      operationId: 'getDealProbabilities',
      summary: 'Win probabilities learned from the store’s history',
      description:
        'Per open stage, among the store’s most recent closed leads (`window`) that ' +
        'reached it in the pipeline (default: the default pipeline): the win rate and ' +
        'sample. The rate is used (`source: learned`) once the sample reaches ' +
        '`minSample`; until then the pipeline’s probability (`source: default`).',
      tag: 'Deals',
      success: { status: 200, description: 'The probabilities.', schema: StageProbabilitiesSchema },
      errors: ERRORS.adminReadById,
    }),
    validate('query', ProbabilitiesQuerySchema),
    async (c) => {
      const { siteId } = c.get('auth')
      const db = c.env.DB
      const pipelineId = c.req.valid('query').pipeline ?? defaultPipelineId(siteId)
      const pipeline = await getPipeline(db, siteId, pipelineId)
      if (!pipeline) throw new ApiError('not_found', 'No such pipeline.')
      const learned = await learnedProbabilities(db, siteId, pipeline.id)
      return c.json({
        pipelineId: pipeline.id,
        minSample: MIN_LEARN_SAMPLE,
        window: LEARN_WINDOW,
        stages: OPEN_STAGES.map((stage) => ({
          stage,
          ...learned[stage],
          stageProbability: pipeline.stages[stage].probability,
        })),
      })
    },
  )
