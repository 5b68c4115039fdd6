/** Deals (stage 6): the ranking by impact, win probabilities with their source, pipelines. */
import * as v from 'valibot'
import { PageSchema } from './admin'
import { IdSchema, OPEN_STAGES, OpenStageSchema, intFromQuery, text } from './common'
import { IsoDateSchema, IsoDateTimeSchema, isoDate } from './dates'

/** Open stages past `lead`: a lead there is an opportunity (a deal). */
export const DEAL_STAGES = ['qualification', 'nurturing', 'meeting', 'proposal', 'deal'] as const
export const DealStageSchema = v.picklist(DEAL_STAGES)
export type DealStage = v.InferOutput<typeof DealStageSchema>

const percent = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100))
const expectedVersion = v.pipe(v.number(), v.integer(), v.minValue(1))

/** One stage of a pipeline: its labels, win probability (percent) and rotting limit (days). */
export const PipelineStageSchema = v.strictObject({
  label: v.strictObject({ tr: text(60), en: text(60) }),
  probability: percent,
  /** Days in the stage after which a deal rots; null uses the store's usual time there. */
  rotDays: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365))),
})
export type PipelineStage = v.InferOutput<typeof PipelineStageSchema>

export const PipelineStagesSchema = v.strictObject(
  Object.fromEntries(OPEN_STAGES.map((s) => [s, PipelineStageSchema])) as Record<
    (typeof OPEN_STAGES)[number],
    typeof PipelineStageSchema
  >,
)
export type PipelineStages = v.InferOutput<typeof PipelineStagesSchema>

/** Stages to change: each named stage is replaced whole; stages left out keep their settings. */
export const PipelineStagesPatchSchema = v.strictObject(
  Object.fromEntries(OPEN_STAGES.map((s) => [s, v.optional(PipelineStageSchema)])) as Record<
    (typeof OPEN_STAGES)[number],
    v.OptionalSchema<typeof PipelineStageSchema, undefined>
  >,
)

export const PipelineSchema = v.object({
  id: v.string(),
  name: v.string(),
  isDefault: v.boolean(),
  stages: PipelineStagesSchema,
  version: v.number(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
})
export type Pipeline = v.InferOutput<typeof PipelineSchema>

export const PipelineListSchema = v.object({ items: v.array(PipelineSchema) })

/** A new pipeline; stages left out get the default labels and probabilities. */
export const PipelineCreateSchema = v.strictObject({
  name: text(100),
  stages: v.optional(PipelineStagesPatchSchema),
})
export type PipelineCreate = v.InferOutput<typeof PipelineCreateSchema>

export const PipelineUpdateSchema = v.pipe(
  v.strictObject({ name: v.optional(text(100)), stages: v.optional(PipelineStagesPatchSchema) }),
  v.check((b) => b.name !== undefined || b.stages !== undefined, 'change the name or stages'),
)
export type PipelineUpdate = v.InferOutput<typeof PipelineUpdateSchema>

/** Moves a lead to another pipeline of its store; its stage and history stay. */
export const LeadPipelineMoveSchema = v.strictObject({ pipelineId: IdSchema, expectedVersion })
export type LeadPipelineMove = v.InferOutput<typeof LeadPipelineMoveSchema>

/** A calendar date from 2000-01-01 to 2100-12-31 that exists (no 2026-02-30). */
export const CloseDateSchema = v.pipe(
  isoDate(),
  v.check((s) => s >= '2000-01-01' && s <= '2100-12-31', 'a date between 2000 and 2100'),
)

/** Changes a lead's deal fields; `probability: null` clears the rep's override. */
export const DealUpdateSchema = v.pipe(
  v.strictObject({
    valueMinor: v.optional(
      v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000_000_000)),
    ),
    currency: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'an ISO 4217 code like TRY'))),
    expectedClose: v.optional(v.nullable(CloseDateSchema)),
    probability: v.optional(v.nullable(percent)),
    expectedVersion,
  }),
  v.check((b) => Object.keys(b).length > 1, 'change at least one field'),
)
export type DealUpdate = v.InferOutput<typeof DealUpdateSchema>

export const DEAL_SORTS = ['impact', 'weighted', 'value', 'close', 'age'] as const
export type DealSort = (typeof DEAL_SORTS)[number]

export const DealListQuerySchema = v.strictObject({
  stage: v.optional(DealStageSchema),
  /** A user id, `me` (the caller) or `none` (unassigned). */
  owner: v.optional(v.union([v.literal('me'), v.literal('none'), IdSchema])),
  pipeline: v.optional(IdSchema),
  minValue: v.optional(intFromQuery(0, 999_999_999)),
  sort: v.optional(v.picklist(DEAL_SORTS), 'impact'),
  limit: v.optional(intFromQuery(1, 100), '25'),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(500))),
})
export type DealListQuery = v.InferOutput<typeof DealListQuerySchema>

/** Where a deal's win probability comes from: the rep, the store's history, or the pipeline. */
export const DealProbabilitySourceSchema = v.picklist(['override', 'learned', 'stage'])
export type DealProbabilitySource = v.InferOutput<typeof DealProbabilitySourceSchema>

/** Why a deal ranks where it does; numbers are days and multipliers of the score. */
export const DealReasonSchema = v.variant('code', [
  v.object({
    code: v.literal('weighted'),
    valueMinor: v.number(),
    probability: v.number(),
    source: DealProbabilitySourceSchema,
    weightedMinor: v.number(),
  }),
  v.object({
    code: v.literal('rotting'),
    days: v.number(),
    limit: v.number(),
    basis: v.picklist(['pipeline', 'usual']),
    factor: v.number(),
  }),
  v.object({ code: v.literal('overdue'), days: v.number(), factor: v.number() }),
  v.object({ code: v.literal('closing_soon'), days: v.number(), factor: v.number() }),
  v.object({ code: v.literal('closing_far'), days: v.number(), factor: v.number() }),
])
export type DealReason = v.InferOutput<typeof DealReasonSchema>

export const DealSchema = v.object({
  leadId: v.string(),
  contact: v.object({ name: v.nullable(v.string()), company: v.nullable(v.string()) }),
  stage: DealStageSchema,
  pipeline: v.object({ id: v.string(), name: v.string() }),
  ownerId: v.nullable(v.string()),
  valueMinor: v.number(),
  currency: v.string(),
  probability: v.number(),
  probabilitySource: DealProbabilitySourceSchema,
  /** Closed leads the learned probability came from; null unless the source is `learned`. */
  probabilitySample: v.nullable(v.number()),
  weightedMinor: v.number(),
  expectedClose: v.nullable(IsoDateSchema),
  daysInStage: v.number(),
  /** The store's median whole days in this stage, when it has enough history. */
  usualDays: v.nullable(v.number()),
  rotLimitDays: v.nullable(v.number()),
  rotting: v.boolean(),
  score: v.number(),
  reasons: v.array(DealReasonSchema),
  version: v.number(),
})
export type Deal = v.InferOutput<typeof DealSchema>

export const DealPageSchema = PageSchema(DealSchema)

export const ProbabilitiesQuerySchema = v.strictObject({ pipeline: v.optional(IdSchema) })

export const StageProbabilitySchema = v.object({
  stage: OpenStageSchema,
  probability: v.number(),
  /** Closed leads that reached this stage, among the recent ones learning looks at. */
  sample: v.number(),
  won: v.number(),
  source: v.picklist(['learned', 'default']),
  /** The pipeline's own probability for the stage, used while the sample is too small. */
  stageProbability: v.number(),
})

export const StageProbabilitiesSchema = v.object({
  pipelineId: v.string(),
  minSample: v.number(),
  window: v.number(),
  stages: v.array(StageProbabilitySchema),
})
export type StageProbabilities = v.InferOutput<typeof StageProbabilitiesSchema>
