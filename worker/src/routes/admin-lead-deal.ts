/**
 * Admin API for a lead's deal: its terms (value, close date, probability) and its pipeline
 * (usecases/deal.ts).
 */
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
import { requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { moveLeadToPipeline, updateDeal } from '../usecases/deal'
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
      const id = c.req.valid('param').id
      const lead = await findLead(c, id)
      const deps = { db: c.env.DB, now: new Date() }
      const change = await updateDeal(deps, lead, c.req.valid('json'), c.get('auth'))
      // Nothing differs: no new version and no timeline row for a save that changed nothing.
      if (change === 'unchanged') return c.json(lead)
      if (change === 'stale') return leadConflict(c, id)
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
      const id = c.req.valid('param').id
      const lead = await findLead(c, id)
      const deps = { db: c.env.DB, now: new Date() }
      const change = await moveLeadToPipeline(deps, lead, c.req.valid('json'), c.get('auth'))
      if (change === 'stale') return leadConflict(c, id)
      return c.json(await findLead(c, id))
    },
  )

/** The store's pipelines, at `/admin/api/pipelines`. */
