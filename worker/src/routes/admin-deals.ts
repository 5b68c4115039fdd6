/** Admin API for deals: the ranking by impact, deal fields, pipelines, learned probabilities. */
import { Hono } from 'hono'
import * as v from 'valibot'
import {
  DealListQuerySchema,
  DealUpdateSchema,
  IdSchema,
  LeadPipelineMoveSchema,
  OPEN_STAGES,
  PipelineCreateSchema,
  PipelineUpdateSchema,
  ProbabilitiesQuerySchema,
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
import { requireJson, validate } from '../middleware/body'
import { findLead, leadConflict } from './lead-lookup'

const idParam = validate('param', v.object({ id: IdSchema }))

export const adminDeals = new Hono<AppEnv>()
  .get('/deals', validate('query', DealListQuerySchema), async (c) => {
    const { siteId, userId } = c.get('auth')
    const db = c.env.DB
    const ctx = await dealContext(db, siteId)
    return c.json(
      await listDeals(db, siteId, c.req.valid('query'), { userId, now: new Date() }, ctx),
    )
  })
  .get('/deals/probabilities', validate('query', ProbabilitiesQuerySchema), async (c) => {
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
  })
  .patch(
    '/leads/:id/deal',
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
    '/leads/:id/pipeline',
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
  .get('/pipelines', async (c) =>
    c.json({ items: await listPipelines(c.env.DB, c.get('auth').siteId) }),
  )
  .post('/pipelines', requireJson(), validate('json', PipelineCreateSchema), async (c) => {
    requireOwner(c)
    const pipeline = await createPipeline(
      c.env.DB,
      c.get('auth').siteId,
      c.req.valid('json'),
      new Date().toISOString(),
    )
    return c.json(pipeline, 201)
  })
  .put(
    '/pipelines/:id',
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
