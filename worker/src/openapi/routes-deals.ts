/** Routes of the deals area, documented as data (see routes.ts). */
import * as v from 'valibot'
import {
  ConflictSchema,
  DealListQuerySchema,
  DealPageSchema,
  DealSchema,
  DealUpdateSchema,
  IdSchema,
  LeadPipelineMoveSchema,
  LeadSchema,
  PipelineCreateSchema,
  PipelineListSchema,
  PipelineSchema,
  PipelineUpdateSchema,
  ProbabilitiesQuerySchema,
  StageProbabilitiesSchema,
} from '../../../contract'
import type { RouteDoc } from './routes'

export const DEALS_SCHEMAS = {
  Deal: DealSchema,
  DealPage: DealPageSchema,
  DealUpdate: DealUpdateSchema,
  Pipeline: PipelineSchema,
  PipelineList: PipelineListSchema,
  PipelineCreate: PipelineCreateSchema,
  PipelineUpdate: PipelineUpdateSchema,
  LeadPipelineMove: LeadPipelineMoveSchema,
  StageProbabilities: StageProbabilitiesSchema,
} satisfies Record<string, v.GenericSchema>

const tag = 'Deals'
const auth = 'admin' as const
const params = v.object({ id: IdSchema })
const READ: RouteDoc['errors'] = [400, 401, 422, 500, 503]
const WRITE: RouteDoc['errors'] = [400, 401, 404, 409, 413, 415, 422, 500, 503]
const OWNER_WRITE: RouteDoc['errors'] = [400, 401, 403, 404, 409, 413, 415, 422, 500, 503]
const VERSION =
  'Send the lead’s `version` as `expectedVersion`; a stale one answers 409 with the lead as it is now.'

export const DEALS_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/admin/api/deals',
    operationId: 'listDeals',
    summary: 'Open deals ranked by impact',
    description:
      'Open leads past `lead` (spam excluded). `impact` (the default) ranks by weighted value (value × win ' +
      'probability) × a rotting factor (1 until the stage’s limit — the pipeline’s `rotDays`, ' +
      'else the store’s median days there — then limit/days, at least 0.25) × a closing-date ' +
      'factor (1.25 when overdue or due within 14 days, 1 up to 90 days, then 90/days, at least ' +
      '0.5). Each deal lists the `reasons` for its score. Other sorts: `weighted`, `value`, ' +
      '`close` (soonest first, undated last), `age` (longest in stage first). `owner` takes a ' +
      'user id, `me` or `none`. Pages by `nextCursor` with the same filters and sort.',
    tag,
    auth,
    query: DealListQuerySchema,
    success: { status: 200, description: 'A page of deals.', schema: DealPageSchema },
    errors: READ,
  },
  {
    method: 'get',
    path: '/admin/api/deals/probabilities',
    operationId: 'getDealProbabilities',
    summary: 'Win probabilities learned from the store’s history',
    description:
      'Per open stage, among the store’s most recent closed leads (`window`) that reached it in ' +
      'the pipeline (default: the default pipeline): the win rate and sample. The rate is used ' +
      '(`source: learned`) once the sample reaches `minSample`; until then the pipeline’s ' +
      'probability (`source: default`).',
    tag,
    auth,
    query: ProbabilitiesQuerySchema,
    success: {
      status: 200,
      description: 'The probabilities.',
      schema: StageProbabilitiesSchema,
    },
    errors: [401, 404, 422, 500, 503],
  },
  {
    method: 'patch',
    path: '/admin/api/leads/:id/deal',
    operationId: 'updateDeal',
    summary: 'Change a lead’s deal value, currency, expected close or win probability',
    description: `\`probability: null\` clears the rep’s override. Records a \`deal_updated\` timeline row. ${VERSION}`,
    tag,
    auth,
    params,
    body: DealUpdateSchema,
    success: { status: 200, description: 'The lead after the change.', schema: LeadSchema },
    errors: WRITE,
    conflict: ConflictSchema,
  },
  {
    method: 'post',
    path: '/admin/api/leads/:id/pipeline',
    operationId: 'moveLeadToPipeline',
    summary: 'Move a lead to another pipeline of the store',
    description: `The lead keeps its stage, time in stage and history; a \`pipeline_changed\` timeline row records the move. ${VERSION}`,
    tag,
    auth,
    params,
    body: LeadPipelineMoveSchema,
    success: { status: 200, description: 'The lead after the move.', schema: LeadSchema },
    errors: WRITE,
    conflict: ConflictSchema,
  },
  {
    method: 'get',
    path: '/admin/api/pipelines',
    operationId: 'listPipelines',
    summary: 'The store’s pipelines, the default first',
    tag,
    auth,
    success: { status: 200, description: 'The pipelines.', schema: PipelineListSchema },
    errors: [401, 500, 503],
  },
  {
    method: 'post',
    path: '/admin/api/pipelines',
    operationId: 'createPipeline',
    summary: 'Create a pipeline (owner)',
    description:
      'Stages left out get the default labels and probabilities. Names are unique per store ' +
      '(409); a store has at most 20 pipelines.',
    tag,
    auth,
    body: PipelineCreateSchema,
    success: { status: 201, description: 'The pipeline.', schema: PipelineSchema },
    errors: OWNER_WRITE,
  },
  {
    method: 'put',
    path: '/admin/api/pipelines/:id',
    operationId: 'updatePipeline',
    summary:
      'Rename a pipeline or change its stages’ labels, probabilities and rotting limits (owner)',
    description: 'Each stage given is replaced whole; the others keep their settings.',
    tag,
    auth,
    params,
    body: PipelineUpdateSchema,
    success: { status: 200, description: 'The pipeline.', schema: PipelineSchema },
    errors: OWNER_WRITE,
  },
]
