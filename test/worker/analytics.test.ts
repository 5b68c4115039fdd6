/**
 * Analytics routes against the slow reference computations (worker/src/analytics) on generated
 * histories written into real local D1, plus widget steps from real API calls, date-range
 * errors, tenant isolation and the forecast snapshots.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import type { Stage } from '../../contract'
import {
  buildPast,
  referenceForecastMonths,
  type StageProbabilities,
} from '../../worker/src/analytics/forecast'
import { buildFunnel, referenceFunnelGroups } from '../../worker/src/analytics/funnel'
import { generateHistory } from '../../worker/src/analytics/generate'
import type { History } from '../../worker/src/analytics/history'
import { resolveRange, type DayRange } from '../../worker/src/analytics/range'
import { buildTimeInStage, referenceStageTimes } from '../../worker/src/analytics/time-in-stage'
import {
  buildWinRates,
  referenceClosedGroups,
  referenceLostReasons,
} from '../../worker/src/analytics/win-rates'
import { defaultPipelineId } from '../../worker/src/db/pipelines'
import { computeForecast, snapshotForecasts } from '../../worker/src/jobs/forecast'
import { lead, merge } from '../../worker/src/analytics/test-history.test-helper'
import { insertHistory } from './areas/analytics'
import { admin, call, captureLead, idemKey, seedStore, type TestStore } from './helpers'

const BASE = 'https://leadline.test'
const DAY = 86_400_000

const get = async (store: TestStore, path: string) => {
  const res = await admin(store.rep.key, 'GET', path)
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as any
}

const rangeOf = (q: { from?: string; to?: string }): DayRange => {
  const r = resolveRange(q, new Date())
  if (!r.ok) throw new Error('bad range')
  return r.range
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** The store's history as it is in D1, with rowids as the write order. */
async function readHistory(siteId: string): Promise<History> {
  const leads = await env.DB.prepare(
    `SELECT id, stage, close_reason, owner_id, value_minor, currency, utm, referrer, spam,
            stage_entered_at, created_at, pipeline_id, expected_close, probability_override
       FROM leads WHERE site_id = ?1`,
  )
    .bind(siteId)
    .all<Record<string, any>>()
  const events = await env.DB.prepare(
    `SELECT lead_id, from_stage, to_stage, at, rowid AS seq FROM stage_events WHERE site_id = ?1`,
  )
    .bind(siteId)
    .all<Record<string, any>>()
  return {
    leads: leads.results.map((r) => ({
      id: r.id,
      stage: r.stage,
      closeReason: r.close_reason,
      ownerId: r.owner_id,
      valueMinor: r.value_minor,
      currency: r.currency,
      utm: JSON.parse(r.utm),
      referrer: r.referrer,
      spam: r.spam === 1,
      stageEnteredAt: r.stage_entered_at,
      createdAt: r.created_at,
      pipelineId: r.pipeline_id,
      expectedClose: r.expected_close,
      probabilityOverride: r.probability_override,
    })),
    events: events.results.map((r) => ({
      leadId: r.lead_id,
      from: r.from_stage as Stage | null,
      to: r.to_stage as Stage,
      at: r.at,
      seq: r.seq,
    })),
  }
}

/** A store with a generated history of `leads` leads over 500 days, in two extra pipelines. */
async function generatedStore(seed: number, leads: number) {
  const store = await seedStore()
  const now = new Date()
  const pipelines = [`pl_a_${seed}_${store.siteId}`, `pl_b_${seed}_${store.siteId}`]
  await env.DB.batch(
    pipelines.map((id, i) =>
      env.DB.prepare(
        `INSERT INTO pipelines (id, site_id, name, is_default, stages, created_at, updated_at)
         VALUES (?1, ?2, ?3, 0, '{}', ?4, ?4)`,
      ).bind(id, store.siteId, `Hat ${i}`, now.toISOString()),
    ),
  )
  const history = generateHistory(seed, {
    leads,
    now,
    days: 500,
    owners: [store.owner.id, store.rep.id],
    pipelines,
    deals: true,
    idPrefix: `ld${store.siteId.slice(-8)}`,
  })
  await insertHistory(store, history)
  return { store, history, pipelines }
}

const RANGES = [
  {},
  { from: day(Date.now() - 400 * DAY), to: day(Date.now() - 100 * DAY) },
  { from: day(Date.now() - 700 * DAY) },
  { from: day(Date.now() - 30 * DAY), to: day(Date.now() - 30 * DAY) },
]
const qs = (q: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined) as string[][]).toString()

describe('analytics on generated histories', () => {
  it('answers the funnel the reference computes, with and without filters', async () => {
    const { store, pipelines } = await generatedStore(101, 400)
    const history = await readHistory(store.siteId)
    const names = new Map([
      [store.owner.id, 'Ayşe Owner'],
      [store.rep.id, 'Mehmet Rep'],
    ])
    const pipelineNames = new Map([
      [pipelines[0]!, 'Hat 0'],
      [pipelines[1]!, 'Hat 1'],
      [defaultPipelineId(store.siteId), 'Satış'],
    ])
    let checked = 0
    for (const range of RANGES) {
      for (const filters of [
        {},
        { source: 'google' },
        { owner: store.rep.id },
        { owner: 'unassigned', source: 'direct' },
        { pipeline: pipelines[1] },
        { pipeline: defaultPipelineId(store.siteId) },
      ]) {
        const body = await get(store, `/analytics/funnel?${qs({ ...range, ...filters })}`)
        const expected = buildFunnel(
          referenceFunnelGroups(history, rangeOf(range), filters, defaultPipelineId(store.siteId)),
          names,
          pipelineNames,
        )
        expect(body.stages, JSON.stringify({ range, filters })).toEqual(expected.stages)
        expect(body.breakdown).toEqual(expected.breakdown)
        checked += body.stages.reduce((n: number, s: any) => n + s.entered, 0)
      }
    }
    // The comparison covered real numbers, not empty funnels.
    expect(checked).toBeGreaterThan(1000)
  })

  it('answers time in stage and win rates the reference computes', async () => {
    const { store } = await generatedStore(202, 400)
    const history = await readHistory(store.siteId)
    const names = new Map([
      [store.owner.id, 'Ayşe Owner'],
      [store.rep.id, 'Mehmet Rep'],
    ])
    let stays = 0
    let closed = 0
    for (const range of RANGES) {
      const times = await get(store, `/analytics/time-in-stage?${qs(range)}`)
      const expectedTimes = buildTimeInStage(referenceStageTimes(history, rangeOf(range)))
      expect(times.stages, JSON.stringify(range)).toEqual(expectedTimes.stages)
      expect(times.bottleneck).toEqual(expectedTimes.bottleneck)
      stays += times.stages.reduce((n: number, s: any) => n + s.stays, 0)

      const wins = await get(store, `/analytics/win-rates?${qs(range)}`)
      const r = rangeOf(range)
      const expectedWins = buildWinRates(
        referenceClosedGroups(history, r),
        referenceLostReasons(history, r),
        names,
      )
      expect(wins).toEqual({ range: { ...wins.range }, ...expectedWins })
      closed += wins.overall.won + wins.overall.lost
    }
    expect(stays).toBeGreaterThan(500)
    expect(closed).toBeGreaterThan(100)
  })

  it('answers the forecast the reference computes from the learned probabilities', async () => {
    const { store } = await generatedStore(303, 300)
    const history = await readHistory(store.siteId)
    const body = await get(store, '/analytics/forecast')
    const probabilities = Object.fromEntries(
      body.probabilities.map((p: any) => [p.stage, p]),
    ) as StageProbabilities
    expect(body.probabilities.some((p: any) => p.source === 'learned')).toBe(true)
    const now = new Date(`${body.asOf}T12:00:00Z`)
    expect(body.months).toEqual(referenceForecastMonths(history, probabilities, now))
    expect(body.months.reduce((n: number, m: any) => n + m.count, 0)).toBeGreaterThan(10)
    expect(body.months[0].sources.override).toBeGreaterThan(0)
  })
})

describe('analytics from API activity', () => {
  it('counts the widget steps of the range and matches the reference on API-made leads', async () => {
    const store = await seedStore()
    const publicPost = (path: string, body: unknown) =>
      call(
        new Request(`${BASE}/v1${path}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Idempotency-Key': idemKey(),
            Origin: store.origin,
            'CF-Connecting-IP': '10.88.0.1',
          },
          body: JSON.stringify(body),
        }),
      )
    const a = await captureLead(store, { fields: { name: 'A', email: 'a@example.com' } })
    const b = await captureLead(store, { fields: { name: 'B', email: 'b@example.com' } })
    await captureLead(store, {
      fields: { name: 'C', email: 'c@example.com' },
      context: { pageUrl: 'https://shop.example/', referrer: '', utm: {}, locale: 'tr' },
    })
    // Quiz: two sessions shown the first question, one answered it; one started with a lead.
    const quiz = (await (
      await call(
        new Request(`${BASE}/v1/sites/${store.siteKey}/quiz`, {
          headers: { Origin: store.origin },
        }),
      )
    ).json()) as any
    const s1 = `session-one-${idemKey()}`
    const ref = (sessionId: string) => ({
      siteKey: store.siteKey,
      quizId: quiz.quizId,
      version: quiz.version,
      sessionId,
    })
    expect((await publicPost('/quiz/start', { ...ref(s1), leadId: a })).status).toBeLessThan(300)
    for (const [session, events] of [
      [s1, ['shown', 'answered']],
      [`session-two-${idemKey()}`, ['shown']],
    ] as const) {
      const res = await publicPost('/quiz/events', {
        ...ref(session),
        events: events.map((event) => ({ question: 'location', event })),
      })
      expect(res.status).toBeLessThan(300)
    }
    // Quotes: two sent, one viewed.
    const draft = {
      title: 'Teklif',
      currency: 'TRY',
      validUntil: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10),
      sections: { problems: [], solutions: [], timeline: [], faq: [] },
      lines: [
        { name: 'Havlu', unit: 'adet', quantityMilli: 1000, unitPriceMinor: 100, taxRateBps: 2000 },
      ],
    }
    const tokens: string[] = []
    for (const lead of [a, b]) {
      const created = (await (
        await admin(store.rep.key, 'POST', `/leads/${lead}/quotes`, draft)
      ).json()) as any
      const sent = await admin(store.rep.key, 'POST', `/quotes/${created.id}/send`)
      expect(sent.status).toBe(200)
      tokens.push(
        String(((await sent.json()) as any).url)
          .split('/')
          .pop()!,
      )
    }
    expect(
      (await publicPost(`/quotes/${tokens[0]}/view`, { sections: ['problems'] })).status,
    ).toBeLessThan(300)
    // A rep closes one lead lost.
    const detail = (await (await admin(store.rep.key, 'GET', `/leads/${b}`)).json()) as any
    const closed = await admin(store.rep.key, 'POST', `/leads/${b}/close`, {
      outcome: 'lost',
      reason: 'bütçe',
      expectedVersion: detail.lead.version,
    })
    expect(closed.status).toBe(200)

    const funnel = await get(store, '/analytics/funnel')
    expect(funnel.widget).toEqual({
      form: { captured: 3 },
      quiz: {
        started: 1,
        completed: 0,
        questions: [{ question: 'location', shown: 2, answered: 1, dropOff: 1 }],
      },
      booking: { made: 0, held: 0, noShow: 0, cancelled: 0 },
      quote: { sent: 2, viewed: 1, accepted: 0, declined: 0 },
    })
    const history = await readHistory(store.siteId)
    const expected = buildFunnel(
      referenceFunnelGroups(history, rangeOf({}), {}, defaultPipelineId(store.siteId)),
      new Map([[store.rep.id, 'Mehmet Rep']]),
      new Map([[defaultPipelineId(store.siteId), 'Satış']]),
    )
    expect(funnel.stages).toEqual(expected.stages)
    expect(funnel.stages[0]).toMatchObject({ stage: 'lead', entered: 3, movedOn: 2 })
    expect(funnel.stages.find((s: any) => s.stage === 'proposal')).toMatchObject({
      entered: 2,
      lost: 1,
    })
    expect(funnel.breakdown.source.map((s: any) => s.key)).toEqual(['google', 'direct'])
    const wins = await get(store, '/analytics/win-rates')
    expect(wins.lostReasons).toEqual([{ reason: 'bütçe', count: 1 }])
    expect(wins.overall).toMatchObject({ won: 0, lost: 1, winRate: 0 })

    // Another store's key sees none of it.
    const other = await seedStore()
    const theirs = await get(other, '/analytics/funnel')
    expect(theirs.stages.every((s: any) => s.entered === 0)).toBe(true)
    expect(theirs.widget.form.captured).toBe(0)
    expect(theirs.widget.quiz.questions).toEqual([])
    expect(theirs.widget.quote.sent).toBe(0)
    expect((await get(other, '/analytics/win-rates')).lostReasons).toEqual([])
    expect(
      (await get(other, '/analytics/time-in-stage')).stages.every((s: any) => s.stays === 0),
    ).toBe(true)
    const forecast = await get(other, '/analytics/forecast')
    expect(forecast.months.every((m: any) => m.count === 0)).toBe(true)
  })
})

describe('date ranges', () => {
  it('refuses reversed, too long and malformed ranges with 422 on every range route', async () => {
    const store = await seedStore()
    for (const route of ['funnel', 'time-in-stage', 'win-rates']) {
      for (const [query, path] of [
        ['from=2026-03-02&to=2026-03-01', 'from'],
        ['from=2020-01-01&to=2026-01-01', 'to'],
        ['from=2026-02-30', 'from'],
        ['to=yesterday', 'to'],
      ] as const) {
        const res = await admin(store.rep.key, 'GET', `/analytics/${route}?${query}`)
        expect(res.status, `${route}?${query}`).toBe(422)
        const body = (await res.json()) as any
        expect(body.error.code).toBe('validation_failed')
        expect(body.error.issues.map((i: any) => i.path)).toContain(path)
      }
    }
    const ok = await get(store, '/analytics/win-rates?from=2024-01-01&to=2025-12-31')
    expect(ok.range).toEqual({ from: '2024-01-01', to: '2025-12-31', timeZone: 'UTC' })
  })

  it('needs an admin key', async () => {
    const res = await call(new Request(`${BASE}/admin/api/analytics/funnel`))
    expect(res.status).toBe(401)
  })
})

describe('forecast snapshots', () => {
  it('keeps a daily snapshot and compares it with what was won in the month', async () => {
    const { store } = await generatedStore(404, 150)
    const now = new Date()
    // The last day of the month before last: its snapshot covers last month.
    const takenAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 0, 3, 17))
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
      .toISOString()
      .slice(0, 7)
    // Two leads won last month, one in euros, beside whatever the generator won then.
    const midLast = `${lastMonth}-15T10:00:00.000Z`
    await insertHistory(
      store,
      merge(
        lead(
          'snapwon1',
          [
            ['lead', '2025-01-01T00:00:00.000Z'],
            ['won', midLast],
          ],
          {
            valueMinor: 12_345_00,
          },
        ),
        lead(
          'snapwon2',
          [
            ['lead', '2025-01-01T00:00:00.000Z'],
            ['won', midLast],
          ],
          {
            valueMinor: 99_00,
            currency: 'EUR',
          },
        ),
      ),
    )
    const first = await snapshotForecasts(env.DB, takenAt)
    expect(first.sites).toBeGreaterThan(0)
    // Running twice the same day replaces the day's rows.
    await snapshotForecasts(env.DB, takenAt)
    const rows = await env.DB.prepare(
      `SELECT month, currency, weighted_minor, taken_on, method FROM forecast_snapshots WHERE site_id = ?1`,
    )
      .bind(store.siteId)
      .all<any>()
    const expected = (await computeForecast(env.DB, store.siteId, takenAt)).months
    const expectedRows = expected.flatMap((m) =>
      m.amounts.map((a) => [m.month, a.currency, a.weightedMinor]),
    )
    expect(rows.results.map((r) => [r.month, r.currency, r.weighted_minor]).sort()).toEqual(
      expectedRows.sort(),
    )
    expect(rows.results.every((r) => r.taken_on === takenAt.toISOString().slice(0, 10))).toBe(true)
    expect(rows.results[0]?.method).toBe(
      'close=expected_close>stage_fallback;p=override>learned>default',
    )

    const body = await get(store, '/analytics/forecast')
    expect(body.past).toHaveLength(6)
    const past = body.past.find((p: any) => p.month === lastMonth)
    const history = await readHistory(store.siteId)
    const won = history.leads.filter(
      (l) => !l.spam && l.stage === 'won' && l.stageEnteredAt.startsWith(lastMonth),
    )
    const snapshot = expected.find((m) => m.month === lastMonth)!
    expect(past).toEqual(
      buildPast(
        [lastMonth],
        snapshot.amounts.map((a) => ({
          month: lastMonth,
          currency: a.currency,
          weightedMinor: a.weightedMinor,
          takenOn: takenAt.toISOString().slice(0, 10),
        })),
        [...new Set(won.map((l) => l.currency))].map((currency) => {
          const of = won.filter((l) => l.currency === currency)
          return {
            month: lastMonth,
            currency,
            count: of.length,
            valueMinor: of.reduce((n, l) => n + l.valueMinor, 0),
          }
        }),
      )[0],
    )
    expect(past.forecastTakenOn).toBe(takenAt.toISOString().slice(0, 10))
    expect(past.wonCount).toBeGreaterThanOrEqual(2)
    expect(past.actual.map((a: any) => a.currency)).toEqual(['EUR', 'TRY'])
    // Months without a snapshot taken before them say so.
    expect(body.past[0].forecastTakenOn).toBeNull()
  })
})
