/**
 * Admin API for nurture sequences: create, change and archive them (each step checked against
 * the store's templates, webhooks and sequences, and no enroll loops; archiving is
 * usecases/archive-sequence.ts). Their enrollments are in admin-enrollments.ts, mounted here.
 */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import {
  IdSchema,
  SequenceDetailSchema,
  type SequenceInput,
  SequenceInputSchema,
  SequenceSchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import {
  enrollmentCounts,
  getWebhookTargets,
  insertSequenceStatement,
  listSequences,
  sequenceGraph,
  updateSequenceStatement,
} from '../db/sequences'
import { getTemplates } from '../db/templates'
import { ApiError, type Issue } from '../lib/errors'
import { newId } from '../lib/ids'
import { noBody, requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { findEnrollCycle } from '../nurture'
import { SequenceListSchema } from '../openapi/schemas'
import { archiveSequence } from '../usecases/archive-sequence'
import { findSequence } from './sequence-lookup'
import { sequenceEnrollments } from './admin-enrollments'

const idParam = validate('param', v.object({ id: IdSchema }))

const channelName = { email: 'an e-mail', sms: 'an SMS' }

/**
 * Refuses (422) steps that name what the store does not have: a live template of the step's
 * channel, a webhook, a sequence that is not archived; then enroll steps that would loop once
 * this sequence (`selfId`) is stored as given.
 */
async function checkSequence(c: Context<AppEnv>, s: SequenceInput, selfId: string) {
  const { siteId } = c.get('auth')
  const db = c.env.DB
  const templateIds = s.steps.flatMap((st) => (st.kind === 'send' ? [st.templateId] : []))
  const webhookIds = s.steps.flatMap((st) => (st.kind === 'webhook' ? [st.webhookId] : []))
  const [templates, webhooks, graph] = await Promise.all([
    getTemplates(db, siteId, templateIds),
    getWebhookTargets(db, siteId, webhookIds),
    sequenceGraph(db, siteId),
  ])
  const others = graph.filter((g) => g.id !== selfId)
  const known = new Set([selfId, ...others.map((g) => g.id)])
  const issues: Issue[] = []
  s.steps.forEach((st, i) => {
    if (st.kind === 'send') {
      const t = templates.get(st.templateId)
      const path = `steps.${i}.templateId`
      if (!t || t.archivedAt !== null) issues.push({ path, message: 'no such template' })
      else if (t.channel !== st.channel)
        issues.push({
          path,
          message: `“${t.name}” is ${channelName[t.channel]} template; this step sends ${channelName[st.channel]}`,
        })
    } else if (st.kind === 'webhook' && !webhooks.has(st.webhookId)) {
      issues.push({ path: `steps.${i}.webhookId`, message: 'no such webhook' })
    } else if (st.kind === 'enroll' && !known.has(st.sequenceId)) {
      issues.push({ path: `steps.${i}.sequenceId`, message: 'no such sequence' })
    }
  })
  if (issues.length > 0)
    throw new ApiError('validation_failed', 'The sequence is not valid.', issues)

  const loop = findEnrollCycle([...others, { id: selfId, steps: s.steps }])
  if (!loop) return
  // The loop as told from this sequence: [self, …, self] (the engine repeats the first id last).
  const ring = loop.slice(0, -1)
  const k = Math.max(0, ring.indexOf(selfId))
  const ids = [...ring.slice(k), ...ring.slice(0, k), ring[k]!]
  const names = new Map([...others.map((g) => [g.id, g.name] as const), [selfId, s.name]])
  const message = `The sequences would loop: ${ids.map((id) => names.get(id) ?? id).join(' → ')}`
  const step = s.steps.findIndex((st) => st.kind === 'enroll' && st.sequenceId === ids[1])
  throw new ApiError('validation_failed', message, [
    { path: ids[0] === selfId && step >= 0 ? `steps.${step}.sequenceId` : 'steps', message },
  ])
}

export const adminSequences = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      operationId: 'listSequences',
      summary: "The store's sequences, newest first",
      tag: 'Nurture',
      success: { status: 200, description: 'The sequences.', schema: SequenceListSchema },
      errors: ERRORS.adminRead,
    }),
    async (c) => c.json({ items: await listSequences(c.env.DB, c.get('auth').siteId) }),
  )
  .post(
    '/',
    describeRoute({
      operationId: 'createSequence',
      summary: 'Add a nurturing sequence',
      description:
        'Each `send` step names a live template of its channel, each `webhook` step a ' +
        'webhook of the store, each `enroll` step a sequence of the store that is not ' +
        'archived; sequences that would enroll each other in a loop are refused. 422 ' +
        'with the path of each problem (e.g. `steps.3.templateId`).',
      tag: 'Nurture',
      success: { status: 201, description: 'The sequence.', schema: SequenceSchema },
      errors: ERRORS.adminJson,
    }),
    requireJson(),
    validate('json', SequenceInputSchema),
    async (c) => {
      const { siteId } = c.get('auth')
      const input = c.req.valid('json')
      const id = newId('sq')
      await checkSequence(c, input, id)
      await insertSequenceStatement(c.env.DB, siteId, id, input, new Date().toISOString()).run()
      return c.json(await findSequence(c, id), 201)
    },
  )
  .get(
    '/:id',
    describeRoute({
      operationId: 'getSequence',
      summary: 'A sequence, with how many enrollments are active, completed and exited',
      tag: 'Nurture',
      success: { status: 200, description: 'The sequence.', schema: SequenceDetailSchema },
      errors: ERRORS.adminReadById,
    }),
    idParam,
    async (c) => {
      const s = await findSequence(c, c.req.valid('param').id)
      return c.json({ ...s, counts: await enrollmentCounts(c.env.DB, c.get('auth').siteId, s.id) })
    },
  )
  .put(
    '/:id',
    describeRoute({
      operationId: 'updateSequence',
      summary: 'Replace a sequence (its version goes up)',
      description:
        'Running enrollments keep their position: they go on with the new steps from the ' +
        'index they were at, and complete when the steps end before it. Archived ' +
        'sequences answer 409.',
      tag: 'Nurture',
      success: { status: 200, description: 'The sequence.', schema: SequenceSchema },
      errors: [...ERRORS.adminJson, 404, 409],
    }),
    idParam,
    requireJson(),
    validate('json', SequenceInputSchema),
    async (c) => {
      const { siteId } = c.get('auth')
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      const current = await findSequence(c, id)
      const archived = new ApiError('conflict', 'An archived sequence cannot be changed.')
      if (current.status === 'archived') throw archived
      await checkSequence(c, input, id)
      // Enrollments store only the index of their next step and read the steps when it is due:
      // after an edit they go on with the new steps from that index (an inserted or removed
      // step shifts what they do next), and complete when the new steps end before it.
      const at = new Date().toISOString()
      const result = await updateSequenceStatement(c.env.DB, siteId, id, input, at).run()
      if (result.meta.changes !== 1) throw archived
      return c.json(await findSequence(c, id))
    },
  )
  .post(
    '/:id/archive',
    describeRoute({
      operationId: 'archiveSequence',
      summary: 'Archive a sequence; its active enrollments exit',
      description: 'The active enrollments end with the exit reason `sequence_archived`.',
      tag: 'Nurture',
      success: { status: 200, description: 'The sequence.', schema: SequenceSchema },
      errors: ERRORS.adminAction,
    }),
    idParam,
    noBody(),
    async (c) => {
      const s = await findSequence(c, c.req.valid('param').id)
      await archiveSequence({ db: c.env.DB, now: new Date() }, s, c.get('auth'))
      return c.json(await findSequence(c, s.id))
    },
  )
  .route('/', sequenceEnrollments)
