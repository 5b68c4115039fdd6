/**
 * Deals in D1: the ranked list of a store's open opportunities, and the guarded writes of a
 * lead's deal fields and pipeline. The ranking runs the formula of deals/rank.ts in SQL, so a
 * page costs one pass over the store's open deals (index-selected) and a top-N sort, never a
 * read of every row into the worker.
 */
import {
  DEAL_STAGES,
  type Deal,
  type DealListQuery,
  type DealStage,
  type DealUpdate,
  type OpenStage,
  type Pipeline,
} from '../../../contract'
import {
  CLOSE_FAR_DAYS,
  CLOSE_FAR_FLOOR,
  CLOSE_SOON_DAYS,
  CLOSE_SOON_FACTOR,
  ROT_FLOOR,
  daysInStage,
  daysToClose,
  effectiveProbability,
  learnFromOutcomes,
  rankDeal,
  rotLimit,
  type LearnedProbability,
  type RotLimit,
} from '../deals'
import { DomainError } from '../lib/errors'
import { decodeCursor, encodeCursor, type CursorValue } from './cursor'
import { activityStatement } from './leads'
import { listPipelines } from './pipelines'
import { stageOutcomesByPipeline, usualDaysInStage, type UsualDays } from './probabilities'
import { params } from './sql'

/** What the ranking knows about one stage of one pipeline. */
interface StageContext {
  learned: LearnedProbability
  stageProbability: number
  usual: UsualDays | undefined
  limit: RotLimit | null
}

export interface DealContext {
  pipelines: Pipeline[]
  stages: Map<string, Record<OpenStage, StageContext>>
}

/** Loads what ranking needs: the pipelines, learned probabilities and usual days in stage. */
export async function dealContext(db: D1Database, siteId: string): Promise<DealContext> {
  const [pipelines, outcomes, usual] = await Promise.all([
    listPipelines(db, siteId),
    stageOutcomesByPipeline(db, siteId),
    usualDaysInStage(db, siteId),
  ])
  const stages = new Map<string, Record<OpenStage, StageContext>>()
  for (const p of pipelines) {
    const defaults = Object.fromEntries(
      Object.entries(p.stages).map(([s, cfg]) => [s, cfg.probability]),
    ) as Record<OpenStage, number>
    const learned = learnFromOutcomes(outcomes.get(p.id) ?? {}, defaults)
    stages.set(
      p.id,
      Object.fromEntries(
        Object.entries(p.stages).map(([s, cfg]) => {
          const u = usual[s as OpenStage]
          return [
            s,
            {
              learned: learned[s as OpenStage],
              stageProbability: cfg.probability,
              usual: u,
              limit: rotLimit(cfg.rotDays, u?.days ?? null),
            },
          ]
        }),
      ) as Record<OpenStage, StageContext>,
    )
  }
  return { pipelines, stages }
}

/** A stage's probability before any override: learned when learned, else the pipeline's. */
const stageProbability = (s: StageContext) =>
  effectiveProbability(null, s.learned, s.stageProbability).probability

const SORTS: Record<DealListQuery['sort'], { col: string; dir: 'ASC' | 'DESC'; type: string }> = {
  impact: { col: 'score', dir: 'DESC', type: 'number' },
  weighted: { col: 'weighted', dir: 'DESC', type: 'number' },
  value: { col: 'value_minor', dir: 'DESC', type: 'number' },
  close: { col: 'close_key', dir: 'ASC', type: 'string' },
  age: { col: 'stage_entered_at', dir: 'ASC', type: 'string' },
}

const DEAL_LIST = DEAL_STAGES.map((s) => `'${s}'`).join(', ')
const NO_CLOSE = '9999-12-31'
const SECONDS = (expr: string) => `CAST(strftime('%s', ${expr}) AS INTEGER)`

interface DealRow {
  id: string
  stage: DealStage
  pipeline_id: string | null
  owner_id: string | null
  value_minor: number
  currency: string
  probability_override: number | null
  expected_close: string | null
  stage_entered_at: string
  close_key: string
  version: number
  weighted: number
  score: number
  c_name: string | null
  c_company: string | null
}

/**
 * A page of the store's open deals (leads past `lead`, not spam) with filters, ranked by the
 * chosen sort, keyset-paged on (sort value, id).
 */
export async function listDeals(
  db: D1Database,
  siteId: string,
  q: DealListQuery,
  caller: { userId: string; now: Date },
  ctx: DealContext,
): Promise<{ items: Deal[]; nextCursor: string | null }> {
  const defaultPipeline = ctx.pipelines.find((p) => p.isDefault)!
  const keyOf = (pipelineId: string) => (pipelineId === defaultPipeline.id ? '' : pipelineId)
  const table: [string, OpenStage, number, number | null][] = []
  for (const p of ctx.pipelines) {
    const stages = ctx.stages.get(p.id)!
    for (const s of DEAL_STAGES) {
      table.push([keyOf(p.id), s, stageProbability(stages[s]), stages[s].limit?.days ?? null])
    }
  }
  const now = caller.now.toISOString()
  const today = now.slice(0, 10)
  const p = params(siteId, JSON.stringify(table), now, today)
  const param = p.add
  const where = ['l.site_id = ?1', 'l.spam = 0', `l.stage IN (${DEAL_LIST})`]
  if (q.stage) where.push(`l.stage = ${param(q.stage)}`)
  if (q.owner === 'none') where.push('l.owner_id IS NULL')
  else if (q.owner) where.push(`l.owner_id = ${param(q.owner === 'me' ? caller.userId : q.owner)}`)
  if (q.pipeline !== undefined) {
    if (!ctx.pipelines.some((x) => x.id === q.pipeline)) return { items: [], nextCursor: null }
    if (q.pipeline === defaultPipeline.id) where.push('l.pipeline_id IS NULL')
    else where.push(`l.pipeline_id = ${param(q.pipeline)}`)
  }
  if (q.minValue !== undefined) where.push(`l.value_minor >= ${param(q.minValue)}`)
  const sort = SORTS[q.sort]
  const after: string[] = []
  if (q.cursor) {
    const [value, id] = decodeCursor(q.cursor)
    if (typeof value !== sort.type)
      throw new DomainError('bad_request', 'The cursor is not one this API returned.')
    after.push(
      `WHERE (${sort.col}, id) ${sort.dir === 'ASC' ? '>' : '<'} (${param(value)}, ${param(id)})`,
    )
  }
  const weighted = 'value_minor * prob / 100.0'
  const rot = `(CASE WHEN lim IS NULL OR days <= lim THEN 1.0 ELSE max(${ROT_FLOOR}, lim * 1.0 / days) END)`
  const close =
    `(CASE WHEN to_close IS NULL THEN 1.0 WHEN to_close <= ${CLOSE_SOON_DAYS} THEN ${CLOSE_SOON_FACTOR}` +
    ` WHEN to_close <= ${CLOSE_FAR_DAYS} THEN 1.0 ELSE max(${CLOSE_FAR_FLOOR}, ${CLOSE_FAR_DAYS}.0 / to_close) END)`
  const order = `${sort.col} ${sort.dir}, id ${sort.dir}`
  const { results } = await db
    .prepare(
      `WITH k AS MATERIALIZED (
         SELECT json_extract(value, '$[0]') AS pid, json_extract(value, '$[1]') AS stage,
                json_extract(value, '$[2]') AS p, json_extract(value, '$[3]') AS lim
           FROM json_each(?2)),
       d AS (
         SELECT l.id, l.stage, l.pipeline_id, l.owner_id, l.value_minor, l.currency,
                l.probability_override, l.expected_close, l.stage_entered_at, l.version, l.contact_id,
                coalesce(l.expected_close, '${NO_CLOSE}') AS close_key,
                coalesce(l.probability_override, k.p) AS prob, k.lim,
                max(0, (${SECONDS('?3')} - ${SECONDS('l.stage_entered_at')}) / 86400) AS days,
                (${SECONDS('l.expected_close')} - ${SECONDS('?4')}) / 86400 AS to_close
           FROM leads l JOIN k ON k.pid = coalesce(l.pipeline_id, '') AND k.stage = l.stage
          WHERE ${where.join(' AND ')}),
       s AS (
         SELECT *, ${weighted} AS weighted, ${weighted} * ${rot} * ${close} AS score FROM d),
       page AS (SELECT * FROM s ${after.join('')} ORDER BY ${order} LIMIT ${param(q.limit + 1)})
       SELECT page.*, c.name AS c_name, c.company AS c_company
         FROM page LEFT JOIN contacts c ON c.site_id = ?1 AND c.id = page.contact_id
        ORDER BY ${order}`,
    )
    .bind(...p.values)
    .all<DealRow>()
  const rows = results.slice(0, q.limit)
  const last = rows[rows.length - 1]
  const sortValue = (r: DealRow): CursorValue[0] => r[sort.col as keyof DealRow] as number | string
  return {
    items: rows.map((r) => dealFromRow(r, ctx, defaultPipeline.id, caller.now)),
    nextCursor: results.length > q.limit && last ? encodeCursor([sortValue(last), last.id]) : null,
  }
}

function dealFromRow(r: DealRow, ctx: DealContext, defaultId: string, now: Date): Deal {
  const pipelineId = r.pipeline_id ?? defaultId
  const pipeline = ctx.pipelines.find((x) => x.id === pipelineId)
  const stage = ctx.stages.get(pipelineId)?.[r.stage]
  if (!pipeline || !stage) throw new Error('deal in a pipeline the store does not have')
  const prob = effectiveProbability(r.probability_override, stage.learned, stage.stageProbability)
  const days = daysInStage(r.stage_entered_at, now)
  const ranked = rankDeal({
    valueMinor: r.value_minor,
    probability: prob.probability,
    probabilitySource: prob.source,
    daysInStage: days,
    rotLimit: stage.limit,
    daysToClose: daysToClose(r.expected_close, now.toISOString().slice(0, 10)),
  })
  return {
    leadId: r.id,
    contact: { name: r.c_name, company: r.c_company },
    stage: r.stage,
    pipeline: { id: pipeline.id, name: pipeline.name },
    ownerId: r.owner_id,
    valueMinor: r.value_minor,
    currency: r.currency,
    probability: prob.probability,
    probabilitySource: prob.source,
    probabilitySample: prob.sample,
    weightedMinor: ranked.weightedMinor,
    expectedClose: r.expected_close,
    daysInStage: days,
    usualDays: stage.usual ? Math.round(stage.usual.days) : null,
    rotLimitDays: stage.limit?.days ?? null,
    rotting: ranked.rotting,
    score: ranked.score,
    reasons: ranked.reasons,
    version: r.version,
  }
}

const DEAL_COLUMNS = {
  valueMinor: 'value_minor',
  currency: 'currency',
  expectedClose: 'expected_close',
  probability: 'probability_override',
} as const

type DealField = keyof typeof DEAL_COLUMNS

/** The fields a deal update changes, each with its value before and after. */
export function dealChanges(
  current: Record<DealField, unknown>,
  update: DealUpdate,
): Partial<Record<DealField, { from: unknown; to: unknown }>> {
  const out: Partial<Record<DealField, { from: unknown; to: unknown }>> = {}
  for (const field of Object.keys(DEAL_COLUMNS) as DealField[]) {
    const to = update[field]
    if (to !== undefined && to !== current[field]) out[field] = { from: current[field], to }
  }
  return out
}

/**
 * The guarded update of a lead's deal fields and its `deal_updated` timeline row, which is
 * written only when the update applied (the lead still had `expectedVersion`).
 */
export function dealUpdateStatements(
  db: D1Database,
  siteId: string,
  leadId: string,
  update: DealUpdate,
  changes: ReturnType<typeof dealChanges>,
  userId: string,
  at: string,
): [D1PreparedStatement, ...D1PreparedStatement[]] {
  const p = params(siteId, leadId, update.expectedVersion, at)
  const sets = ['updated_at = ?4', 'version = version + 1']
  for (const field of Object.keys(DEAL_COLUMNS) as DealField[]) {
    const value = update[field]
    if (value !== undefined) sets.push(`${DEAL_COLUMNS[field]} = ${p.add(value)}`)
  }
  return [
    db
      .prepare(
        `UPDATE leads SET ${sets.join(', ')} WHERE site_id = ?1 AND id = ?2 AND version = ?3`,
      )
      .bind(...p.values),
    activityStatement(
      db,
      siteId,
      leadId,
      { type: 'deal_updated', body: { changes } },
      'user',
      userId,
      at,
      true,
    ),
  ]
}

/**
 * Moves a lead to another pipeline (NULL: the default one), keeping its stage, time in stage
 * and history; guarded by its version, with a `pipeline_changed` timeline row.
 */
export function pipelineMoveStatements(
  db: D1Database,
  siteId: string,
  leadId: string,
  move: { from: string; to: string; storedTo: string | null; expectedVersion: number },
  userId: string,
  at: string,
): [D1PreparedStatement, ...D1PreparedStatement[]] {
  return [
    db
      .prepare(
        `UPDATE leads SET pipeline_id = ?3, updated_at = ?4, version = version + 1
          WHERE site_id = ?1 AND id = ?2 AND version = ?5`,
      )
      .bind(siteId, leadId, move.storedTo, at, move.expectedVersion),
    activityStatement(
      db,
      siteId,
      leadId,
      { type: 'pipeline_changed', body: { from: move.from, to: move.to } },
      'user',
      userId,
      at,
      true,
    ),
  ]
}
