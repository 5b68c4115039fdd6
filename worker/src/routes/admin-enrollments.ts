/**
 * Admin API for enrollments in nurture sequences: a sequence's enrollments, enrolling a lead by
 * hand, a lead's enrollments, and taking one out (usecases/enroll-lead.ts).
 */
import { Hono } from 'hono'
import * as v from 'valibot'
import {
  EnrollSchema,
  EnrollmentListQuerySchema,
  EnrollmentSchema,
  IdSchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import { listEnrollmentsOfLead, listEnrollmentsOfSequence } from '../db/enrollments'
import { getLead } from '../db/leads'
import { ApiError } from '../lib/errors'
import { noBody, requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { EnrollmentListSchema, EnrollmentPageSchema } from '../openapi/schemas'
import { endEnrollment, enrollLead } from '../usecases/enroll-lead'
import { findSequence } from './sequence-lookup'

const idParam = validate('param', v.object({ id: IdSchema }))

/** A sequence's enrollments, at `/admin/api/sequences/:id/enrollments` (admin-sequences.ts). */
export const sequenceEnrollments = new Hono<AppEnv>()
  .get(
    '/:id/enrollments',
    describeRoute({
      operationId: 'listSequenceEnrollments',
      summary: "A sequence's enrollments, newest first",
      tag: 'Nurture',
      success: { status: 200, description: 'A page of enrollments.', schema: EnrollmentPageSchema },
      errors: [...ERRORS.adminPage, 404],
    }),
    idParam,
    validate('query', EnrollmentListQuerySchema),
    async (c) => {
      const s = await findSequence(c, c.req.valid('param').id)
      const page = await listEnrollmentsOfSequence(
        c.env.DB,
        c.get('auth').siteId,
        s.id,
        c.req.valid('query'),
      )
      return c.json(page)
    },
  )
  .post(
    '/:id/enrollments',
    describeRoute({
      operationId: 'enrollLead',
      summary: 'Enroll a lead by hand, now or later',
      description:
        '409 when the lead is already in the sequence, is won or lost, or the sequence ' +
        'is paused or archived; 422 when `startAt` is in the past.',
      tag: 'Nurture',
      success: { status: 201, description: 'The enrollment.', schema: EnrollmentSchema },
      errors: [...ERRORS.adminJson, 404, 409],
    }),
    idParam,
    requireJson(),
    validate('json', EnrollSchema),
    async (c) => {
      const deps = { db: c.env.DB, now: new Date() }
      const sequenceId = c.req.valid('param').id
      const enrollment = await enrollLead(deps, sequenceId, c.req.valid('json'), c.get('auth'))
      return c.json(enrollment, 201)
    },
  )

/** A lead's enrollments, at `/admin/api/leads/:id/enrollments`. */
export const leadEnrollments = new Hono<AppEnv>().get(
  '/:id/enrollments',
  describeRoute({
    operationId: 'listLeadEnrollments',
    summary: "A lead's enrollments, newest first",
    tag: 'Nurture',
    success: { status: 200, description: 'The enrollments.', schema: EnrollmentListSchema },
    errors: ERRORS.adminReadById,
  }),
  idParam,
  async (c) => {
    const { siteId } = c.get('auth')
    const lead = await getLead(c.env.DB, siteId, c.req.valid('param').id)
    if (!lead) throw new ApiError('not_found', 'No such lead.')
    return c.json({ items: await listEnrollmentsOfLead(c.env.DB, siteId, lead.id) })
  },
)

/** Ending an enrollment, at `/admin/api/enrollments`. */
export const adminEnrollments = new Hono<AppEnv>().delete(
  '/:id',
  describeRoute({
    operationId: 'removeEnrollment',
    summary: 'Take a lead out of a sequence',
    description: 'The enrollment ends with the exit reason `removed`; 409 when it already ended.',
    tag: 'Nurture',
    success: { status: 204, description: 'Removed.' },
    errors: [...ERRORS.adminAction, 409],
  }),
  idParam,
  noBody(),
  async (c) => {
    const deps = { db: c.env.DB, now: new Date() }
    await endEnrollment(deps, c.req.valid('param').id, c.get('auth'))
    return c.body(null, 204)
  },
)
