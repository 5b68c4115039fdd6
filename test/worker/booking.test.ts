/**
 * Demo booking through the worker: availability and settings, free slots, an atomic claim,
 * the lead moving to `meeting`, management links (view, calendar file, cancel, reschedule),
 * the rep's actions, calendar feeds, bad input and tenant isolation, and a change from a stale
 * booking row (a lost race) that answers 409 and writes nothing.
 */
import { env } from 'cloudflare:workers'
import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { getBooking, type BookingRow } from '../../worker/src/db/booking'
import { closeMeeting, type MeetingOutcome } from '../../worker/src/usecases/close-meeting'
import { cancelBooking, rescheduleBooking } from '../../worker/src/usecases/manage-booking'
import {
  admin,
  call,
  captureLead,
  count,
  idemKey,
  leadBody,
  seedStore,
  visitor,
  bookableStore,
  WORKDAY_AVAILABILITY,
  type TestStore,
} from './helpers'

const json = async (res: Response) => (await res.json()) as any
const BASE = 'https://leadline.test'
const HOUR = 3_600_000
const DAY = 24 * HOUR

const AVAILABILITY = WORKDAY_AVAILABILITY

async function slots(store: TestStore, days = 7, type = 'demo') {
  const from = new Date(Date.now()).toISOString()
  const to = new Date(Date.now() + days * DAY).toISOString()
  const res = await visitor(
    store,
    'GET',
    `/v1/sites/${store.siteKey}/slots?type=${type}&from=${from}&to=${to}`,
  )
  expect(res.status).toBe(200)
  return (await json(res)).slots as { start: string; end: string }[]
}

const book = (store: TestStore, start: string, extra: Record<string, unknown>, key?: string) =>
  visitor(
    store,
    'POST',
    '/v1/bookings',
    { siteKey: store.siteKey, type: 'demo', start, timeZone: 'America/New_York', ...extra },
    key,
  )

const tokenOf = (view: { manageUrl: string }) => view.manageUrl.split('/').pop()!
const bookingsOf = (siteId: string) =>
  count("SELECT count(*) AS n FROM bookings WHERE site_id = ?1 AND status = 'confirmed'", siteId)

describe('slots', () => {
  it('offers 30-minute slots inside the rep’s hours in their zone, after the minimum notice', async () => {
    const store = await bookableStore()
    const free = await slots(store)
    expect(free.length).toBeGreaterThan(50)
    for (const s of free) {
      const local = new Date(Date.parse(s.start) + 3 * HOUR) // Istanbul is UTC+3 all year
      const minutes = local.getUTCHours() * 60 + local.getUTCMinutes()
      expect(minutes).toBeGreaterThanOrEqual(9 * 60)
      expect(minutes + 30).toBeLessThanOrEqual(17 * 60)
      expect(minutes % 15).toBe(0)
      expect(Date.parse(s.end) - Date.parse(s.start)).toBe(30 * 60_000)
      expect(Date.parse(s.start)).toBeGreaterThanOrEqual(Date.now() + HOUR - 1000)
    }
  })

  it("answers with the store's first meeting type when the query names none", async () => {
    // The loader asks for the first month before the booking settings name a type.
    const store = await bookableStore()
    const settings = await json(await admin(store.owner.key, 'GET', '/booking/settings'))
    const intro = { ...settings.meetingTypes[0], id: 'intro', durationMin: 15 }
    const put = await admin(store.owner.key, 'PUT', '/booking/settings', {
      ...settings,
      meetingTypes: [intro, ...settings.meetingTypes],
    })
    expect(put.status).toBe(200)
    const from = new Date().toISOString()
    const to = new Date(Date.now() + 7 * DAY).toISOString()
    const path = `/v1/sites/${store.siteKey}/slots?from=${from}&to=${to}`
    const res = await visitor(store, 'GET', path)
    expect(res.status).toBe(200)
    const body = await json(res)
    expect(body).toMatchObject({ type: 'intro', durationMin: 15, timeZone: 'UTC' })
    expect(body.slots).toEqual(await slots(store, 7, 'intro'))
    expect(body.slots).not.toEqual(await slots(store, 7, 'demo'))
    // The same default for the console's view of the slots.
    const console = await json(await admin(store.owner.key, 'GET', `/slots?from=${from}&to=${to}`))
    expect(console.type).toBe('intro')
  })

  it("answers month=YYYY-MM with the month's days in every zone, as from and to would", async () => {
    // The loader names the browser's month; the booking shows it in whatever zone it is set to.
    const store = await bookableStore()
    const next = new Date(Date.now() + 20 * DAY)
    const month = next.toISOString().slice(0, 7)
    const y = next.getUTCFullYear()
    const m = next.getUTCMonth()
    const from = new Date(Date.UTC(y, m) - 14 * HOUR).toISOString()
    const to = new Date(Date.UTC(y, m + 1) + 14 * HOUR).toISOString()
    const byMonth = await visitor(store, 'GET', `/v1/sites/${store.siteKey}/slots?month=${month}`)
    expect(byMonth.status).toBe(200)
    const body = await json(byMonth)
    const byRange = `/v1/sites/${store.siteKey}/slots?type=demo&from=${from}&to=${to}`
    const expected = await json(await visitor(store, 'GET', byRange))
    expect(body).toEqual(expected)
    expect(body.slots.length).toBeGreaterThan(0)
    expect(body.slots[0].start >= from && body.slots.at(-1).start < to).toBe(true)
    const typed = `/v1/sites/${store.siteKey}/slots?type=demo&month=${month}`
    expect(await json(await visitor(store, 'GET', typed))).toEqual(expected)
    const console = await json(await admin(store.owner.key, 'GET', `/slots?month=${month}`))
    expect(console).toEqual(expected)
  })

  it.each([
    ['a month that does not exist', 'month=2026-13'],
    ['a month without its zero', 'month=2026-2'],
    ['a day instead of a month', 'month=2026-12-01'],
    ['a month and a range', 'month=2026-12&from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z'],
    ['a range without its end', 'from=2026-12-01T00:00:00Z'],
    ['neither a month nor a range', 'type=demo'],
  ])('refuses %s with the 422 envelope', async (_name, query) => {
    const store = await bookableStore()
    const res = await visitor(store, 'GET', `/v1/sites/${store.siteKey}/slots?${query}`)
    expect(res.status).toBe(422)
    const body = await json(res)
    expect(body.error.code).toBe('validation_failed')
    expect(body.error.issues[0].path).toMatch(/^(month|from|to)$/)
  })

  it('offers nothing when no rep has availability', async () => {
    const store = await seedStore()
    expect(await slots(store)).toEqual([])
  })

  it.each([
    [
      'a range over 62 days',
      (f: string) => `from=${f}&to=${new Date(Date.parse(f) + 63 * DAY).toISOString()}&type=demo`,
    ],
    [
      'a range that ends before it starts',
      (f: string) => `from=${f}&to=${new Date(Date.parse(f) - DAY).toISOString()}&type=demo`,
    ],
    [
      'an unknown meeting type',
      (f: string) => `from=${f}&to=${new Date(Date.parse(f) + DAY).toISOString()}&type=lunch`,
    ],
    ['a date that is not a time', () => `from=tomorrow&to=later&type=demo`],
  ])('refuses %s with 422', async (_name, query) => {
    const store = await bookableStore()
    const res = await visitor(
      store,
      'GET',
      `/v1/sites/${store.siteKey}/slots?${query(new Date().toISOString())}`,
    )
    expect(res.status).toBe(422)
  })
})

describe('booking', () => {
  it('books a slot for a lead: the lead moves to meeting and gets the rep as owner', async () => {
    const store = await bookableStore()
    const leadId = await captureLead(store)
    const [slot] = await slots(store)
    const res = await book(store, slot!.start, { leadId })
    expect(res.status).toBe(201)
    const view = await json(res)
    expect(view).toMatchObject({
      status: 'confirmed',
      start: slot!.start,
      end: slot!.end,
      timeZone: 'America/New_York',
      repName: 'Mehmet Rep',
      sequence: 0,
    })
    expect(tokenOf(view)).toMatch(/^[A-Za-z0-9]{32}$/)
    const lead = await json(await admin(store.rep.key, 'GET', `/leads/${leadId}`))
    expect(lead.lead).toMatchObject({ stage: 'meeting', ownerId: store.rep.id })
    expect(lead.stageEvents.at(-1)).toMatchObject({
      event: 'meeting_booked',
      from: 'lead',
      to: 'meeting',
    })
    expect(lead.timeline.map((a: any) => a.type)).toContain('meeting_booked')
    expect((await slots(store)).map((s) => s.start)).not.toContain(slot!.start)
  })

  it('books with contact details when there is no lead, capturing one with its consent', async () => {
    const store = await bookableStore()
    const [slot] = await slots(store)
    const { fields, consent } = leadBody(store)
    const res = await book(store, slot!.start, { contact: { fields, consent } })
    expect(res.status).toBe(201)
    const leads = await json(await admin(store.rep.key, 'GET', '/leads'))
    expect(leads.items).toHaveLength(1)
    expect(leads.items[0]).toMatchObject({
      stage: 'meeting',
      contact: { email: 'zeynep.kaya@example.com' },
    })
    // Recorded as given on the booking, under the wording shown (the store's language).
    const lead = await json(await admin(store.rep.key, 'GET', `/leads/${leads.items[0].id}`))
    expect(lead.consents[0]).toMatchObject({
      source: 'booking',
      language: 'tr',
      wording: { text: expect.stringContaining('ticari elektronik ileti') },
    })
  })

  it('answers 409 with the nearest free slots when the slot is taken, and writes nothing', async () => {
    const store = await bookableStore()
    const [slot, , next] = await slots(store)
    await book(store, slot!.start, { leadId: await captureLead(store) })
    const other = await captureLead(store, { fields: { name: 'B', email: 'b@example.com' } })
    const res = await book(store, slot!.start, { leadId: other })
    expect(res.status).toBe(409)
    const body = await json(res)
    expect(body.error.code).toBe('slot_taken')
    expect(body.slots.map((s: any) => s.start)).toContain(next!.start)
    expect(body.slots.map((s: any) => s.start)).not.toContain(slot!.start)
    expect(await bookingsOf(store.siteId)).toBe(1)
    expect((await json(await admin(store.rep.key, 'GET', `/leads/${other}`))).lead.stage).toBe(
      'lead',
    )
  })

  it('lets exactly one of 25 concurrent requests for one slot book it', async () => {
    const store = await bookableStore()
    const [slot] = await slots(store)
    const leads = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        captureLead(store, { fields: { name: `K${i}`, email: `k${i}@example.com` } }),
      ),
    )
    const results = await Promise.all(leads.map((leadId) => book(store, slot!.start, { leadId })))
    const statuses = results.map((r) => r.status).sort()
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(24)
    expect(await bookingsOf(store.siteId)).toBe(1)
    expect(
      await count(
        "SELECT count(*) AS n FROM leads WHERE site_id = ?1 AND stage = 'meeting'",
        store.siteId,
      ),
    ).toBe(1)
  })

  it('shares bookings fairly between reps and gives a start to each free rep once', async () => {
    const store = await bookableStore()
    await admin(store.owner.key, 'PUT', `/availability/${store.owner.id}`, AVAILABILITY)
    const settings = await json(await admin(store.owner.key, 'GET', '/booking/settings'))
    await admin(store.owner.key, 'PUT', '/booking/settings', {
      ...settings,
      assignment: 'round_robin',
    })
    const free = await slots(store)
    const lead = (i: number) =>
      captureLead(store, { fields: { name: `R${i}`, email: `r${i}@example.com` } })
    for (const i of [0, 2, 4, 6]) await book(store, free[i]!.start, { leadId: await lead(i) })
    const list = await json(await admin(store.owner.key, 'GET', '/bookings'))
    const perRep = (id: string) => list.items.filter((b: any) => b.repId === id).length
    expect([perRep(store.owner.id), perRep(store.rep.id)]).toEqual([2, 2])

    // Two visitors at once for one start: each free rep takes one, and a third finds none.
    const start = free[10]!.start
    const racing = await Promise.all(
      [11, 12, 13].map(async (i) => book(store, start, { leadId: await lead(i) })),
    )
    expect(racing.map((r) => r.status).sort()).toEqual([201, 201, 409])
    const atStart = (await json(await admin(store.owner.key, 'GET', '/bookings'))).items.filter(
      (b: any) => b.start === start,
    )
    expect(new Set(atStart.map((b: any) => b.repId)).size).toBe(2)
  })

  it('counts overlaps with the buffers as conflicts', async () => {
    const store = await bookableStore({
      availability: { ...AVAILABILITY, bufferBeforeMin: 15, bufferAfterMin: 15 },
    })
    const free = await slots(store)
    const first = free[0]!
    await book(store, first.start, { leadId: await captureLead(store) })
    const after = (await slots(store)).map((s) => Date.parse(s.start))
    const firstEnd = Date.parse(first.end)
    // The next start leaves the after-buffer and the next meeting's before-buffer free.
    expect(after.filter((s) => s > Date.parse(first.start) && s < firstEnd + 30 * 60_000)).toEqual(
      [],
    )
    const tooClose = new Date(firstEnd + 15 * 60_000).toISOString()
    const res = await book(store, tooClose, {
      leadId: await captureLead(store, { fields: { name: 'C', email: 'c@example.com' } }),
    })
    expect(res.status).toBe(409)
  })

  it('respects the rep’s daily maximum', async () => {
    const store = await bookableStore({ availability: { ...AVAILABILITY, maxPerDay: 1 } })
    const free = await slots(store, 2)
    const day = free[0]!.start.slice(0, 10)
    await book(store, free[0]!.start, { leadId: await captureLead(store) })
    const sameDay = (await slots(store, 2)).filter((s) => s.start.slice(0, 10) === day)
    expect(sameDay).toEqual([])
  })

  it.each([
    ['a time in the past', () => new Date(Date.now() - DAY).toISOString()],
    [
      'a time off the 15-minute grid',
      (s: string) => new Date(Date.parse(s) + 7 * 60_000).toISOString(),
    ],
    ['a time outside the rep’s hours', (s: string) => `${s.slice(0, 10)}T02:00:00.000Z`],
    ['a time past how far ahead one can book', () => new Date(Date.now() + 90 * DAY).toISOString()],
  ])('refuses %s with 422 and writes nothing', async (_name, at) => {
    const store = await bookableStore()
    const [slot] = await slots(store)
    const res = await book(store, at(slot!.start), { leadId: await captureLead(store) })
    expect(res.status).toBe(422)
    expect(await count('SELECT count(*) AS n FROM bookings WHERE site_id = ?1', store.siteId)).toBe(
      0,
    )
  })

  it('refuses a time zone that does not exist', async () => {
    const store = await bookableStore()
    const [slot] = await slots(store)
    const res = await book(store, slot!.start, {
      leadId: await captureLead(store),
      timeZone: 'Mars/Olympus_Mons',
    })
    expect(res.status).toBe(422)
    expect((await json(res)).error.issues[0].path).toBe('timeZone')
  })

  it('replays a retried booking with the same key instead of booking twice', async () => {
    const store = await bookableStore()
    const leadId = await captureLead(store)
    const [slot] = await slots(store)
    const key = idemKey()
    const first = await book(store, slot!.start, { leadId }, key)
    const retry = await book(store, slot!.start, { leadId }, key)
    expect(retry.status).toBe(201)
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true')
    expect(await json(retry)).toEqual(await json(first))
    expect(await bookingsOf(store.siteId)).toBe(1)
  })
})

describe('managing a booking through its link', () => {
  async function booked() {
    const store = await bookableStore()
    const leadId = await captureLead(store)
    const free = await slots(store)
    const view = await json(await book(store, free[0]!.start, { leadId }))
    return { store, leadId, free, view, token: tokenOf(view) }
  }

  it('shows the booking and serves a calendar invite that parses', async () => {
    const { store, view, token } = await booked()
    const shown = await visitor(store, 'GET', `/v1/bookings/${token}`)
    expect(await json(shown)).toEqual(view)
    const ics = await visitor(store, 'GET', `/v1/bookings/${token}/ics`)
    expect(ics.headers.get('Content-Type')).toMatch(/^text\/calendar/)
    const cal = new ICAL.Component(ICAL.parse(await ics.text()))
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST')
    const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!)
    expect(event.uid).toBe(`${view.bookingId}@leadline`)
    expect(event.sequence).toBe(0)
    expect(event.startDate.toJSDate().toISOString()).toBe(view.start)
    // One link per action, each opening it on a page (`?leadline_action=`), never the JSON API:
    // booked on no page of the store's, the booking page this worker hosts for it.
    const page = `${BASE}/b/${store.siteKey}?leadline_booking=${token}`
    expect(event.description).toContain(`Reschedule: ${page}&leadline_action=reschedule`)
    expect(event.description).toContain(`Cancel: ${page}&leadline_action=cancel`)
    expect(event.description).not.toContain('/v1/bookings/')
    expect(cal.getFirstSubcomponent('vevent')!.getFirstSubcomponent('valarm')).not.toBeNull()
    expect(view.manageable).toBe(true)
  })

  it('links the invite to the store page it was booked on, never to a foreign page', async () => {
    const store = await bookableStore()
    const free = await slots(store)
    const page = `${store.origin}/iletisim?utm_source=x`
    const own = await json(
      await book(store, free[0]!.start, { leadId: await captureLead(store), pageUrl: page }),
    )
    const foreign = await json(
      await book(store, free[2]!.start, {
        leadId: await captureLead(store, { fields: { name: 'F', email: 'f@example.com' } }),
        pageUrl: 'https://evil.example/phish',
      }),
    )
    const description = async (view: any) => {
      const text = await (await visitor(store, 'GET', `/v1/bookings/${tokenOf(view)}/ics`)).text()
      return new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!)
        .description
    }
    const manage = `${store.origin}/iletisim?utm_source=x&leadline_booking=${tokenOf(own)}`
    const lines = (await description(own)).split('\n')
    expect(lines).toContain(`Değiştir / Reschedule: ${manage}&leadline_action=reschedule`)
    expect(lines).toContain(`İptal / Cancel: ${manage}&leadline_action=cancel`)
    const other = await description(foreign)
    expect(other).not.toContain('evil.example')
    expect(other).toContain(`${BASE}/b/${store.siteKey}?leadline_booking=${tokenOf(foreign)}`)
  })

  it('reschedules with a new link; the old link stops working', async () => {
    const { store, free, token, leadId } = await booked()
    const res = await visitor(store, 'POST', `/v1/bookings/${token}/reschedule`, {
      start: free[3]!.start,
    })
    expect(res.status).toBe(200)
    const moved = await json(res)
    expect(moved).toMatchObject({ start: free[3]!.start, sequence: 1 })
    expect(tokenOf(moved)).not.toBe(token)
    expect((await visitor(store, 'GET', `/v1/bookings/${token}`)).status).toBe(404)
    expect((await visitor(store, 'POST', `/v1/bookings/${token}/cancel`, {})).status).toBe(404)
    const open = (await slots(store)).map((s) => s.start)
    expect(open).toContain(free[0]!.start)
    expect(open).not.toContain(free[3]!.start)
    const timeline = (await json(await admin(store.rep.key, 'GET', `/leads/${leadId}`))).timeline
    expect(timeline.map((a: any) => a.type)).toContain('meeting_rescheduled')
  })

  it('refuses a reschedule onto a taken slot with 409 and keeps the booking', async () => {
    const { store, free, token } = await booked()
    await book(store, free[2]!.start, {
      leadId: await captureLead(store, { fields: { name: 'D', email: 'd@example.com' } }),
    })
    const res = await visitor(store, 'POST', `/v1/bookings/${token}/reschedule`, {
      start: free[2]!.start,
    })
    expect(res.status).toBe(409)
    expect((await json(await visitor(store, 'GET', `/v1/bookings/${token}`))).start).toBe(
      free[0]!.start,
    )
  })

  it('cancels once: the slot frees up, the invite becomes a CANCEL with the same UID', async () => {
    const { store, free, token, view } = await booked()
    const res = await visitor(store, 'POST', `/v1/bookings/${token}/cancel`, {
      reason: 'Plans changed',
    })
    expect(res.status).toBe(200)
    expect(await json(res)).toMatchObject({ status: 'cancelled', sequence: 1 })
    expect((await visitor(store, 'POST', `/v1/bookings/${token}/cancel`, {})).status).toBe(409)
    expect(
      (
        await visitor(store, 'POST', `/v1/bookings/${token}/reschedule`, {
          start: free[1]!.start,
        })
      ).status,
    ).toBe(409)
    expect((await slots(store)).map((s) => s.start)).toContain(free[0]!.start)
    const cal = new ICAL.Component(
      ICAL.parse(await (await visitor(store, 'GET', `/v1/bookings/${token}/ics`)).text()),
    )
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL')
    const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!)
    expect(event.uid).toBe(`${view.bookingId}@leadline`)
    expect(event.sequence).toBe(1)
  })

  it('refuses to cancel or reschedule once the meeting has started, writes nothing, and still shows it', async () => {
    const { store, free, token, view } = await booked()
    const now = Date.now()
    // During the meeting, and a day after it (moved in D1: the API books only future slots).
    for (const start of [now - 10 * 60_000, now - DAY]) {
      await env.DB.prepare('UPDATE bookings SET start_at = ?2, end_at = ?3 WHERE id = ?1')
        .bind(
          view.bookingId,
          new Date(start).toISOString(),
          new Date(start + 30 * 60_000).toISOString(),
        )
        .run()
      const snapshot = () =>
        env.DB.prepare(
          `SELECT (SELECT json_object('status', status, 'sequence', sequence, 'start', start_at,
                     'updated', updated_at) FROM bookings WHERE id = ?2) AS booking,
                  (SELECT count(*) FROM activities WHERE site_id = ?1) AS activities,
                  (SELECT count(*) FROM outbox WHERE site_id = ?1) AS outbox,
                  (SELECT count(*) FROM booking_cells WHERE booking_id = ?2) AS cells`,
        )
          .bind(store.siteId, view.bookingId)
          .first()
      const before = await snapshot()
      const cancel = await visitor(store, 'POST', `/v1/bookings/${token}/cancel`, {
        reason: 'late',
      })
      const move = await visitor(store, 'POST', `/v1/bookings/${token}/reschedule`, {
        start: free[3]!.start,
      })
      for (const res of [cancel, move]) {
        expect(res.status).toBe(409)
        const { error } = await json(res)
        expect(error.code).toBe('booking_started')
        expect(error.message).toMatch(/already started/)
      }
      expect(await snapshot()).toEqual(before)
      const shown = await visitor(store, 'GET', `/v1/bookings/${token}`)
      expect(shown.status).toBe(200)
      expect(await json(shown)).toMatchObject({ status: 'confirmed', manageable: false })
      expect((await visitor(store, 'GET', `/v1/bookings/${token}/ics`)).status).toBe(200)
    }
    // The rep still closes it: held after the meeting.
    expect(
      (await admin(store.rep.key, 'POST', `/bookings/${view.bookingId}/held`, {})).status,
    ).toBe(200)
    expect(await json(await visitor(store, 'GET', `/v1/bookings/${token}`))).toMatchObject({
      status: 'held',
      manageable: false,
    })
  })

  it('refuses a forged token and a write from another origin', async () => {
    const { store, token } = await booked()
    expect((await visitor(store, 'GET', `/v1/bookings/${'A'.repeat(32)}`)).status).toBe(404)
    expect((await visitor(store, 'GET', `/v1/bookings/short`)).status).toBe(422)
    const foreign = await call(
      new Request(`${BASE}/v1/bookings/${token}/cancel`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
        body: '{}',
      }),
    )
    expect(foreign.status).toBe(403)
    expect((await json(await visitor(store, 'GET', `/v1/bookings/${token}`))).status).toBe(
      'confirmed',
    )
  })
})

describe('the rep’s side', () => {
  it('marks a meeting held (lead → proposal) or a no-show (lead → nurturing)', async () => {
    const store = await bookableStore()
    const free = await slots(store)
    const a = await captureLead(store, { fields: { name: 'A', email: 'a@example.com' } })
    const b = await captureLead(store, { fields: { name: 'B', email: 'b@example.com' } })
    const held = await json(await book(store, free[0]!.start, { leadId: a }))
    const missed = await json(await book(store, free[2]!.start, { leadId: b }))
    expect(
      (await admin(store.rep.key, 'POST', `/bookings/${held.bookingId}/held`, {})).status,
    ).toBe(200)
    const noShow = await admin(store.rep.key, 'POST', `/bookings/${missed.bookingId}/no-show`, {
      reason: 'did not join',
    })
    expect(await json(noShow)).toMatchObject({ status: 'no_show' })
    expect((await json(await admin(store.rep.key, 'GET', `/leads/${a}`))).lead.stage).toBe(
      'proposal',
    )
    const leadB = await json(await admin(store.rep.key, 'GET', `/leads/${b}`))
    expect(leadB.lead.stage).toBe('nurturing')
    expect(leadB.timeline.map((x: any) => x.type)).toContain('meeting_no_show')
    expect(
      (await admin(store.rep.key, 'POST', `/bookings/${missed.bookingId}/held`, {})).status,
    ).toBe(409)
  })

  it('lists, cancels and reschedules bookings', async () => {
    const store = await bookableStore()
    const free = await slots(store)
    const view = await json(await book(store, free[0]!.start, { leadId: await captureLead(store) }))
    const list = await json(await admin(store.rep.key, 'GET', '/bookings'))
    expect(list.items.map((x: any) => x.id)).toEqual([view.bookingId])
    const moved = await json(
      await admin(store.rep.key, 'POST', `/bookings/${view.bookingId}/reschedule`, {
        start: free[4]!.start,
      }),
    )
    expect(moved).toMatchObject({ start: free[4]!.start, sequence: 1 })
    const cancelled = await json(
      await admin(store.rep.key, 'POST', `/bookings/${view.bookingId}/cancel`, {}),
    )
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 2 })
  })

  it('gives each rep a private calendar feed they can list and revoke', async () => {
    const store = await bookableStore()
    const free = await slots(store)
    await book(store, free[0]!.start, { leadId: await captureLead(store) })
    const created = await admin(store.rep.key, 'POST', '/calendar-feeds')
    expect(created.status).toBe(201)
    const { id, url } = await json(created)
    const path = new URL(url).pathname
    const feed = await call(new Request(`${BASE}${path}`))
    expect(feed.status).toBe(200)
    const cal = new ICAL.Component(ICAL.parse(await feed.text()))
    const events = cal.getAllSubcomponents('vevent')
    expect(events).toHaveLength(1)
    expect(new ICAL.Event(events[0]!).summary).toContain('Zeynep Kaya')
    // Listed for its person only, without its URL (shown once).
    const listed = await json(await admin(store.rep.key, 'GET', '/calendar-feeds'))
    expect(listed.items).toEqual([{ id, createdAt: expect.any(String) }])
    expect(JSON.stringify(listed)).not.toContain(path.split('/').pop()!.replace('.ics', ''))
    expect((await json(await admin(store.owner.key, 'GET', '/calendar-feeds'))).items).toEqual([])
    const other = await seedStore()
    expect((await json(await admin(other.rep.key, 'GET', '/calendar-feeds'))).items).toEqual([])
    expect((await admin(store.owner.key, 'DELETE', `/calendar-feeds/${id}`)).status).toBe(404)
    expect((await admin(store.rep.key, 'DELETE', `/calendar-feeds/${id}`)).status).toBe(204)
    expect((await call(new Request(`${BASE}${path}`))).status).toBe(404)
    expect((await json(await admin(store.rep.key, 'GET', '/calendar-feeds'))).items).toEqual([])
  })

  it('lets owners set anyone’s availability and the settings, reps only their own', async () => {
    const store = await seedStore()
    expect(
      (await admin(store.rep.key, 'PUT', `/availability/${store.owner.id}`, AVAILABILITY)).status,
    ).toBe(403)
    expect(
      (await admin(store.rep.key, 'PUT', `/availability/${store.rep.id}`, AVAILABILITY)).status,
    ).toBe(200)
    const bad = await admin(store.rep.key, 'PUT', `/availability/${store.rep.id}`, {
      ...AVAILABILITY,
      timeZone: 'Europe/Atlantis',
    })
    expect(bad.status).toBe(422)
    const settings = await json(await admin(store.rep.key, 'GET', '/booking/settings'))
    expect((await admin(store.rep.key, 'PUT', '/booking/settings', settings)).status).toBe(403)
    const fixed = { ...settings, assignment: 'fixed', fixedRep: store.owner.id }
    expect((await admin(store.owner.key, 'PUT', '/booking/settings', fixed)).status).toBe(200)
    expect(await slots(store)).toEqual([])
  })

  it('queues the confirmation with its invitation and the reminders, and replaces them when the meeting moves or is cancelled', async () => {
    const store = await bookableStore()
    const free = await slots(store, 7)
    const leadId = await captureLead(store)
    const first = await json(await book(store, free.at(-1)!.start, { leadId }))
    const id = first.bookingId as string
    const outbox = async () =>
      (
        await env.DB.prepare(
          `SELECT dedupe_key AS key, status, channel, purpose, next_attempt_at AS due, payload
             FROM outbox WHERE site_id = ?1 AND dedupe_key LIKE 'bk:%' ORDER BY created_at, dedupe_key`,
        )
          .bind(store.siteId)
          .all<{
            key: string
            status: string
            channel: string
            purpose: string
            due: string
            payload: string
          }>()
      ).results
    const invite = (payload: string) => {
      const { attachments } = JSON.parse(payload)
      return new TextDecoder().decode(
        Uint8Array.from(atob(attachments[0].content), (ch) => ch.charCodeAt(0)),
      )
    }
    const start = Date.parse(free.at(-1)!.start)
    let rows = await outbox()
    // E-mail only: the lead consented to e-mail, not to SMS.
    expect(rows.map((r) => [r.key, r.status, r.channel, r.purpose])).toEqual([
      [`bk:${id}:0:confirm`, 'pending', 'email', 'transactional'],
      [`bk:${id}:0:remind:1440:email`, 'pending', 'email', 'transactional'],
      [`bk:${id}:0:remind:60:email`, 'pending', 'email', 'transactional'],
    ])
    expect(rows[1]!.due).toBe(new Date(start - DAY).toISOString())
    expect(rows[2]!.due).toBe(new Date(start - HOUR).toISOString())
    const request = new ICAL.Component(ICAL.parse(invite(rows[0]!.payload)))
    expect(request.getFirstPropertyValue('method')).toBe('REQUEST')
    expect(request.getFirstSubcomponent('vevent')!.getFirstPropertyValue('uid')).toBe(
      `${id}@leadline`,
    )
    expect(JSON.parse(rows[0]!.payload).html).toContain('Zeynep Kaya')
    expect(
      await count(
        "SELECT count(*) AS n FROM contacts WHERE site_id = ?1 AND time_zone = 'America/New_York'",
        store.siteId,
      ),
    ).toBe(1)

    const moved = await visitor(store, 'POST', `/v1/bookings/${tokenOf(first)}/reschedule`, {
      start: free.at(-2)!.start,
    })
    expect(moved.status).toBe(200)
    rows = await outbox()
    // Nothing of the old time goes out any more, not even a confirmation still queued.
    expect(rows.filter((r) => r.key.startsWith(`bk:${id}:0:`)).map((r) => r.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
    ])
    expect(rows.filter((r) => r.key.startsWith(`bk:${id}:1:`)).map((r) => r.key)).toEqual([
      `bk:${id}:1:confirm`,
      `bk:${id}:1:remind:1440:email`,
      `bk:${id}:1:remind:60:email`,
    ])

    const token = tokenOf(await json(moved))
    expect((await visitor(store, 'POST', `/v1/bookings/${token}/cancel`, {})).status).toBe(200)
    rows = await outbox()
    expect(rows.filter((r) => r.status === 'pending').map((r) => r.key)).toEqual([
      `bk:${id}:2:cancel`,
    ])
    const cancel = new ICAL.Component(ICAL.parse(invite(rows.at(-1)!.payload)))
    expect(cancel.getFirstPropertyValue('method')).toBe('CANCEL')
    expect(cancel.getFirstSubcomponent('vevent')!.getFirstPropertyValue('sequence')).toBe(2)
    const events = await env.DB.prepare(
      "SELECT type FROM events WHERE site_id = ?1 AND type LIKE 'booking.%' ORDER BY created_at, rowid",
    )
      .bind(store.siteId)
      .all<{ type: string }>()
    expect(events.results.map((e) => e.type)).toEqual([
      'booking.created',
      'booking.rescheduled',
      'booking.cancelled',
    ])
  })

  it('queues no message and raises no event when a cancellation loses a race', async () => {
    const store = await bookableStore()
    const [slot] = await slots(store)
    const view = await json(await book(store, slot!.start, { leadId: await captureLead(store) }))
    const token = tokenOf(view)
    const results = await Promise.all([
      visitor(store, 'POST', `/v1/bookings/${token}/cancel`, {}),
      admin(store.rep.key, 'POST', `/bookings/${view.bookingId}/cancel`, {}),
    ])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    expect(
      await count(
        "SELECT count(*) AS n FROM outbox WHERE site_id = ?1 AND dedupe_key LIKE '%:cancel'",
        store.siteId,
      ),
    ).toBe(1)
    expect(
      await count(
        "SELECT count(*) AS n FROM events WHERE site_id = ?1 AND type = 'booking.cancelled'",
        store.siteId,
      ),
    ).toBe(1)
  })

  it('keeps every booking route to its own store', async () => {
    const victim = await bookableStore()
    const intruder = await seedStore()
    const free = await slots(victim)
    const view = await json(
      await book(victim, free[0]!.start, { leadId: await captureLead(victim) }),
    )
    for (const key of [intruder.owner.key, intruder.rep.key]) {
      expect((await json(await admin(key, 'GET', '/bookings'))).items).toEqual([])
      for (const action of ['cancel', 'held', 'no-show']) {
        expect((await admin(key, 'POST', `/bookings/${view.bookingId}/${action}`, {})).status).toBe(
          404,
        )
      }
      expect(
        (
          await admin(key, 'POST', `/bookings/${view.bookingId}/reschedule`, {
            start: free[2]!.start,
          })
        ).status,
      ).toBe(404)
      expect((await admin(key, 'GET', `/availability/${victim.rep.id}`)).status).toBe(404)
    }
    expect(
      (await admin(intruder.owner.key, 'PUT', `/availability/${victim.rep.id}`, AVAILABILITY))
        .status,
    ).toBe(404)
    const foreignLead = await book(intruder, free[2]!.start, { leadId: await captureLead(victim) })
    expect(foreignLead.status).toBe(404)
    expect((await json(await visitor(victim, 'GET', `/v1/bookings/${tokenOf(view)}`))).status).toBe(
      'confirmed',
    )
  })
})

describe('a change from the booking row as it was before the meeting moved', () => {
  /** A booked meeting, moved once: `stale` is its row as read before the move. */
  async function movedMeeting() {
    const store = await bookableStore()
    const free = await slots(store)
    const leadId = await captureLead(store)
    const view = await json(await book(store, free[0]!.start, { leadId }))
    const id = view.bookingId as string
    const stale = (await getBooking(env.DB, store.siteId, id))!
    const moved = await visitor(store, 'POST', `/v1/bookings/${tokenOf(view)}/reschedule`, {
      start: free[3]!.start,
    })
    expect(moved.status).toBe(200)
    return { store, leadId, id, stale, free }
  }

  /** Everything a close, cancel or move of booking `id` writes. */
  const written = async (store: TestStore, leadId: string, id: string) =>
    env.DB.prepare(
      `SELECT (SELECT json_object('status', status, 'sequence', sequence, 'start', start_at,
                 'updated', updated_at) FROM bookings WHERE id = ?3) AS booking,
              (SELECT json_group_array(status) FROM (SELECT status FROM outbox
                 WHERE site_id = ?1 AND substr(dedupe_key, 1, length(?4)) = ?4
                 ORDER BY dedupe_key)) AS messages,
              (SELECT json_group_array(type) FROM (SELECT type FROM activities
                 WHERE site_id = ?1 AND lead_id = ?2 ORDER BY created_at, rowid)) AS timeline,
              (SELECT stage || ' ' || version FROM leads WHERE id = ?2) AS lead,
              (SELECT count(*) FROM stage_events WHERE lead_id = ?2) AS moves,
              (SELECT count(*) FROM events WHERE site_id = ?1) AS events,
              (SELECT count(*) FROM booking_cells WHERE booking_id = ?3) AS cells`,
    )
      .bind(store.siteId, leadId, id, `bk:${id}:`)
      .first()

  const close = (store: TestStore, b: BookingRow, outcome: MeetingOutcome) =>
    closeMeeting({ db: env.DB, now: new Date() }, b, outcome, null, {
      siteId: store.siteId,
      userId: store.rep.id,
    })

  it.each([
    ['held', 'proposal', 'meeting_held'],
    ['no_show', 'nurturing', 'meeting_no_show'],
    ['cancelled', 'meeting', 'meeting_cancelled'],
  ] as const)(
    'a rep’s %s answers 409 and writes nothing: no reminder cancelled, no timeline row, no move',
    async (outcome, stage, type) => {
      const { store, leadId, id, stale } = await movedMeeting()
      const before = await written(store, leadId, id)
      await expect(close(store, stale, outcome)).rejects.toMatchObject({
        code: 'conflict',
        message: 'This booking changed meanwhile.',
      })
      expect(await written(store, leadId, id)).toEqual(before)
      // From the row as it is now, the same close applies in full.
      const fresh = (await getBooking(env.DB, store.siteId, id))!
      expect(await close(store, fresh, outcome)).toMatchObject({
        status: outcome,
        sequence: 1 + (outcome === 'cancelled' ? 1 : 0),
      })
      const lead = await json(await admin(store.rep.key, 'GET', `/leads/${leadId}`))
      expect(lead.lead.stage).toBe(stage)
      expect(lead.timeline.filter((a: any) => a.type === type)).toHaveLength(1)
      const pending = await count(
        `SELECT count(*) AS n FROM outbox WHERE site_id = ?1 AND status = 'pending'
           AND substr(dedupe_key, 1, length(?2)) = ?2`,
        store.siteId,
        `bk:${id}:`,
      )
      // A cancellation queues the visitor's notice; a closed meeting leaves nothing to send.
      expect(pending).toBe(outcome === 'cancelled' ? 1 : 0)
    },
  )

  it('the visitor’s cancel answers 409 and writes nothing, not even a timeline row', async () => {
    const { store, leadId, id, stale } = await movedMeeting()
    const before = await written(store, leadId, id)
    await expect(
      cancelBooking({ db: env.DB, now: new Date() }, stale, 'late'),
    ).rejects.toMatchObject({
      code: 'conflict',
    })
    expect(await written(store, leadId, id)).toEqual(before)
  })

  it('a second move answers 409 and writes nothing, not even a timeline row', async () => {
    const { store, leadId, id, stale, free } = await movedMeeting()
    const before = await written(store, leadId, id)
    await expect(
      rescheduleBooking(
        { db: env.DB, now: new Date(), publicUrl: () => BASE },
        stale,
        { start: free[5]!.start },
        { type: 'visitor', id: null },
      ),
    ).rejects.toMatchObject({ code: 'conflict' })
    expect(await written(store, leadId, id)).toEqual(before)
  })
})
