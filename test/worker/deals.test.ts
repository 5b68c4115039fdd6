/**
 * Deals (stage 6): the ranked deal list, deal fields with the version guard, pipelines and
 * moving leads between them, learned probabilities and usual times from real D1 history, and
 * tenant isolation on every route.
 */
import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import type { Stage } from '../../contract'
import { learnedProbabilities } from '../../worker/src/db/probabilities'
import { daysInStage, daysToClose, rankDeal } from '../../worker/src/deals'
import { createApp } from '../../worker/src/app'
import { documentedRoutes } from '../../worker/src/openapi'
import { dealsRequests } from './areas/deals'
import { admin, captureLead, count, seedStore, type TestStore } from './helpers'

const DEALS_ROUTES = documentedRoutes(createApp().routes).filter((r) => r.tag === 'Deals')

const json = async (res: Response | Promise<Response>) => (await (await res).json()) as any

const DAY = 86_400_000
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString()

async function lead(store: TestStore, n: number | string) {
  return captureLead(store, {
    fields: { name: `Kişi ${n}`, email: `kisi${n}@example.com`, company: `Firma ${n}` },
  })
}

const version = async (store: TestStore, id: string) =>
  (await json(admin(store.rep.key, 'GET', `/leads/${id}`))).lead.version as number

async function move(store: TestStore, id: string, to: string) {
  const res = await admin(store.rep.key, 'POST', `/leads/${id}/move`, {
    to,
    reason: 'test',
    expectedVersion: await version(store, id),
  })
  expect(res.status).toBe(200)
}

async function setDeal(store: TestStore, id: string, body: Record<string, unknown>) {
  const res = await admin(store.rep.key, 'PATCH', `/leads/${id}/deal`, {
    ...body,
    expectedVersion: await version(store, id),
  })
  expect(res.status, await res.clone().text()).toBe(200)
  return json(res)
}

/** A lead written straight to D1 with a hand-made stage history: [stage, at] in order. */
async function historyLead(store: TestStore, steps: [Stage, string][], pipelineId?: string) {
  const id = `ld_h${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`
  const contact = `ct_h${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`
  const [first] = steps[0]!
  const [stage, at] = steps[steps.length - 1]!
  expect(first).toBe('lead')
  const statements = [
    env.DB.prepare(
      `INSERT INTO contacts (id, site_id, name, created_at, updated_at) VALUES (?1, ?2, 'Geçmiş', ?3, ?3)`,
    ).bind(contact, store.siteId, steps[0]![1]),
    env.DB.prepare(
      `INSERT INTO leads (id, site_id, contact_id, stage, currency, probability, stage_entered_at,
         created_at, updated_at, pipeline_id)
       VALUES (?1, ?2, ?3, ?4, 'TRY', 0, ?5, ?6, ?5, ?7)`,
    ).bind(id, store.siteId, contact, stage, at, steps[0]![1], pipelineId ?? null),
    ...steps.map(([to, when], i) =>
      env.DB.prepare(
        `INSERT INTO stage_events (id, site_id, lead_id, from_stage, to_stage, event, actor_type, at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'moved', 'system', ?6)`,
      ).bind(`se_${id}_${i}`, store.siteId, id, i === 0 ? null : steps[i - 1]![0], to, when),
    ),
  ]
  await env.DB.batch(statements)
  return id
}

/** Closed leads through lead → qualification → meeting; `won` of them won. */
async function closedThroughMeeting(store: TestStore, n: number, won: number, pipeline?: string) {
  for (let i = 0; i < n; i++) {
    await historyLead(
      store,
      [
        ['lead', ago(40)],
        ['qualification', ago(35)],
        ['meeting', ago(30)],
        [i < won ? 'won' : 'lost', ago(20)],
      ],
      pipeline,
    )
  }
}

async function allPages(store: TestStore, query: string, limit = 2) {
  const ids: string[] = []
  let cursor: string | null = null
  for (let guard = 0; guard < 50; guard++) {
    const page: any = await json(
      admin(
        store.rep.key,
        'GET',
        `/deals?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      ),
    )
    ids.push(...page.items.map((d: any) => d.leadId))
    cursor = page.nextCursor
    if (!cursor) break
  }
  return ids
}

/**
 * Pages the impact ranking one deal at a time and reads the score SQL sorted by from each
 * cursor, beside the score rank.ts computed for the deal shown: the two formulas must agree.
 */
async function sqlAndShownScores(store: TestStore) {
  const pairs: [number, number][] = []
  let cursor = ''
  for (let guard = 0; guard < 20; guard++) {
    const page: any = await json(
      admin(store.rep.key, 'GET', `/deals?limit=1${cursor ? `&cursor=${cursor}` : ''}`),
    )
    if (!page.nextCursor) break
    cursor = page.nextCursor
    const [sqlScore] = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')))
    pairs.push([sqlScore, page.items[0].score])
  }
  return pairs
}

describe('GET /deals', () => {
  it('lists open deals past lead, ranked by impact with reasons, and filters and pages them', async () => {
    const store = await seedStore()
    const [a, b, c, d, e, f] = [
      await lead(store, 'a'),
      await lead(store, 'b'),
      await lead(store, 'c'),
      await lead(store, 'd'),
      await lead(store, 'e'),
      await lead(store, 'f'),
    ]
    await move(store, a, 'proposal') // 60 %
    await move(store, b, 'meeting') // 40 %
    await move(store, c, 'deal') // 80 %
    await move(store, d, 'qualification') // 10 %
    await move(store, e, 'proposal')
    // f stays at `lead`: not a deal yet. e is closed below: not open.
    await setDeal(store, a, { valueMinor: 100_000 })
    await setDeal(store, b, { valueMinor: 300_000, expectedClose: ago(-5).slice(0, 10) })
    await setDeal(store, c, { valueMinor: 50_000, expectedClose: ago(-365).slice(0, 10) })
    await setDeal(store, d, { valueMinor: 900_000, probability: 50 })
    const closeRes = await admin(store.rep.key, 'POST', `/leads/${e}/close`, {
      outcome: 'lost',
      reason: 'price',
      expectedVersion: await version(store, e),
    })
    expect(closeRes.status).toBe(200)
    await admin(store.rep.key, 'POST', `/leads/${b}/assign`, {
      ownerId: store.rep.id,
      expectedVersion: await version(store, b),
    })
    await admin(store.rep.key, 'POST', `/leads/${c}/assign`, {
      ownerId: store.owner.id,
      expectedVersion: await version(store, c),
    })

    const page = await json(admin(store.rep.key, 'GET', '/deals'))
    // d: 900 000 × 50 % (override) = 450 000; b: 300 000 × 40 % × 1.25 (closing soon) = 150 000;
    // a: 100 000 × 60 % = 60 000; c: 50 000 × 80 % × 0.5 (a year away) = 20 000.
    expect(page.items.map((x: any) => x.leadId)).toEqual([d, b, a, c])
    expect(page.items.map((x: any) => x.score)).toEqual([450_000, 150_000, 60_000, 20_000])
    expect(page.nextCursor).toBeNull()
    const byId = Object.fromEntries(page.items.map((x: any) => [x.leadId, x]))
    expect(byId[d]).toMatchObject({
      stage: 'qualification',
      probability: 50,
      probabilitySource: 'override',
      weightedMinor: 450_000,
      contact: { name: 'Kişi d', company: 'Firma d' },
      currency: 'TRY',
      rotting: false,
      daysInStage: 0,
    })
    expect(byId[a]).toMatchObject({ probability: 60, probabilitySource: 'stage' })
    expect(byId[a].pipeline.id).toBe(
      (await json(admin(store.rep.key, 'GET', '/pipelines'))).items[0].id,
    )
    expect(byId[b].reasons).toEqual([
      {
        code: 'weighted',
        valueMinor: 300_000,
        probability: 40,
        source: 'stage',
        weightedMinor: 120_000,
      },
      { code: 'closing_soon', days: 5, factor: 1.25 },
    ])
    expect(byId[c].reasons[1]).toEqual({ code: 'closing_far', days: 365, factor: 0.5 })
    // The score shown is rank.ts's score for the fields shown, so SQL and TypeScript agree.
    const now = new Date()
    for (const item of page.items) {
      expect(
        rankDeal({
          valueMinor: item.valueMinor,
          probability: item.probability,
          probabilitySource: item.probabilitySource,
          daysInStage: item.daysInStage,
          rotLimit: null,
          daysToClose: daysToClose(item.expectedClose, now.toISOString().slice(0, 10)),
        }).score,
      ).toBe(item.score)
    }

    // Other sorts.
    const ids = async (q: string) =>
      (await json(admin(store.rep.key, 'GET', `/deals?${q}`))).items.map((x: any) => x.leadId)
    expect(await ids('sort=weighted')).toEqual([d, b, a, c])
    expect(await ids('sort=value')).toEqual([d, b, a, c])
    const byClose = await ids('sort=close')
    expect(byClose.slice(0, 2)).toEqual([b, c])
    expect(new Set(byClose.slice(2))).toEqual(new Set([a, d]))
    expect(await ids('sort=age')).toEqual([a, b, c, d])

    // Filters.
    expect(await ids('stage=proposal')).toEqual([a])
    expect(await ids('owner=me')).toEqual([b])
    expect(await ids(`owner=${store.owner.id}`)).toEqual([c])
    expect(await ids('owner=none')).toEqual([d, a])
    expect(await ids('minValue=100000')).toEqual([d, b, a])
    expect(await ids('pipeline=pl_unknown')).toEqual([])

    // Keyset pages of two give every deal once, in the same order, for every sort.
    for (const sort of ['impact', 'weighted', 'value', 'close', 'age']) {
      expect(await allPages(store, `sort=${sort}`), sort).toEqual(await ids(`sort=${sort}`))
    }
    expect(await allPages(store, 'sort=impact', 1)).toEqual([d, b, a, c])
    const scores = await sqlAndShownScores(store)
    expect(scores).toHaveLength(3)
    for (const [sql, shown] of scores) expect(sql).toBe(shown)

    // A cursor from another sort is refused.
    const first = await json(admin(store.rep.key, 'GET', '/deals?limit=1&sort=close'))
    expect((await admin(store.rep.key, 'GET', `/deals?cursor=${first.nextCursor}`)).status).toBe(
      400,
    )
    for (const bad of ['sort=best', 'limit=0', 'limit=101', 'stage=lead', 'stage=won', 'x=1']) {
      expect((await admin(store.rep.key, 'GET', `/deals?${bad}`)).status, bad).toBe(422)
    }
    expect(f).toBeTruthy()
  })

  it('flags deals that sat past the pipeline limit or the store’s usual time as rotting', async () => {
    const store = await seedStore()
    // Usual time in qualification: completed stays of 2, 4, 6, 8 and 10 days → median 6.
    for (const days of [2, 4, 6, 8, 10]) {
      await historyLead(store, [
        ['lead', ago(60)],
        ['qualification', ago(50)],
        ['nurturing', ago(50 - days)],
      ])
    }
    const stale = await historyLead(store, [
      ['lead', ago(30)],
      ['qualification', ago(12)],
    ])
    const fresh = await historyLead(store, [
      ['lead', ago(30)],
      ['qualification', ago(3)],
    ])
    const proposal = await historyLead(store, [
      ['lead', ago(30)],
      ['proposal', ago(20)],
    ])
    for (const id of [stale, fresh, proposal]) {
      await env.DB.prepare('UPDATE leads SET value_minor = 100000 WHERE id = ?1').bind(id).run()
    }
    const deals = async () =>
      Object.fromEntries(
        (await json(admin(store.rep.key, 'GET', '/deals'))).items.map((x: any) => [x.leadId, x]),
      )
    let byId = await deals()
    expect(byId[stale]).toMatchObject({
      daysInStage: 12,
      usualDays: 6,
      rotLimitDays: 6,
      rotting: true,
      score: 10_000 * 0.5,
    })
    expect(byId[stale].reasons[1]).toEqual({
      code: 'rotting',
      days: 12,
      limit: 6,
      basis: 'usual',
      factor: 0.5,
    })
    expect(byId[fresh]).toMatchObject({ rotting: false, score: 10_000 })
    // No usual time for proposal (no completed stays) and no limit: not rotting.
    expect(byId[proposal]).toMatchObject({ usualDays: null, rotLimitDays: null, rotting: false })

    // The owner sets a 10-day limit on proposal: the 20-day-old proposal halves.
    const [pipeline] = (await json(admin(store.rep.key, 'GET', '/pipelines'))).items
    const put = await admin(store.owner.key, 'PUT', `/pipelines/${pipeline.id}`, {
      stages: {
        proposal: { label: { tr: 'Teklif', en: 'Quote' }, probability: 50, rotDays: 10 },
      },
    })
    expect(put.status).toBe(200)
    byId = await deals()
    expect(byId[proposal]).toMatchObject({
      probability: 50,
      rotLimitDays: 10,
      rotting: true,
      score: 50_000 * 0.5,
    })
    expect(byId[proposal].reasons[1]).toMatchObject({ code: 'rotting', basis: 'pipeline' })
    const order = (await json(admin(store.rep.key, 'GET', '/deals'))).items.map(
      (x: any) => x.leadId,
    )
    // The five finished leads now sit in nurturing without value, below these three.
    expect(order.slice(0, 3)).toEqual([proposal, fresh, stale])
    expect(order).toHaveLength(8)
    const scores = await sqlAndShownScores(store)
    expect(scores.slice(0, 3)).toEqual([
      [25_000, 25_000],
      [10_000, 10_000],
      [5_000, 5_000],
    ])
    expect(daysInStage(ago(12), new Date())).toBe(12)
  })
})

describe('learned win probabilities', () => {
  it('learns per stage from closed leads once the sample reaches 20, and deals use it', async () => {
    const store = await seedStore()
    await closedThroughMeeting(store, 19, 19)
    let learned = await learnedProbabilities(env.DB, store.siteId)
    expect(learned.meeting).toEqual({ probability: 40, sample: 19, won: 19, source: 'default' })
    await closedThroughMeeting(store, 21, 1)
    learned = await learnedProbabilities(env.DB, store.siteId)
    expect(learned.meeting).toEqual({ probability: 50, sample: 40, won: 20, source: 'learned' })
    expect(learned.qualification).toEqual(learned.meeting && { ...learned.meeting })
    expect(learned.lead.source).toBe('learned')
    expect(learned.proposal).toEqual({ probability: 60, sample: 0, won: 0, source: 'default' })

    const res = await json(admin(store.rep.key, 'GET', '/deals/probabilities'))
    expect(res.minSample).toBe(20)
    expect(res.stages.find((s: any) => s.stage === 'meeting')).toEqual({
      stage: 'meeting',
      probability: 50,
      sample: 40,
      won: 20,
      source: 'learned',
      stageProbability: 40,
    })

    const open = await lead(store, 'open')
    await move(store, open, 'meeting')
    await setDeal(store, open, { valueMinor: 10_000 })
    const [deal] = (await json(admin(store.rep.key, 'GET', '/deals'))).items
    expect(deal).toMatchObject({
      leadId: open,
      probability: 50,
      probabilitySource: 'learned',
      probabilitySample: 40,
      weightedMinor: 5_000,
    })
    // A rep's override wins; clearing it brings the learned rate back.
    await setDeal(store, open, { probability: 90 })
    expect((await json(admin(store.rep.key, 'GET', '/deals'))).items[0]).toMatchObject({
      probability: 90,
      probabilitySource: 'override',
      probabilitySample: null,
    })
    await setDeal(store, open, { probability: null })
    expect((await json(admin(store.rep.key, 'GET', '/deals'))).items[0]).toMatchObject({
      probabilitySource: 'learned',
    })
  })

  it('learns per pipeline when asked, with that pipeline’s probabilities as defaults', async () => {
    const store = await seedStore()
    const wholesale = await json(
      admin(store.owner.key, 'POST', '/pipelines', {
        name: 'Toptan',
        stages: {
          meeting: { label: { tr: 'Toplantı', en: 'Meeting' }, probability: 33, rotDays: null },
        },
      }),
    )
    await closedThroughMeeting(store, 20, 5, wholesale.id)
    await closedThroughMeeting(store, 3, 3)
    const mine = await learnedProbabilities(env.DB, store.siteId, wholesale.id)
    expect(mine.meeting).toEqual({ probability: 25, sample: 20, won: 5, source: 'learned' })
    const main = (await json(admin(store.rep.key, 'GET', '/pipelines'))).items[0].id
    const other = await learnedProbabilities(env.DB, store.siteId, main)
    expect(other.meeting).toEqual({ probability: 40, sample: 3, won: 3, source: 'default' })
    const all = await learnedProbabilities(env.DB, store.siteId)
    expect(all.meeting).toEqual({ probability: 35, sample: 23, won: 8, source: 'learned' })
    const res = await json(
      admin(store.rep.key, 'GET', `/deals/probabilities?pipeline=${wholesale.id}`),
    )
    expect(res.pipelineId).toBe(wholesale.id)
    expect(res.stages.find((s: any) => s.stage === 'meeting').stageProbability).toBe(33)
    expect((await learnedProbabilities(env.DB, store.siteId, 'pl_unknown')).meeting.source).toBe(
      'default',
    )
  })
})

describe('PATCH /leads/:id/deal', () => {
  it('changes deal fields under the version guard and records what changed', async () => {
    const store = await seedStore()
    const id = await lead(store, 1)
    const v1 = await version(store, id)
    const updated = await setDeal(store, id, {
      valueMinor: 125_000,
      currency: 'EUR',
      expectedClose: '2030-02-28',
      probability: 35,
    })
    expect(updated).toMatchObject({
      valueMinor: 125_000,
      currency: 'EUR',
      expectedClose: '2030-02-28',
      probabilityOverride: 35,
      version: v1 + 1,
    })
    const stale = await admin(store.rep.key, 'PATCH', `/leads/${id}/deal`, {
      valueMinor: 1,
      expectedVersion: v1,
    })
    expect(stale.status).toBe(409)
    const body = await json(stale)
    expect(body.error.code).toBe('conflict')
    expect(body.current).toMatchObject({ valueMinor: 125_000, version: v1 + 1 })
    const detail = await json(admin(store.rep.key, 'GET', `/leads/${id}`))
    const rows = detail.timeline.filter((a: any) => a.type === 'deal_updated')
    expect(rows).toHaveLength(1)
    expect(rows[0].body.changes).toEqual({
      valueMinor: { from: 0, to: 125_000 },
      currency: { from: 'TRY', to: 'EUR' },
      expectedClose: { from: null, to: '2030-02-28' },
      probability: { from: null, to: 35 },
    })
    const cleared = await setDeal(store, id, { probability: null, expectedClose: null })
    expect(cleared).toMatchObject({ probabilityOverride: null, expectedClose: null })
    // Saving the same values again changes nothing: same version, no new timeline row.
    const unchanged = await setDeal(store, id, { valueMinor: 125_000, currency: 'EUR' })
    expect(unchanged.version).toBe(cleared.version)

    const before = await count('SELECT count(*) AS n FROM activities WHERE lead_id = ?1', id)
    for (const bad of [
      { expectedClose: '2030-02-30' },
      { expectedClose: '1900-01-01' },
      { expectedClose: '30-01-2030' },
      { probability: 101 },
      { probability: 1.5 },
      { valueMinor: -1 },
      { currency: 'try' },
      {},
    ]) {
      const res = await admin(store.rep.key, 'PATCH', `/leads/${id}/deal`, {
        ...bad,
        expectedVersion: await version(store, id),
      })
      expect(res.status, JSON.stringify(bad)).toBe(422)
    }
    expect(await count('SELECT count(*) AS n FROM activities WHERE lead_id = ?1', id)).toBe(before)
    expect(
      (
        await admin(store.rep.key, 'PATCH', '/leads/ld_missing/deal', {
          valueMinor: 1,
          expectedVersion: 1,
        })
      ).status,
    ).toBe(404)
  })
})

describe('pipelines', () => {
  it('lists the default, lets only the owner create and change pipelines, names unique', async () => {
    const store = await seedStore()
    const list = await json(admin(store.rep.key, 'GET', '/pipelines'))
    expect(list.items).toHaveLength(1)
    expect(list.items[0]).toMatchObject({ isDefault: true })
    expect(list.items[0].stages.meeting).toEqual({
      label: { tr: 'Demo / toplantı', en: 'Demo or meeting' },
      probability: 40,
      rotDays: null,
    })
    expect((await admin(store.rep.key, 'POST', '/pipelines', { name: 'Toptan' })).status).toBe(403)
    const created = await admin(store.owner.key, 'POST', '/pipelines', { name: 'Toptan' })
    expect(created.status).toBe(201)
    const wholesale = await json(created)
    expect(wholesale).toMatchObject({ name: 'Toptan', isDefault: false, version: 1 })
    expect((await admin(store.owner.key, 'POST', '/pipelines', { name: 'Toptan' })).status).toBe(
      409,
    )
    const stages = {
      deal: { label: { tr: 'Sözleşme', en: 'Contract' }, probability: 90, rotDays: 7 },
    }
    expect(
      (await admin(store.rep.key, 'PUT', `/pipelines/${wholesale.id}`, { stages })).status,
    ).toBe(403)
    const put = await json(admin(store.owner.key, 'PUT', `/pipelines/${wholesale.id}`, { stages }))
    expect(put.stages.deal).toEqual(stages.deal)
    expect(put.stages.meeting.probability).toBe(40)
    expect(put.version).toBe(2)
    // The default pipeline can be renamed too; it keeps its id.
    const renamed = await json(
      admin(store.owner.key, 'PUT', `/pipelines/${list.items[0].id}`, { name: 'Perakende' }),
    )
    expect(renamed).toMatchObject({ id: list.items[0].id, name: 'Perakende', isDefault: true })
    expect(
      (await admin(store.owner.key, 'PUT', `/pipelines/${wholesale.id}`, { name: 'Perakende' }))
        .status,
    ).toBe(409)
    expect(
      (await admin(store.owner.key, 'PUT', '/pipelines/pl_missing', { name: 'X' })).status,
    ).toBe(404)
    const after = await json(admin(store.rep.key, 'GET', '/pipelines'))
    expect(after.items.map((p: any) => p.name)).toEqual(['Perakende', 'Toptan'])
    expect((await admin(store.owner.key, 'PUT', `/pipelines/${wholesale.id}`, {})).status).toBe(422)
  })

  it('moves a lead between pipelines keeping its stage and history', async () => {
    const store = await seedStore()
    const id = await lead(store, 1)
    await move(store, id, 'proposal')
    await setDeal(store, id, { valueMinor: 10_000 })
    const wholesale = await json(
      admin(store.owner.key, 'POST', '/pipelines', {
        name: 'Toptan',
        stages: {
          proposal: { label: { tr: 'Teklif', en: 'Quote' }, probability: 30, rotDays: null },
        },
      }),
    )
    const before = await json(admin(store.rep.key, 'GET', `/leads/${id}`))
    const res = await admin(store.rep.key, 'POST', `/leads/${id}/pipeline`, {
      pipelineId: wholesale.id,
      expectedVersion: before.lead.version,
    })
    expect(res.status).toBe(200)
    const moved = await json(res)
    expect(moved).toMatchObject({
      pipelineId: wholesale.id,
      stage: 'proposal',
      stageEnteredAt: before.lead.stageEnteredAt,
    })
    const after = await json(admin(store.rep.key, 'GET', `/leads/${id}`))
    expect(after.stageEvents).toEqual(before.stageEvents)
    expect(after.timeline.find((a: any) => a.type === 'pipeline_changed').body).toEqual({
      from: (await json(admin(store.rep.key, 'GET', '/pipelines'))).items[0].id,
      to: wholesale.id,
    })
    // Deals follow: the wholesale pipeline's probability, and its filter.
    const [deal] = (await json(admin(store.rep.key, 'GET', `/deals?pipeline=${wholesale.id}`)))
      .items
    expect(deal).toMatchObject({
      leadId: id,
      pipeline: { id: wholesale.id, name: 'Toptan' },
      probability: 30,
      weightedMinor: 3_000,
    })
    const defaultId = (await json(admin(store.rep.key, 'GET', '/pipelines'))).items[0].id
    expect((await json(admin(store.rep.key, 'GET', `/deals?pipeline=${defaultId}`))).items).toEqual(
      [],
    )
    // Stale version, same pipeline, unknown pipeline.
    const stale = await admin(store.rep.key, 'POST', `/leads/${id}/pipeline`, {
      pipelineId: defaultId,
      expectedVersion: before.lead.version,
    })
    expect(stale.status).toBe(409)
    expect((await json(stale)).current.pipelineId).toBe(wholesale.id)
    const same = await admin(store.rep.key, 'POST', `/leads/${id}/pipeline`, {
      pipelineId: wholesale.id,
      expectedVersion: moved.version,
    })
    expect(same.status).toBe(422)
    const unknown = await admin(store.rep.key, 'POST', `/leads/${id}/pipeline`, {
      pipelineId: 'pl_unknown',
      expectedVersion: moved.version,
    })
    expect(unknown.status).toBe(422)
    // Back to the default pipeline: stored as NULL again.
    const back = await json(
      admin(store.rep.key, 'POST', `/leads/${id}/pipeline`, {
        pipelineId: defaultId,
        expectedVersion: moved.version,
      }),
    )
    expect(back.pipelineId).toBeNull()
    expect(
      (await json(admin(store.rep.key, 'GET', `/deals?pipeline=${defaultId}`))).items,
    ).toHaveLength(1)
  })
})

describe('ids', () => {
  it('answers malformed ids with 422 and unknown ones with 404, writing nothing', async () => {
    const store = await seedStore()
    const routes: [string, string, string, unknown][] = [
      [store.rep.key, 'PATCH', '/leads/:id/deal', { valueMinor: 1, expectedVersion: 1 }],
      [store.rep.key, 'POST', '/leads/:id/pipeline', { pipelineId: 'pl_x', expectedVersion: 1 }],
      [store.owner.key, 'PUT', '/pipelines/:id', { name: 'X' }],
    ]
    for (const [key, method, path, body] of routes) {
      for (const bad of ['a'.repeat(65), 'bad id', 'ld.1', 'ş']) {
        const res = await admin(key, method, path.replace(':id', encodeURIComponent(bad)), body)
        expect(res.status, `${path} ${bad}`).toBe(422)
      }
      const missing = await admin(key, method, path.replace(':id', 'ld_doesnotexist'), body)
      expect(missing.status, path).toBe(404)
    }
    expect(
      await count('SELECT count(*) AS n FROM pipelines WHERE site_id = ?1', store.siteId),
    ).toBe(0)
    for (const bad of ['pipeline=a%20b', 'pipeline=', 'minValue=-1', 'owner=a%20b']) {
      expect((await admin(store.rep.key, 'GET', `/deals?${bad}`)).status, bad).toBe(422)
    }
  })
})

describe('tenant isolation', () => {
  it('gives another store’s keys nothing of this store on every deals route', async () => {
    const store = await seedStore()
    const other = await seedStore()
    const id = await lead(store, 1)
    await move(store, id, 'meeting')
    await setDeal(store, id, { valueMinor: 5_000 })
    const pipeline = await json(admin(store.owner.key, 'POST', '/pipelines', { name: 'Gizli' }))
    const otherLead = await lead(other, 1)
    const v1 = await version(store, id)
    for (const key of [other.owner.key, other.rep.key]) {
      expect((await json(admin(key, 'GET', '/deals'))).items).toEqual([])
      expect((await json(admin(key, 'GET', `/deals?pipeline=${pipeline.id}`))).items).toEqual([])
      expect((await admin(key, 'GET', `/deals/probabilities?pipeline=${pipeline.id}`)).status).toBe(
        404,
      )
      const names = (await json(admin(key, 'GET', '/pipelines'))).items.map((p: any) => p.name)
      expect(names).not.toContain('Gizli')
      expect(
        (await admin(key, 'PATCH', `/leads/${id}/deal`, { valueMinor: 1, expectedVersion: v1 }))
          .status,
      ).toBe(404)
      expect(
        (
          await admin(key, 'POST', `/leads/${id}/pipeline`, {
            pipelineId: pipeline.id,
            expectedVersion: v1,
          })
        ).status,
      ).toBe(404)
      expect(
        (
          await admin(key, 'POST', `/leads/${otherLead}/pipeline`, {
            pipelineId: pipeline.id,
            expectedVersion: await version(other, otherLead),
          })
        ).status,
      ).toBe(422)
    }
    expect(
      (await admin(other.owner.key, 'PUT', `/pipelines/${pipeline.id}`, { name: 'X' })).status,
    ).toBe(404)
    // The default pipeline's id of one store is not another store's.
    const mainId = (await json(admin(store.rep.key, 'GET', '/pipelines'))).items[0].id
    expect(
      (await admin(other.owner.key, 'PUT', `/pipelines/${mainId}`, { name: 'X' })).status,
    ).toBe(404)
    // Nothing of this store changed.
    const after = await json(admin(store.rep.key, 'GET', `/leads/${id}`))
    expect(after.lead).toMatchObject({ valueMinor: 5_000, version: v1, pipelineId: null })
    expect(
      (await json(admin(store.rep.key, 'GET', '/pipelines'))).items.map((p: any) => p.name),
    ).toEqual(['Satış', 'Gizli'])
  })
})

describe('documented deals routes', () => {
  it('answers each with its documented status and body', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const requests = await dealsRequests({ store, leadId, contactId: 'unused' })
    expect(Object.keys(requests).sort()).toEqual(DEALS_ROUTES.map((r) => r.operationId).sort())
    for (const route of DEALS_ROUTES) {
      const res = await requests[route.operationId]!()
      expect(res.status, route.operationId).toBe(route.success.status)
      const result = v.safeParse(route.success.schema!, await res.json())
      expect(
        result.issues?.map((i) => `${v.getDotPath(i)}: ${i.message}`),
        route.operationId,
      ).toBeUndefined()
    }
  })
})
