/** Admin API for leads: list, detail with timeline, move, close, assign, notes and logged contacts. */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import {
  ActivityCreateSchema,
  ActivitySchema,
  ConflictSchema,
  IdSchema,
  LeadAssignSchema,
  LeadCloseSchema,
  LeadDetailSchema,
  LeadListQuerySchema,
  LeadMoveSchema,
  LeadSchema,
  QualificationOverrideSchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import { getContact, listActivities, listConsents } from '../db/contacts'
import { listLeads, listStageEvents } from '../db/leads'
import { noBody, requireJson } from '../middleware/body'
import { describeRoute, validate } from '../openapi/describe'
import { idempotent } from '../middleware/idempotency'
import type { RepAction } from '../pipeline'
import { findLead, leadConflict } from './lead-lookup'
import { assignLead, moveLead, overrideQualification, type LeadChange } from '../usecases/move-lead'
import { scoreLeadFromFields } from '../usecases/score-lead'
import { logActivity } from '../usecases/log-activity'
import { LeadPageSchema } from '../openapi/schemas'

const idParam = validate('param', v.object({ id: IdSchema }))

const deps = (c: Context<AppEnv>) => ({ db: c.env.DB, now: new Date() })

/** What a rep's change answers: the lead after it, or 409 with the lead as it is now. */
async function answer(c: Context<AppEnv>, id: string, change: LeadChange) {
  if (change === 'stale') return leadConflict(c, id)
  return c.json(await findLead(c, id))
}

/** The rep's move or close of a lead, answered with the lead after it. */
async function repMove(
  c: Context<AppEnv>,
  id: string,
  action: RepAction,
  reason: string,
  expectedVersion: number,
) {
  const lead = await findLead(c, id)
  const by = { ...c.get('auth'), expectedVersion }
  return answer(c, id, await moveLead(deps(c), lead, action, reason, by))
}

export const adminLeads = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      operationId: 'listLeads',
      summary: 'List leads',
      description:
        'Filters by stage, status, owner and text; sorts by an allowlisted column. Pages ' +
        'by `nextCursor`: pass it back as `cursor` with the same filters and sort.',
      tag: 'Leads',
      success: { status: 200, description: 'A page of leads.', schema: LeadPageSchema },
      errors: [400, 401, 422, 500, 503],
    }),
    validate('query', LeadListQuerySchema),
    async (c) => c.json(await listLeads(c.env.DB, c.get('auth').siteId, c.req.valid('query'))),
  )
  .get(
    '/:id',
    describeRoute({
      operationId: 'getLead',
      summary: 'A lead with its contact, consents, stage history and timeline',
      tag: 'Leads',
      success: { status: 200, description: 'The lead.', schema: LeadDetailSchema },
      errors: [401, 404, 422, 500, 503],
    }),
    idParam,
    async (c) => {
      const { siteId } = c.get('auth')
      const lead = await findLead(c, c.req.valid('param').id)
      const db = c.env.DB
      const [contact, consents, stageEvents, timeline] = await Promise.all([
        getContact(db, siteId, lead.contactId),
        listConsents(db, siteId, lead.contactId),
        listStageEvents(db, siteId, lead.id),
        listActivities(db, siteId, { leadId: lead.id }),
      ])
      if (!contact) throw new Error('lead without contact')
      return c.json({ lead, contact, consents, stageEvents, timeline })
    },
  )
  .post(
    '/:id/move',
    describeRoute({
      operationId: 'moveLead',
      summary: 'Move a lead to an open stage',
      description:
        'Records a stage event with the reason. Send the `version` you last read as ' +
        '`expectedVersion`; if someone changed the lead since, the answer is 409 with ' +
        'the lead as it is now.',
      tag: 'Leads',
      success: { status: 200, description: 'The lead after the move.', schema: LeadSchema },
      errors: [400, 401, 404, 409, 413, 415, 422, 500, 503],
      conflict: ConflictSchema,
    }),
    idParam,
    requireJson(),
    validate('json', LeadMoveSchema),
    async (c) => {
      const { to, reason, expectedVersion } = c.req.valid('json')
      return repMove(c, c.req.valid('param').id, { kind: 'move', to }, reason, expectedVersion)
    },
  )
  .post(
    '/:id/close',
    describeRoute({
      operationId: 'closeLead',
      summary: 'Close a lead as won or lost',
      description:
        'Records a stage event with the reason. Send the `version` you last read as ' +
        '`expectedVersion`; if someone changed the lead since, the answer is 409 with ' +
        'the lead as it is now.',
      tag: 'Leads',
      success: { status: 200, description: 'The lead after closing.', schema: LeadSchema },
      errors: [400, 401, 404, 409, 413, 415, 422, 500, 503],
      conflict: ConflictSchema,
    }),
    idParam,
    requireJson(),
    validate('json', LeadCloseSchema),
    async (c) => {
      const { outcome, reason, expectedVersion } = c.req.valid('json')
      return repMove(
        c,
        c.req.valid('param').id,
        { kind: 'close', outcome },
        reason,
        expectedVersion,
      )
    },
  )
  .post(
    '/:id/assign',
    describeRoute({
      operationId: 'assignLead',
      summary: 'Assign a lead to a user of the store, or unassign it',
      description:
        'Send the `version` you last read as `expectedVersion`; if someone changed the ' +
        'lead since, the answer is 409 with the lead as it is now.',
      tag: 'Leads',
      success: { status: 200, description: 'The lead after assignment.', schema: LeadSchema },
      errors: [400, 401, 404, 409, 413, 415, 422, 500, 503],
      conflict: ConflictSchema,
    }),
    idParam,
    requireJson(),
    validate('json', LeadAssignSchema),
    async (c) => {
      const id = c.req.valid('param').id
      const { ownerId, expectedVersion } = c.req.valid('json')
      await findLead(c, id)
      const by = { ...c.get('auth'), expectedVersion }
      return answer(c, id, await assignLead(deps(c), id, ownerId, by))
    },
  )
  .post(
    '/:id/activities',
    describeRoute({
      operationId: 'addActivity',
      summary: "Add a note, call or e-mail to a lead's timeline",
      description: 'An `Idempotency-Key` is optional; with one, a retry gets the first answer.',
      tag: 'Leads',
      idempotencyKey: 'optional',
      success: { status: 201, description: 'The activity was added.', schema: ActivitySchema },
      errors: [400, 401, 404, 413, 415, 422, 500, 503],
    }),
    idParam,
    requireJson(),
    validate('json', ActivityCreateSchema),
    async (c) => {
      const auth = c.get('auth')
      const lead = await findLead(c, c.req.valid('param').id)
      return idempotent(c, auth.siteId, { required: false }, async (idem) => {
        const input = c.req.valid('json')
        return c.json(await logActivity(deps(c), lead, input, auth, idem), 201)
      })
    },
  )
  .post(
    '/:id/qualification',
    describeRoute({
      operationId: 'overrideQualification',
      summary: "Override a lead's qualification outcome",
      description:
        'The lead moves where the outcome leads (qualified → `nurturing`, review → ' +
        '`qualification`, disqualified → `lost`); the override and its reason are ' +
        'recorded. Send the `version` you last read as `expectedVersion`; if someone ' +
        'changed the lead since, the answer is 409 with the lead as it is now.',
      tag: 'Leads',
      success: { status: 200, description: 'The lead after the override.', schema: LeadSchema },
      errors: [400, 401, 404, 409, 413, 415, 422, 500, 503],
      conflict: ConflictSchema,
    }),
    idParam,
    requireJson(),
    validate('json', QualificationOverrideSchema),
    async (c) => {
      const id = c.req.valid('param').id
      const { outcome, reason, expectedVersion } = c.req.valid('json')
      const lead = await findLead(c, id)
      const by = { ...c.get('auth'), expectedVersion }
      return answer(c, id, await overrideQualification(deps(c), lead, outcome, reason, by))
    },
  )
  .post(
    '/:id/score',
    describeRoute({
      operationId: 'scoreLeadFromFields',
      summary: 'Score a lead from its captured fields with the quiz rules',
      description:
        "Questions with a `field` take their answer from the lead's captured fields; " +
        'questions without one earn nothing. Stores the score and breakdown; does not ' +
        'move the lead.',
      tag: 'Leads',
      success: { status: 200, description: 'The lead with its score.', schema: LeadSchema },
      errors: [401, 404, 415, 422, 500, 503],
    }),
    idParam,
    noBody(),
    async (c) => {
      const lead = await findLead(c, c.req.valid('param').id)
      await scoreLeadFromFields(deps(c), lead, c.get('auth'))
      return c.json(await findLead(c, lead.id))
    },
  )
