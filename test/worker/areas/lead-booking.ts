/**
 * Booking from the console's part of the route-wide tests: a request per documented route for
 * docs.test.ts, and the routes that take a JSON body for bad-input.test.ts.
 */
import { admin, captureLead, type TestStore } from '../helpers'
import type { AreaContext, AreaRequests, JsonRoute } from './types'

const DAY = 86_400_000
const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

/** Slots of the store's demo a few days out, clear of the slots other areas book. */
const slotsPath = () =>
  `/slots?type=demo&from=${new Date(Date.now() + 4 * DAY).toISOString()}` +
  `&to=${new Date(Date.now() + 6 * DAY).toISOString()}`

/** The owner takes demos every day, so the store has free slots. */
async function bookable(store: TestStore) {
  await admin(store.owner.key, 'PUT', `/availability/${store.owner.id}`, {
    timeZone: 'Europe/Istanbul',
    weekly: Object.fromEntries(WEEK.map((d) => [d, [{ start: '08:00', end: '20:00' }]])),
    overrides: [],
    bufferBeforeMin: 0,
    bufferAfterMin: 0,
    minNoticeMin: 0,
    maxDaysAhead: 60,
    maxPerDay: 20,
  })
  const res = await admin(store.owner.key, 'GET', slotsPath())
  return ((await res.json()) as { slots: { start: string }[] }).slots
}

export async function leadBookingRequests({ store }: AreaContext): Promise<AreaRequests> {
  const free = await bookable(store)
  const leadId = await captureLead(store, {
    fields: { name: 'Docs Booking', email: 'docs.booking@example.com' },
  })
  return {
    listAdminSlots: () => admin(store.rep.key, 'GET', slotsPath()),
    bookForLead: () =>
      admin(store.owner.key, 'POST', `/leads/${leadId}/bookings`, {
        type: 'demo',
        start: free.at(-1)!.start,
        timeZone: 'Europe/Istanbul',
      }),
  }
}

export async function leadBookingJsonRoutes({ store, leadId }: AreaContext): Promise<JsonRoute[]> {
  return [
    {
      name: 'POST lead bookings',
      method: 'POST',
      path: `/admin/api/leads/${leadId}/bookings`,
      headers: { Authorization: `Bearer ${store.rep.key}` },
      valid: {
        type: 'demo',
        start: new Date(Date.now() + 5 * DAY).toISOString(),
        timeZone: 'Europe/Istanbul',
      },
    },
  ]
}
