/**
 * The use cases' batch builder (worker/src/usecases/batch.ts) on real D1: the stored answer and
 * `first` apply whatever the change does; a guard that matches nothing leaves no row of the
 * statements after it; a batch a lost race fails writes nothing and reports the miss.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { auditStatement } from '../../worker/src/db/contacts'
import { eventStatements } from '../../worker/src/db/events'
import { activityStatement, getLead, moveStatements } from '../../worker/src/db/leads'
import { newId } from '../../worker/src/lib/ids'
import { applyRep } from '../../worker/src/pipeline'
import { runBatch } from '../../worker/src/usecases/batch'
import { captureLead, count, idemKey, seedStore, type TestStore } from './helpers'

const db = env.DB

/** A rep's move of a fresh lead to qualification, guarded by `expectedVersion`. */
async function movePlan(store: TestStore, expectedVersion?: number) {
  const leadId = await captureLead(store)
  const lead = (await getLead(db, store.siteId, leadId))!
  const result = applyRep(
    lead,
    { kind: 'move', to: 'qualification' },
    'called',
    store.rep.id,
    new Date(),
  )
  if (!result.ok) throw new Error(result.refusal.message)
  return { leadId, plan: { ...result.plan, expectedVersion: expectedVersion ?? lead.version } }
}

/** The rows a move and what follows it write for the lead, by table. */
const rowsOf = async (leadId: string) => ({
  stageEvents: await count(
    "SELECT count(*) AS n FROM stage_events WHERE lead_id = ?1 AND to_stage = 'qualification'",
    leadId,
  ),
  events: await count(
    "SELECT count(*) AS n FROM events WHERE lead_id = ?1 AND type = 'lead.stage_changed'",
    leadId,
  ),
  moved: await count(
    "SELECT count(*) AS n FROM activities WHERE lead_id = ?1 AND type = 'stage_changed'",
    leadId,
  ),
  audit: await count('SELECT count(*) AS n FROM audit_log WHERE target_id = ?1', leadId),
  first: await count(
    "SELECT count(*) AS n FROM activities WHERE lead_id = ?1 AND type = 'note'",
    leadId,
  ),
})

function statements(
  store: TestStore,
  leadId: string,
  plan: Awaited<ReturnType<typeof movePlan>>['plan'],
) {
  const event = eventStatements(
    db,
    {
      siteId: store.siteId,
      type: 'lead.stage_changed',
      leadId,
      data: { probe: true },
      at: plan.at,
    },
    { afterChange: true },
  )
  return {
    first: [
      activityStatement(
        db,
        store.siteId,
        leadId,
        { type: 'note', body: {} },
        'user',
        null,
        plan.at,
      ),
    ],
    change: moveStatements(db, store.siteId, leadId, plan),
    then: [
      auditStatement(
        db,
        store.siteId,
        store.rep.id,
        'moved',
        { type: 'lead', id: leadId },
        {},
        plan.at,
        newId('au'),
      ),
    ],
    events: [event.record, ...event.effects],
  }
}

describe('the use cases’ batch builder', () => {
  it('applies everything after a guard that matched, and says so', async () => {
    const store = await seedStore()
    const { leadId, plan } = await movePlan(store)
    expect(await runBatch(db, statements(store, leadId, plan))).toEqual({ matched: true })
    // The move's history, its event and the probe event, the timeline row, the audit row.
    expect(await rowsOf(leadId)).toEqual({
      stageEvents: 1,
      events: 2,
      moved: 1,
      audit: 1,
      first: 1,
    })
  })

  it('leaves no row of the later statements when the guard matched nothing', async () => {
    const store = await seedStore()
    const { leadId, plan } = await movePlan(store, 99)
    const key = { siteId: store.siteId, key: idemKey(), requestHash: 'h' }
    const answer = { key, status: 201 as const, body: { ok: true }, at: plan.at }
    expect(await runBatch(db, { ...statements(store, leadId, plan), answer })).toEqual({
      matched: false,
    })
    expect(await rowsOf(leadId)).toEqual({
      stageEvents: 0,
      events: 0,
      moved: 0,
      audit: 0,
      first: 1,
    })
    expect((await getLead(db, store.siteId, leadId))!.stage).toBe('lead')
    // The stored answer and `first` apply whatever the change does.
    expect(await count('SELECT count(*) AS n FROM idempotency_keys WHERE key = ?1', key.key)).toBe(
      1,
    )
  })

  it('reports a batch that a lost race failed as a miss, with nothing written', async () => {
    const store = await seedStore()
    const { leadId, plan } = await movePlan(store)
    const key = { siteId: store.siteId, key: idemKey(), requestHash: 'h' }
    const at = plan.at
    await db.batch([
      db
        .prepare(
          'INSERT INTO idempotency_keys (site_id, key, request_hash, status, response, created_at) VALUES (?1, ?2, ?3, 200, ?4, ?5)',
        )
        .bind(key.siteId, key.key, 'h', '{}', at),
    ])
    // The key's row exists: the batch fails on it, as a second request with the key does.
    const answer = { key, status: 201 as const, body: {}, at }
    const batch = { ...statements(store, leadId, plan), answer }
    await expect(runBatch(db, batch)).rejects.toThrow(/UNIQUE constraint failed: idempotency_keys/)
    const conflict = (err: unknown) => err instanceof Error && /idempotency_keys/.test(err.message)
    expect(await runBatch(db, { ...batch, conflict })).toEqual({ matched: false })
    expect(await rowsOf(leadId)).toEqual({
      stageEvents: 0,
      events: 0,
      moved: 0,
      audit: 0,
      first: 0,
    })
    expect((await getLead(db, store.siteId, leadId))!.version).toBe(plan.expectedVersion)
  })
})
