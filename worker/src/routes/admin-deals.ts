/** Admin API for deals: the ranking by impact, deal fields, pipelines, learned probabilities. */
import { Hono } from 'hono'
import * as v from 'valibot'
import {
  ConflictSchema,
  DealListQuerySchema,
  DealPageSchema,
  DealUpdateSchema,
  IdSchema,
  LeadPipelineMoveSchema,
  LeadSchema,
  OPEN_STAGES,
  PipelineCreateSchema,
  PipelineListSchema,
  PipelineSchema,
  PipelineUpdateSchema,
  ProbabilitiesQuerySchema,
  StageProbabilitiesSchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import {
  dealChanges,
  dealContext,
  dealUpdateStatements,
  listDeals,
  pipelineMoveStatements,
} from '../db/deals'
import {
  createPipeline,
  defaultPipelineId,
  getPipeline,
  listPipelines,
  updatePipeline,
} from '../db/pipelines'
import { learnedProbabilities } from '../db/probabilities'
import { LEARN_WINDOW, MIN_LEARN_SAMPLE } from '../deals'
import { ApiError } from '../lib/errors'
import { requireOwner } from '../middleware/admin-auth'
import { requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { findLead, leadConflict } from './lead-lookup'

const idParam = validate('param', v.object({ id: IdSchema }))

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

/** A lead's deal terms and pipeline, at `/admin/api/leads/:id/deal|pipeline`. */
export const leadDeals = new Hono<AppEnv>()
  .patch(
    '/:id/deal',
    describeRoute({
      operationId: 'updateDeal',
      summary: 'Change a lead’s deal value, currency, expected close or win probability',
      description:
        '`probability: null` clears the rep’s override. Records a `deal_updated` ' +
        'timeline row. Send the lead’s `version` as `expectedVersion`; a stale one ' +
        'answers 409 with the lead as it is now.',
      tag: 'Deals',
      success: { status: 200, description: 'The lead after the change.', schema: LeadSchema },
      errors: [...ERRORS.adminJson, 404, 409],
      conflict: ConflictSchema,
    }),
    idParam,
    requireJson(),
    validate('json', DealUpdateSchema),
    async (c) => {
      const { siteId, userId } = c.get('auth')
      const id = c.req.valid('param').id
      const update = c.req.valid('json')
      const lead = await findLead(c, id)
      if (lead.version !== update.expectedVersion) return leadConflict(c, id)
      const changes = dealChanges(
        {
          valueMinor: lead.valueMinor,
          currency: lead.currency,
          expectedClose: lead.expectedClose,
          probability: lead.probabilityOverride,
        },
        update,
      )
      // Nothing differs: no new version and no timeline row for a save that changed nothing.
      if (Object.keys(changes).length === 0) return c.json(lead)
      const db = c.env.DB
      const at = new Date().toISOString()
      const [result] = await db.batch(
        dealUpdateStatements(db, siteId, id, update, changes, userId, at),
      )
      if (result?.meta.changes !== 1) return leadConflict(c, id)
      return c.json(await findLead(c, id))
    },
  )
  .post(
    '/:id/pipeline',
    describeRoute({
      operationId: 'moveLeadToPipeline',
      summary: 'Move a lead to another pipeline of the store',
      description:
        'The lead keeps its stage, time in stage and history; a `pipeline_changed` ' +
        'timeline row records the move. Send the lead’s `version` as `expectedVersion`; ' +
        'a stale one answers 409 with the lead as it is now.',
      tag: 'Deals',
      success: { status: 200, description: 'The lead after the move.', schema: LeadSchema },
      errors: [...ERRORS.adminJson, 404, 409],
      conflict: ConflictSchema,
    }),
    idParam,
    requireJson(),
    validate('json', LeadPipelineMoveSchema),
    async (c) => {
      const { siteId, userId } = c.get('auth')
      const id = c.req.valid('param').id
      const { pipelineId, expectedVersion } = c.req.valid('json')
      const db = c.env.DB
      const lead = await findLead(c, id)
      const target = await getPipeline(db, siteId, pipelineId)
      if (!target) {
        throw new ApiError('validation_failed', 'No such pipeline in this store.', [
          { path: 'pipelineId', message: 'unknown pipeline' },
        ])
      }
      if (lead.version !== expectedVersion) return leadConflict(c, id)
      const from = lead.pipelineId ?? defaultPipelineId(siteId)
      if (from === target.id) {
        throw new ApiError('validation_failed', 'The lead is already in that pipeline.', [
          { path: 'pipelineId', message: 'same_pipeline' },
        ])
      }
      const move = {
        from,
        to: target.id,
        storedTo: target.isDefault ? null : target.id,
        expectedVersion,
      }
      const [result] = await db.batch(
        pipelineMoveStatements(db, siteId, id, move, userId, new Date().toISOString()),
      )
      if (result?.meta.changes !== 1) return leadConflict(c, id)
      return c.json(await findLead(c, id))
    },
  )

/** The store's pipelines, at `/admin/api/pipelines`. */
export const adminPipelines = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      operationId: 'listPipelines',
      summary: 'The store’s pipelines, the default first',
      tag: 'Deals',
      success: { status: 200, description: 'The pipelines.', schema: PipelineListSchema },
      errors: ERRORS.adminRead,
    }),
    async (c) => c.json({ items: await listPipelines(c.env.DB, c.get('auth').siteId) }),
  )
  .post(
    '/',
    describeRoute({
      operationId: 'createPipeline',
      summary: 'Create a pipeline (owner)',
      description:
        'Stages left out get the default labels and probabilities. Names are unique per ' +
        'store (409); a store has at most 20 pipelines.',
      tag: 'Deals',
      success: { status: 201, description: 'The pipeline.', schema: PipelineSchema },
      errors: [...ERRORS.adminJson, 403, 404, 409],
    }),
    requireJson(),
    validate('json', PipelineCreateSchema),
    async (c) => {
      requireOwner(c)
      const pipeline = await createPipeline(
        c.env.DB,
        c.get('auth').siteId,
        c.req.valid('json'),
        new Date().toISOString(),
      )
      return c.json(pipeline, 201)
    },
  )
  .put(
    '/:id',
    describeRoute({
      operationId: 'updatePipeline',
      summary:
        'Rename a pipeline or change its stages’ labels, probabilities and rotting ' +
        'limits (owner)',
      description: 'Each stage given is replaced whole; the others keep their settings.',
      tag: 'Deals',
      success: { status: 200, description: 'The pipeline.', schema: PipelineSchema },
      errors: [...ERRORS.adminJson, 403, 404, 409],
    }),
    idParam,
    requireJson(),
    validate('json', PipelineUpdateSchema),
    async (c) => {
      requireOwner(c)
      const pipeline = await updatePipeline(
        c.env.DB,
        c.get('auth').siteId,
        c.req.valid('param').id,
        c.req.valid('json'),
        new Date().toISOString(),
      )
      if (!pipeline) throw new ApiError('not_found', 'No such pipeline.')
      return c.json(pipeline)
    },
  )
