/**
 * The booking claim under real concurrency: 50 HTTP requests for one slot reach the real
 * `wrangler dev` at once (separate connections, one local D1), exactly one books it, the other
 * 49 get 409 `slot_taken` with fresh slots, and D1 holds one booking for that time.
 */
import { describe, expect, inject, it } from 'vitest'
import { admin, d1, sqlText } from './helpers'

const RACERS = 50

function post(path: string, body: unknown, i: number) {
  const base = inject('baseUrl')
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: new URL(base).origin,
      'Idempotency-Key': `race-${Date.now()}-${i}-${Math.random().toString(36).slice(2)}`,
      // One client address per racer, as 50 visitors would have (the rate limit is per address).
      'CF-Connecting-IP': `10.50.${Math.floor(i / 200)}.${i % 200}`,
    },
    body: JSON.stringify(body),
  })
}

describe('fifty visitors racing for one slot', () => {
  it('books it exactly once; the others get 409 with fresh slots', async () => {
    const base = inject('baseUrl')
    const siteKey = inject('siteKey')
    const from = new Date(Date.now() + 3 * 3_600_000).toISOString()
    const to = new Date(Date.now() + 14 * 86_400_000).toISOString()
    const res = await fetch(`${base}/v1/sites/${siteKey}/slots?type=demo&from=${from}&to=${to}`, {
      headers: { Origin: new URL(base).origin },
    })
    const { slots } = (await res.json()) as { slots: { start: string }[] }
    // A slot well inside the window, away from what other end-to-end tests book first.
    const slot = slots[Math.min(slots.length - 1, 20)]!

    const leads = await Promise.all(
      Array.from({ length: RACERS }, async (_, i) => {
        const capture = await post(
          '/v1/leads',
          {
            siteKey,
            fields: { name: `Yarışçı ${i}`, email: `racer-${i}-${Date.now()}@example.com` },
            consent: { version: '2026-01', channels: { email: true } },
            elapsedMs: 10_000,
          },
          i,
        )
        expect(capture.status).toBe(201)
        return ((await capture.json()) as { leadId: string }).leadId
      }),
    )

    const answers = await Promise.all(
      leads.map((leadId, i) =>
        post(
          '/v1/bookings',
          { siteKey, type: 'demo', start: slot.start, timeZone: 'Europe/Istanbul', leadId },
          RACERS + i,
        ),
      ),
    )
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(RACERS - 1)
    const refusals = await Promise.all(
      answers.filter((a) => a.status === 409).map((a) => a.json() as Promise<any>),
    )
    for (const r of refusals) {
      expect(r.error.code).toBe('slot_taken')
      expect(r.slots.length).toBeGreaterThan(0)
      expect(r.slots.map((s: { start: string }) => s.start)).not.toContain(slot.start)
    }

    const { items } = await admin<{ items: { start: string; status: string; leadId: string }[] }>(
      `/admin/api/bookings?from=${slot.start}&to=${new Date(Date.parse(slot.start) + 60_000).toISOString()}`,
    )
    expect(items.filter((b) => b.status === 'confirmed')).toHaveLength(1)
    const rows = await d1<{ n: number }>(
      `SELECT count(*) AS n FROM bookings WHERE start_at = ${sqlText(slot.start)} AND status = 'confirmed'`,
    )
    expect(rows[0]!.n).toBe(1)
    const atMeeting = await d1<{ n: number }>(
      `SELECT count(*) AS n FROM leads WHERE stage = 'meeting' AND id IN (${leads.map(sqlText).join(', ')})`,
    )
    expect(atMeeting[0]!.n).toBe(1)
  })
})
