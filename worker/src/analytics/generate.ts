/**
 * Random but plausible pipeline histories from a seed, for the tests that compare the SQL
 * queries with the slow reference: leads captured over `days` before `now`, walked through the
 * stages with waits drawn from skewed distributions, closing won or lost (with reasons),
 * sometimes reopened, sometimes jumping stages, sometimes two moves in the same millisecond.
 */
import type { Stage } from '../../../contract'
import { prng } from '../../../scripts/lib/prng.mjs'
import type { History, HistoryEvent, HistoryLead } from './history'

/** mulberry32, the seeded PRNG the benches and the fakes use too (`scripts/lib/prng.mjs`). */
export { prng }

export interface GenerateOptions {
  leads: number
  now: Date
  /** Days back the first leads were captured. */
  days: number
  owners: string[]
  pipelines?: string[]
  /** Give some open leads an expected close date and a probability override. */
  deals?: boolean
  idPrefix?: string
}

const SOURCES = ['google', 'Instagram', 'newsletter', 'facebook', ' linkedin ']
const REFERRERS = [
  'https://www.google.com/',
  'https://t.co/x',
  'https://l.instagram.com',
  'android-app://x',
]
const LOST_REASONS = ['budget', 'timing', 'competitor', 'no response', 'disqualified']
const NEXT: Partial<Record<Stage, [Stage, number][]>> = {
  lead: [
    ['qualification', 0.6],
    ['meeting', 0.1],
    ['lost', 0.15],
  ],
  qualification: [
    ['nurturing', 0.6],
    ['lost', 0.2],
  ],
  nurturing: [
    ['meeting', 0.5],
    ['proposal', 0.05],
    ['lost', 0.2],
  ],
  meeting: [
    ['proposal', 0.6],
    ['nurturing', 0.1],
    ['lost', 0.15],
  ],
  proposal: [
    ['deal', 0.5],
    ['lost', 0.3],
  ],
  deal: [
    ['won', 0.75],
    ['lost', 0.15],
  ],
  lost: [['nurturing', 0.05]],
}

/** A history of `leads` leads; the same seed gives the same history. */
export function generateHistory(seed: number, o: GenerateOptions): History {
  const rand = prng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
  const hours = (median: number) => -Math.log(1 - rand()) * median * 1.44 * 3_600_000
  const nowMs = o.now.getTime()
  const leads: HistoryLead[] = []
  const events: HistoryEvent[] = []
  let seq = 1
  const prefix = o.idPrefix ?? 'ld'
  for (let i = 0; i < o.leads; i++) {
    const id = `${prefix}_${seed}_${i}`
    let at = nowMs - Math.floor(rand() * o.days * 86_400_000)
    let stage: Stage = 'lead'
    let reason: string | null = null
    const push = (from: Stage | null, to: Stage, t: number) =>
      events.push({ leadId: id, from, to, at: new Date(t).toISOString(), seq: seq++ })
    push(null, 'lead', at)
    const createdAt = new Date(at).toISOString()
    let enteredAt = at
    for (let step = 0; step < 12; step++) {
      const options: [Stage, number][] | undefined = NEXT[stage]
      if (!options) break
      let r = rand()
      const choice: [Stage, number] | undefined = options.find(
        ([, p]: [Stage, number]) => (r -= p) < 0,
      )
      if (!choice) break
      const wait = rand() < 0.05 ? 0 : hours(stage === 'nurturing' ? 240 : 48)
      if (at + wait >= nowMs) break
      at += wait
      push(stage, choice[0], at)
      reason = choice[0] === 'lost' ? pick(LOST_REASONS) : choice[0] === 'won' ? 'signed' : null
      stage = choice[0]
      enteredAt = at
    }
    const roll = rand()
    const open = stage !== 'won' && stage !== 'lost'
    leads.push({
      id,
      stage,
      closeReason: stage === 'lost' || stage === 'won' ? (rand() < 0.1 ? null : reason) : null,
      ownerId: rand() < 0.2 ? null : pick(o.owners),
      valueMinor: rand() < 0.1 ? 0 : Math.round(rand() * 5_000_000) * 10,
      currency: rand() < 0.9 ? 'TRY' : 'EUR',
      utm: roll < 0.6 ? { source: pick(SOURCES) } : roll < 0.65 ? { source: '' } : {},
      referrer: rand() < 0.5 ? pick(REFERRERS) : null,
      spam: rand() < 0.03,
      stageEnteredAt: new Date(enteredAt).toISOString(),
      createdAt,
      pipelineId: o.pipelines && rand() < 0.9 ? pick(o.pipelines) : null,
      expectedClose:
        o.deals && open && rand() < 0.5
          ? new Date(nowMs + (rand() * 240 - 60) * 86_400_000).toISOString().slice(0, 10)
          : null,
      probabilityOverride: o.deals && open && rand() < 0.2 ? Math.floor(rand() * 101) : null,
    })
  }
  return { leads, events }
}
