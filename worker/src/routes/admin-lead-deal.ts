/** Admin API for a lead's deal: its terms (value, close date, probability) and its pipeline. */
import { Hono } from 'hono'
import * as v from 'valibot'
import {
  ConflictSchema,
  DealUpdateSchema,
  IdSchema,
  LeadPipelineMoveSchema,
  LeadSchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import { dealChanges, dealUpdateStatements, pipelineMoveStatements } from '../db/deals'
import { defaultPipelineId, getPipeline } from '../db/pipelines'
import { ApiError } from '../lib/errors'
import { requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { findLead, leadConflict } from './lead-lookup'

const idParam = validate('param', v.object({ id: IdSchema }))

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
