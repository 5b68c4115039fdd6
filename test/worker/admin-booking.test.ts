/**
 * Booking from the console: the free slots the widget would offer, and a rep booking one for a
 * lead through the admin API, with the same claim, moves and messages as a visitor's booking.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { admin, bookableStore, call, captureLead, count, type TestStore } from './helpers'

const json = async (res: Response) => (await res.json()) as any
const DAY = 86_400_000
const range = (days = 7) =>
  `from=${new Date().toISOString()}&to=${new Date(Date.now() + days * DAY).toISOString()}`

async function slots(store: TestStore, key = store.rep.key) {
  const res = await admin(key, 'GET', `/slots?type=demo&${range()}`)
  expect(res.status).toBe(200)
  return (await json(res)).slots as { start: string; end: string }[]
}

const book = (key: string, leadId: string, body: Record<string, unknown>) =>
  admin(key, 'POST', `/leads/${leadId}/bookings`, {
    type: 'demo',
    timeZone: 'Europe/Istanbul',
    ...body,
  })

const confirmed = (siteId: string) =>
  count("SELECT count(*) AS n FROM bookings WHERE site_id = ?1 AND status = 'confirmed'", siteId)

describe('free slots in the console', () => {
  it('are the slots the widget gets', async () => {
    const store = await bookableStore()
    const q = `type=demo&${range()}`
    const widget = await call(
      new Request(`https://leadline.test/v1/sites/${store.siteKey}/slots?${q}`, {
        headers: { Origin: store.origin },
      }),
    )
    const console = await admin(store.rep.key, 'GET', `/slots?${q}`)
    expect(console.status).toBe(200)
    const body = await json(console)
    expect(body).toMatchObject({ type: 'demo', durationMin: 30, timeZone: 'UTC' })
    expect(body.slots.length).toBeGreaterThan(50)
    expect(body).toEqual(await json(widget))
  })

  it('refuses an unknown meeting type, a reversed or too long range, and no key', async () => {
    const store = await bookableStore()
    const now = Date.now()
    const at = (ms: number) => new Date(now + ms).toISOString()
    for (const q of [
      `type=nope&${range()}`,
      `type=demo&from=${at(DAY)}&to=${at(0)}`,
      `type=demo&from=${at(0)}&to=${at(63 * DAY)}`,
      `type=demo&from=yesterday&to=${at(DAY)}`,
    ]) {
      const res = await admin(store.rep.key, 'GET', `/slots?${q}`)
      expect(res.status, q).toBe(422)
    }
    expect(
      (await admin('sk_nottherightkey0000000', 'GET', `/slots?type=demo&${range()}`)).status,
    ).toBe(401)
  })
})

describe('booking a lead from the console', () => {
  it('books a free slot: the lead moves to meeting with the rep, the visitor gets the confirmation', async () => {
    const store = await bookableStore()
    const leadId = await captureLead(store)
    const [slot] = await slots(store)
    const res = await book(store.rep.key, leadId, { start: slot!.start, note: 'Demo of the API' })
    expect(res.status).toBe(201)
    const booking = await json(res)
    expect(booking).toMatchObject({
      leadId,
      repId: store.rep.id,
      type: 'demo',
      start: slot!.start,
      end: slot!.end,
      visitorTimeZone: 'Europe/Istanbul',
      status: 'confirmed',
    })
    const detail = await json(await admin(store.rep.key, 'GET', `/leads/${leadId}`))
    expect(detail.lead).toMatchObject({ stage: 'meeting', ownerId: store.rep.id })
    const booked = detail.timeline.find((a: any) => a.type === 'meeting_booked')
    expect(booked).toMatchObject({
      actorType: 'user',
      actorId: store.rep.id,
      body: { bookingId: booking.id, start: slot!.start, repId: store.rep.id },
    })
    const listed = await json(await admin(store.rep.key, 'GET', `/bookings?lead=${leadId}`))
    expect(listed.items.map((b: any) => b.id)).toEqual([booking.id])
    const keys = await env.DB.prepare(
      "SELECT dedupe_key AS key FROM outbox WHERE site_id = ?1 AND dedupe_key LIKE 'bk:%' ORDER BY dedupe_key",
    )
      .bind(store.siteId)
      .all<{ key: string }>()
    expect(keys.results.map((r) => r.key)).toContain(`bk:${booking.id}:0:confirm`)
    expect((await slots(store)).map((s) => s.start)).not.toContain(slot!.start)
  })

  it('lists only the lead’s bookings with the lead filter', async () => {
    const store = await bookableStore()
    const [a, b] = [
      await captureLead(store),
      await captureLead(store, { fields: { name: 'B', email: 'b@example.com' } }),
    ]
    const free = await slots(store)
    expect((await book(store.rep.key, a, { start: free[0]!.start })).status).toBe(201)
    expect((await book(store.rep.key, b, { start: free[4]!.start })).status).toBe(201)
    const listed = await json(await admin(store.rep.key, 'GET', `/bookings?lead=${b}`))
    expect(listed.items.map((x: any) => x.leadId)).toEqual([b])
  })

  it('answers 409 slot_taken with the nearest free slots when the slot is taken, and writes nothing', async () => {
    const store = await bookableStore()
    const [slot, , next] = await slots(store)
    expect(
      (await book(store.rep.key, await captureLead(store), { start: slot!.start })).status,
    ).toBe(201)
    const other = await captureLead(store, { fields: { name: 'B', email: 'b@example.com' } })
    const res = await book(store.owner.key, other, { start: slot!.start })
    expect(res.status).toBe(409)
    const body = await json(res)
    expect(body.error.code).toBe('slot_taken')
    expect(body.slots.map((s: any) => s.start)).toContain(next!.start)
    expect(body.slots.map((s: any) => s.start)).not.toContain(slot!.start)
    expect(await confirmed(store.siteId)).toBe(1)
    const lead = (await json(await admin(store.rep.key, 'GET', `/leads/${other}`))).lead
    expect(lead).toMatchObject({ stage: 'lead', ownerId: null })
  })

  it('refuses bad input with 400 or 422 and books nothing', async () => {
    const store = await bookableStore()
    const leadId = await captureLead(store)
    const [slot] = await slots(store)
    const cases: [Record<string, unknown>, number, string][] = [
      [{ start: slot!.start, type: 'nope' }, 422, 'type'],
      [{ start: slot!.start, timeZone: 'Mars/Olympus' }, 422, 'timeZone'],
      [{ start: 'tomorrow' }, 422, 'start'],
      [{ start: new Date(Date.now() - DAY).toISOString() }, 422, 'start'],
      [{ start: slot!.start, leadId }, 422, 'leadId'],
    ]
    for (const [body, status, path] of cases) {
      const res = await book(store.rep.key, leadId, body)
      expect(res.status, path).toBe(status)
      expect(
        (await json(res)).error.issues?.map((i: any) => i.path),
        path,
      ).toContain(path)
    }
    const raw = await call(
      new Request(`https://leadline.test/admin/api/leads/${leadId}/bookings`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${store.rep.key}`, 'Content-Type': 'application/json' },
        body: '{"type": ',
      }),
    )
    expect(raw.status).toBe(400)
    expect(await confirmed(store.siteId)).toBe(0)
  })

  it('gives an unowned lead to the signed-in rep first, and keeps an owned lead’s owner', async () => {
    const store = await bookableStore({ people: ['rep', 'owner'] })
    const free = await slots(store)
    // Round-robin alone would give the second one to the rep, who has fewer meetings.
    for (const [i, email] of [
      [0, 'a@example.com'],
      [8, 'b@example.com'],
    ] as const) {
      const lead = await captureLead(store, { fields: { name: 'B', email } })
      const booked = await json(await book(store.owner.key, lead, { start: free[i]!.start }))
      expect(booked.repId).toBe(store.owner.id)
      const after = (await json(await admin(store.rep.key, 'GET', `/leads/${lead}`))).lead
      expect(after.ownerId).toBe(store.owner.id)
    }
    const owned = await captureLead(store, { fields: { name: 'B', email: 'o@example.com' } })
    const version = (await json(await admin(store.rep.key, 'GET', `/leads/${owned}`))).lead.version
    await admin(store.owner.key, 'POST', `/leads/${owned}/assign`, {
      ownerId: store.rep.id,
      expectedVersion: version,
    })
    const kept = await json(await book(store.owner.key, owned, { start: free[16]!.start }))
    expect(kept.repId).toBe(store.rep.id)
    const lead = (await json(await admin(store.rep.key, 'GET', `/leads/${owned}`))).lead
    expect(lead.ownerId).toBe(store.rep.id)
  })

  it('replays a retried booking with the same Idempotency-Key instead of booking twice', async () => {
    const store = await bookableStore()
    const leadId = await captureLead(store)
    const [slot] = await slots(store)
    const send = () =>
      call(
        new Request(`https://leadline.test/admin/api/leads/${leadId}/bookings`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${store.rep.key}`,
            'Content-Type': 'application/json',
            'Idempotency-Key': 'console-booking-1',
          },
          body: JSON.stringify({ type: 'demo', start: slot!.start, timeZone: 'UTC' }),
        }),
      )
    const first = await send()
    const again = await send()
    expect([first.status, again.status]).toEqual([201, 201])
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect((await json(again)).id).toBe((await json(first)).id)
    expect(await confirmed(store.siteId)).toBe(1)
  })

  it('keeps booking and slots to the key’s own store', async () => {
    const victim = await bookableStore()
    const intruder = await bookableStore()
    const leadId = await captureLead(victim)
    const free = await slots(victim)
    for (const key of [intruder.owner.key, intruder.rep.key]) {
      const res = await book(key, leadId, { start: free[0]!.start })
      expect(res.status).toBe(404)
      expect((await json(await admin(key, 'GET', `/bookings?lead=${leadId}`))).items).toEqual([])
    }
    expect(await confirmed(victim.siteId)).toBe(0)
    expect(await confirmed(intruder.siteId)).toBe(0)
    // The intruder's own slots are its own rep's: booking there does not touch the victim.
    const theirs = await captureLead(intruder)
    expect((await book(intruder.rep.key, theirs, { start: free[0]!.start })).status).toBe(201)
    expect((await slots(victim)).map((s) => s.start)).toContain(free[0]!.start)
  })
})
