/** Admin API for the store's pipelines: stages, probabilities, rotting limits (owners edit). */
import { Hono } from 'hono'
import * as v from 'valibot'
import {
  IdSchema,
  PipelineCreateSchema,
  PipelineListSchema,
  PipelineSchema,
  PipelineUpdateSchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import { createPipeline, listPipelines, updatePipeline } from '../db/pipelines'
import { ApiError } from '../lib/errors'
import { requireOwner } from '../middleware/admin-auth'
import { requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'

const idParam = validate('param', v.object({ id: IdSchema }))

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
