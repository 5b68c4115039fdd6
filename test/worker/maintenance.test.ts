import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import worker from '../../worker/src/index'
import { moveStatements } from '../../worker/src/db/leads'
import { applyRep } from '../../worker/src/pipeline'
import { captureLead, count, seedStore } from './helpers'

describe('scheduled maintenance', () => {
  it('purges idempotency keys older than a week and keeps newer ones', async () => {
    const store = await seedStore()
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO idempotency_keys VALUES (?1, 'old-key-0001', 'h', 201, '{}', '2026-01-01T00:00:00.000Z')",
      ).bind(store.siteId),
      env.DB.prepare(
        "INSERT INTO idempotency_keys VALUES (?1, 'new-key-0001', 'h', 201, '{}', '2026-01-07T00:00:00.000Z')",
      ).bind(store.siteId),
    ])
    const ctx = createExecutionContext()
    worker.scheduled(
      { scheduledTime: Date.parse('2026-01-10T00:00:00Z'), cron: '17 3 * * *', noRetry() {} },
      env,
      ctx,
    )
    await waitOnExecutionContext(ctx)
    expect(
      await count('SELECT count(*) AS n FROM idempotency_keys WHERE site_id = ?1', store.siteId),
    ).toBe(1)
  })
})

describe('the stage-change batch', () => {
  it('writes nothing when the lead no longer has the expected version, whatever the caller checked', async () => {
    const store = await seedStore()
    const id = await captureLead(store)
    const plan = applyRep(
      { stage: 'lead', version: 1 },
      { kind: 'move', to: 'deal' },
      'r',
      store.rep.id,
      new Date(),
    )
    if (!plan.ok) throw new Error('plan refused')
    await env.DB.batch(moveStatements(env.DB, store.siteId, id, plan.plan))
    const [update] = await env.DB.batch(moveStatements(env.DB, store.siteId, id, plan.plan))
    expect(update!.meta.changes).toBe(0)
    expect(await count('SELECT count(*) AS n FROM stage_events WHERE lead_id = ?1', id)).toBe(2)
    expect(
      await count(
        "SELECT count(*) AS n FROM activities WHERE lead_id = ?1 AND type = 'stage_changed'",
        id,
      ),
    ).toBe(1)
  })
})
