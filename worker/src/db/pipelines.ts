/**
 * A store's pipelines in D1. Every store has a default pipeline; until an owner changes it, it
 * is not stored and reads answer with the default settings under its fixed id. Leads whose
 * `pipeline_id` is NULL are in the default pipeline.
 */
import type {
  OpenStage,
  Pipeline,
  PipelineCreate,
  PipelineStages,
  PipelineUpdate,
} from '../../../contract'
import { OPEN_STAGES } from '../../../contract'
import { DomainError } from '../lib/errors'
import { newId } from '../lib/ids'
import { DEFAULT_PROBABILITY } from '../pipeline'

/** More pipelines than this per store are refused (they also bound the ranking's lookups). */
export const MAX_PIPELINES = 20

const LABELS: Record<OpenStage, { tr: string; en: string }> = {
  lead: { tr: 'Müşteri adayı', en: 'Lead' },
  qualification: { tr: 'Kalifikasyon', en: 'Qualification' },
  nurturing: { tr: 'Besleme', en: 'Nurturing' },
  meeting: { tr: 'Demo / toplantı', en: 'Demo or meeting' },
  proposal: { tr: 'Teklif', en: 'Proposal' },
  deal: { tr: 'Anlaşma', en: 'Deal' },
}

export const DEFAULT_STAGES: PipelineStages = Object.fromEntries(
  OPEN_STAGES.map((s) => [
    s,
    { label: LABELS[s], probability: DEFAULT_PROBABILITY[s], rotDays: null },
  ]),
) as PipelineStages

const DEFAULT_NAME = 'Satış'

/** The fixed id of a store's default pipeline. */
export const defaultPipelineId = (siteId: string) => `pl_default_${siteId}`.slice(0, 64)

interface PipelineRow {
  id: string
  name: string
  is_default: number
  stages: string
  version: number
  created_at: string
  updated_at: string
}

const COLUMNS = 'id, name, is_default, stages, version, created_at, updated_at'

const fromRow = (r: PipelineRow): Pipeline => ({
  id: r.id,
  name: r.name,
  isDefault: r.is_default === 1,
  stages: { ...DEFAULT_STAGES, ...(JSON.parse(r.stages) as Partial<PipelineStages>) },
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

/** The default pipeline as it is before an owner changes it. */
function virtualDefault(siteId: string, at: string): Pipeline {
  return {
    id: defaultPipelineId(siteId),
    name: DEFAULT_NAME,
    isDefault: true,
    stages: DEFAULT_STAGES,
    version: 1,
    createdAt: at,
    updatedAt: at,
  }
}

/** The store's pipelines, the default first, then by creation. */
export async function listPipelines(db: D1Database, siteId: string): Promise<Pipeline[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM pipelines WHERE site_id = ?1
        ORDER BY is_default DESC, created_at, id LIMIT ${MAX_PIPELINES + 1}`,
    )
    .bind(siteId)
    .all<PipelineRow>()
  const items = results.map(fromRow)
  if (!items.some((p) => p.isDefault)) {
    const created = await db
      .prepare('SELECT created_at FROM sites WHERE id = ?1')
      .bind(siteId)
      .first<{ created_at: string }>()
    items.unshift(virtualDefault(siteId, created?.created_at ?? new Date(0).toISOString()))
  }
  return items
}

export async function getPipeline(
  db: D1Database,
  siteId: string,
  id: string,
): Promise<Pipeline | null> {
  return (await listPipelines(db, siteId)).find((p) => p.id === id) ?? null
}

/** Stores the default pipeline as it is read now, so it can be changed (a no-op once stored). */
function storeDefaultStatement(db: D1Database, siteId: string, at: string) {
  return db
    .prepare(
      `INSERT OR IGNORE INTO pipelines (${COLUMNS}, site_id)
       SELECT ?1, ?2, 1, ?3, 1, created_at, ?4, id FROM sites WHERE id = ?5`,
    )
    .bind(defaultPipelineId(siteId), DEFAULT_NAME, JSON.stringify(DEFAULT_STAGES), at, siteId)
}

const mergeStages = (
  base: PipelineStages,
  patch: PipelineCreate['stages'] | undefined,
): PipelineStages => {
  const out = { ...base }
  for (const s of OPEN_STAGES) {
    const stage = patch?.[s]
    if (stage) out[s] = stage
  }
  return out
}

const nameTaken = () => new DomainError('conflict', 'Another pipeline of this store has that name.')

/** Creates a pipeline; refuses a name the store already uses and more than MAX_PIPELINES. */
export async function createPipeline(
  db: D1Database,
  siteId: string,
  input: PipelineCreate,
  at: string,
): Promise<Pipeline> {
  const id = newId('pl')
  const stages = mergeStages(DEFAULT_STAGES, input.stages)
  const [, insert] = await db.batch([
    storeDefaultStatement(db, siteId, at),
    db
      .prepare(
        `INSERT INTO pipelines (${COLUMNS}, site_id)
         SELECT ?1, ?2, 0, ?3, 1, ?4, ?4, ?5
          WHERE NOT EXISTS (SELECT 1 FROM pipelines WHERE site_id = ?5 AND name = ?2)
            AND (SELECT count(*) FROM pipelines WHERE site_id = ?5) < ?6`,
      )
      .bind(id, input.name, JSON.stringify(stages), at, siteId, MAX_PIPELINES),
  ])
  if (insert?.meta.changes !== 1) {
    const taken = await db
      .prepare('SELECT 1 AS x FROM pipelines WHERE site_id = ?1 AND name = ?2')
      .bind(siteId, input.name)
      .first()
    if (taken) throw nameTaken()
    throw new DomainError('validation_failed', `A store has at most ${MAX_PIPELINES} pipelines.`)
  }
  return (await getPipeline(db, siteId, id))!
}

/** Renames a pipeline or replaces some of its stages' settings; null when there is no such one. */
export async function updatePipeline(
  db: D1Database,
  siteId: string,
  id: string,
  input: PipelineUpdate,
  at: string,
): Promise<Pipeline | null> {
  const current = await getPipeline(db, siteId, id)
  if (!current) return null
  const name = input.name ?? current.name
  const stages = mergeStages(current.stages, input.stages)
  const [, update] = await db.batch([
    storeDefaultStatement(db, siteId, at),
    db
      .prepare(
        `UPDATE pipelines SET name = ?3, stages = ?4, updated_at = ?5, version = version + 1
          WHERE site_id = ?1 AND id = ?2
            AND NOT EXISTS (SELECT 1 FROM pipelines WHERE site_id = ?1 AND name = ?3 AND id <> ?2)`,
      )
      .bind(siteId, id, name, JSON.stringify(stages), at),
  ])
  if (update?.meta.changes !== 1) throw nameTaken()
  return getPipeline(db, siteId, id)
}
