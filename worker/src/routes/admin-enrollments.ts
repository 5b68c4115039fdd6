/**
 * Admin API for enrollments in nurture sequences: a sequence's enrollments, enrolling a lead by
 * hand, a lead's enrollments, and taking one out.
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
import {
  enrollStatements,
  enrollmentFromRow,
  exitStatements,
  getEnrollment,
  listEnrollmentsOfLead,
  listEnrollmentsOfSequence,
} from '../db/enrollments'
import { getLead } from '../db/leads'
import { ApiError } from '../lib/errors'
import { newId } from '../lib/ids'
import { noBody, requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { EnrollmentListSchema, EnrollmentPageSchema } from '../openapi/schemas'
import { findSequence } from './sequence-lookup'

const idParam = validate('param', v.object({ id: IdSchema }))

/** How far in the past a hand enrollment's `startAt` may be (a slow form, a clock a bit off). */
const START_SLACK_MS = 60_000

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
      const { siteId, userId } = c.get('auth')
      const { leadId, startAt } = c.req.valid('json')
      const now = Date.now()
      if (startAt !== undefined && Date.parse(startAt) < now - START_SLACK_MS) {
        throw new ApiError('validation_failed', 'The enrollment schedules in the past.', [
          { path: 'startAt', message: 'schedules in the past' },
        ])
      }
      const s = await findSequence(c, c.req.valid('param').id)
      if (s.status !== 'active') throw new ApiError('conflict', `This sequence is ${s.status}.`)
      const lead = await getLead(c.env.DB, siteId, leadId)
      if (!lead) throw new ApiError('not_found', 'No such lead.')
      if (lead.stage === 'won' || lead.stage === 'lost')
        throw new ApiError('conflict', `This lead is closed (${lead.stage}).`)
      const id = newId('en')
      const at = new Date(now).toISOString()
      const [inserted] = await c.env.DB.batch(
        enrollStatements(c.env.DB, {
          id,
          siteId,
          sequenceId: s.id,
          leadId,
          // Stored as UTC ISO, like every time the runner compares as text.
          nextRunAt: startAt === undefined ? at : new Date(startAt).toISOString(),
          enrolledBy: 'user',
          actorId: userId,
          at,
        }),
      )
      if (inserted?.meta.changes !== 1)
        throw new ApiError('conflict', 'This lead is already in this sequence.')
      return c.json(enrollmentFromRow((await getEnrollment(c.env.DB, siteId, id))!), 201)
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
    const { siteId, userId } = c.get('auth')
    const e = await getEnrollment(c.env.DB, siteId, c.req.valid('param').id)
    if (!e) throw new ApiError('not_found', 'No such enrollment.')
    const ended = new ApiError('conflict', 'This enrollment already ended.')
    if (e.status !== 'active') throw ended
    const at = new Date().toISOString()
    const [exit] = await c.env.DB.batch(
      exitStatements(c.env.DB, siteId, e.id, 'removed', userId, at),
    )
    if (exit?.meta.changes !== 1) throw ended
    return c.body(null, 204)
  },
)
