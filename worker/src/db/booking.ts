/** Availability, booking settings, bookings and their claimed time cells in D1. */
import type { Availability, Booking, BookingSettings } from '../../../contract'
import type { Interval } from '../booking/slots'
import type { RepLoad } from '../booking/assign'
import { params } from './sql'

export async function getBookingSettings(
  db: D1Database,
  siteId: string,
): Promise<BookingSettings | null> {
  const row = await db
    .prepare('SELECT settings FROM booking_settings WHERE site_id = ?1')
    .bind(siteId)
    .first<{ settings: string }>()
  return row ? (JSON.parse(row.settings) as BookingSettings) : null
}

export const putBookingSettingsStatement = (
  db: D1Database,
  siteId: string,
  settings: BookingSettings,
  at: string,
) =>
  db
    .prepare(
      `INSERT INTO booking_settings (site_id, settings, updated_at) VALUES (?1, ?2, ?3)
       ON CONFLICT (site_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
    )
    .bind(siteId, JSON.stringify(settings), at)

/** The availability rules of the store's reps that have any (all of them without `userIds`). */
export async function getAvailability(
  db: D1Database,
  siteId: string,
): Promise<Map<string, Availability>> {
  const { results } = await db
    .prepare('SELECT user_id, rules FROM rep_availability WHERE site_id = ?1 LIMIT 200')
    .bind(siteId)
    .all<{ user_id: string; rules: string }>()
  return new Map(results.map((r) => [r.user_id, JSON.parse(r.rules) as Availability]))
}

export const putAvailabilityStatement = (
  db: D1Database,
  siteId: string,
  userId: string,
  rules: Availability,
  at: string,
) =>
  db
    .prepare(
      `INSERT INTO rep_availability (site_id, user_id, rules, updated_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (site_id, user_id) DO UPDATE SET rules = excluded.rules, updated_at = excluded.updated_at`,
    )
    .bind(siteId, userId, JSON.stringify(rules), at)

/** Each rep's confirmed meetings that overlap [from, to), as intervals (no buffers). */
export async function confirmedMeetings(
  db: D1Database,
  siteId: string,
  repIds: string[],
  from: number,
  to: number,
  exceptBookingId: string | null = null,
): Promise<Map<string, Interval[]>> {
  const byRep = new Map<string, Interval[]>(repIds.map((id) => [id, []]))
  if (repIds.length === 0) return byRep
  // Reps are few (≤ 50 by the settings schema), so the IN list stays far below D1's 100 bindings.
  const p = params(
    siteId,
    new Date(from).toISOString(),
    new Date(to).toISOString(),
    exceptBookingId,
  )
  const list = repIds.map((id) => p.add(id)).join(', ')
  const { results } = await db
    .prepare(
      `SELECT rep_id, start_at, end_at FROM bookings
        WHERE site_id = ?1 AND status = 'confirmed' AND rep_id IN (${list})
          AND start_at < ?3 AND end_at > ?2 AND (?4 IS NULL OR id <> ?4)`,
    )
    .bind(...p.values)
    .all<{ rep_id: string; start_at: string; end_at: string }>()
  for (const r of results) {
    byRep.get(r.rep_id)?.push({ start: Date.parse(r.start_at), end: Date.parse(r.end_at) })
  }
  return byRep
}

/** How many confirmed meetings each rep got since `since`, and when they got the last one. */
export async function repLoads(
  db: D1Database,
  siteId: string,
  repIds: string[],
  since: string,
): Promise<Map<string, RepLoad>> {
  if (repIds.length === 0) return new Map()
  const p = params(siteId, since)
  const list = repIds.map((id) => p.add(id)).join(', ')
  const { results } = await db
    .prepare(
      `SELECT rep_id, count(*) AS recent, max(created_at) AS last FROM bookings
        WHERE site_id = ?1 AND rep_id IN (${list}) AND created_at >= ?2 AND status <> 'cancelled'
        GROUP BY rep_id`,
    )
    .bind(...p.values)
    .all<{ rep_id: string; recent: number; last: string }>()
  return new Map(results.map((r) => [r.rep_id, { recent: r.recent, lastAssignedAt: r.last }]))
}

export interface NewBooking {
  id: string
  leadId: string
  repId: string
  type: string
  start: number
  end: number
  repDay: string
  maxPerDay: number
  visitorTz: string
  tokenHash: string
  note: string | null
  pageUrl: string | null
  cells: number[]
  at: string
}

/**
 * The booking row and its cells. The row's `day_seq` counts the rep's confirmed bookings that
 * day; past the daily maximum its CHECK fails. A cell another booking holds fails the cells'
 * primary key. Either failure aborts the whole batch: nothing is written.
 */
export function insertBookingStatements(
  db: D1Database,
  siteId: string,
  b: NewBooking,
): [D1PreparedStatement, ...D1PreparedStatement[]] {
  return [
    db
      .prepare(
        `INSERT INTO bookings (id, site_id, lead_id, rep_id, type, start_at, end_at, rep_day, day_seq, max_per_day,
           visitor_tz, status, sequence, token_hash, note, page_url, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,
           (SELECT count(*) + 1 FROM bookings WHERE site_id = ?2 AND rep_id = ?4 AND rep_day = ?8 AND status = 'confirmed'),
           ?9, ?10, 'confirmed', 0, ?11, ?12, ?14, ?13, ?13)`,
      )
      .bind(
        b.id,
        siteId,
        b.leadId,
        b.repId,
        b.type,
        new Date(b.start).toISOString(),
        new Date(b.end).toISOString(),
        b.repDay,
        b.maxPerDay,
        b.visitorTz,
        b.tokenHash,
        b.note,
        b.at,
        b.pageUrl,
      ),
    claimCellsStatement(db, b.repId, b.id, b.cells),
  ]
}

/** Claims the cells for a booking: one statement, the cells as one JSON parameter. */
export const claimCellsStatement = (
  db: D1Database,
  repId: string,
  bookingId: string,
  cells: number[],
) =>
  db
    .prepare(
      'INSERT INTO booking_cells (rep_id, cell, booking_id) SELECT ?1, value, ?2 FROM json_each(?3)',
    )
    .bind(repId, bookingId, JSON.stringify(cells))

/** Whether a failed batch lost the race for a slot (a cell taken, or the day full). */
export const isSlotConflict = (err: unknown) =>
  err instanceof Error &&
  /UNIQUE constraint failed: booking_cells|CHECK constraint failed: day_seq/.test(err.message)

export interface BookingRow {
  id: string
  site_id: string
  lead_id: string
  rep_id: string
  type: string
  start_at: string
  end_at: string
  visitor_tz: string
  status: Booking['status']
  sequence: number
  max_per_day: number
  note: string | null
  page_url: string | null
  created_at: string
  updated_at: string
}

const BOOKING_COLUMNS = `id, site_id, lead_id, rep_id, type, start_at, end_at, visitor_tz, status, sequence,
  max_per_day, note, page_url, created_at, updated_at`

export const getBookingByToken = (db: D1Database, tokenHash: string) =>
  db
    .prepare(`SELECT ${BOOKING_COLUMNS} FROM bookings WHERE token_hash = ?1`)
    .bind(tokenHash)
    .first<BookingRow>()

export const getBooking = (db: D1Database, siteId: string, id: string) =>
  db
    .prepare(`SELECT ${BOOKING_COLUMNS} FROM bookings WHERE site_id = ?1 AND id = ?2`)
    .bind(siteId, id)
    .first<BookingRow>()

export const bookingFromRow = (r: BookingRow): Booking => ({
  id: r.id,
  leadId: r.lead_id,
  repId: r.rep_id,
  type: r.type,
  start: r.start_at,
  end: r.end_at,
  visitorTimeZone: r.visitor_tz,
  status: r.status,
  sequence: r.sequence,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

/**
 * The booking row as `setStatusStatements`' guarded update writes it when it applies: its id
 * with the new status, sequence (+ 1 for a cancellation, which the invitation's SEQUENCE shows)
 * and `updated_at`. A statement after the guard that is not chained to it (`changes() = 1`)
 * checks this row, so it applies only when the update did (`cancelPendingOfBookingStatement` in
 * db/outbox.ts). A held or missed meeting keeps its sequence, so the same close by someone else
 * at the same millisecond would match too: use it only for what may apply twice (cancelling the
 * reminders); what must not (a timeline row) chains to the guard.
 */
export interface WrittenBooking {
  id: string
  status: Exclude<Booking['status'], 'confirmed'>
  sequence: number
  updatedAt: string
}

export const statusWritten = (
  b: BookingRow,
  status: WrittenBooking['status'],
  at: string,
): WrittenBooking => ({
  id: b.id,
  status,
  sequence: b.sequence + (status === 'cancelled' ? 1 : 0),
  updatedAt: at,
})

/**
 * Changes a confirmed booking's status (cancelled, held, no-show), guarded by its sequence so
 * two changes cannot both apply; a cancellation also frees its cells.
 */
export function setStatusStatements(
  db: D1Database,
  b: BookingRow,
  status: WrittenBooking['status'],
  reason: string | null,
  at: string,
): [D1PreparedStatement, ...D1PreparedStatement[]] {
  return [
    db
      .prepare(
        `UPDATE bookings SET status = ?2, cancel_reason = ?3, updated_at = ?4,
           sequence = sequence + ?5
         WHERE id = ?1 AND status = 'confirmed' AND sequence = ?6`,
      )
      .bind(b.id, status, reason, at, status === 'cancelled' ? 1 : 0, b.sequence),
    // Frees the cells only when this cancellation applied.
    ...(status === 'cancelled'
      ? [
          db
            .prepare(
              `DELETE FROM booking_cells WHERE booking_id = ?1
                 AND EXISTS (SELECT 1 FROM bookings WHERE id = ?1 AND status = 'cancelled' AND sequence = ?2)`,
            )
            .bind(b.id, b.sequence + 1),
        ]
      : []),
  ]
}

/**
 * Moves a confirmed booking to a new time with a new management token, in one batch: the row
 * (guarded by its sequence; sequence + 1, so the old token stops working), then, only when that
 * update applied (the row now has the new token), its old cells are freed and the new claimed.
 */
export function rescheduleStatements(
  db: D1Database,
  b: BookingRow,
  next: {
    start: number
    end: number
    repDay: string
    tokenHash: string
    visitorTz: string
    cells: number[]
  },
  at: string,
): [D1PreparedStatement, ...D1PreparedStatement[]] {
  const applied = 'EXISTS (SELECT 1 FROM bookings WHERE id = ?1 AND token_hash = ?2)'
  return [
    db
      .prepare(
        `UPDATE bookings SET start_at = ?2, end_at = ?3, rep_day = ?4, token_hash = ?5, visitor_tz = ?6,
           sequence = sequence + 1, updated_at = ?7,
           day_seq = (SELECT count(*) + 1 FROM bookings o
                       WHERE o.site_id = bookings.site_id AND o.rep_id = bookings.rep_id AND o.rep_day = ?4
                         AND o.status = 'confirmed' AND o.id <> bookings.id)
         WHERE id = ?1 AND status = 'confirmed' AND sequence = ?8`,
      )
      .bind(
        b.id,
        new Date(next.start).toISOString(),
        new Date(next.end).toISOString(),
        next.repDay,
        next.tokenHash,
        next.visitorTz,
        at,
        b.sequence,
      ),
    db
      .prepare(`DELETE FROM booking_cells WHERE booking_id = ?1 AND ${applied}`)
      .bind(b.id, next.tokenHash),
    db
      .prepare(
        `INSERT INTO booking_cells (rep_id, cell, booking_id)
         SELECT ?3, value, ?1 FROM json_each(?4) WHERE ${applied}`,
      )
      .bind(b.id, next.tokenHash, b.rep_id, JSON.stringify(next.cells)),
  ]
}

export async function listBookings(
  db: D1Database,
  siteId: string,
  q: {
    lead?: string
    from?: string
    to?: string
    rep?: string
    status?: Booking['status']
    limit: number
  },
): Promise<Booking[]> {
  const where = ['site_id = ?1']
  const p = params(siteId)
  if (q.lead) where.push(`lead_id = ${p.add(q.lead)}`)
  if (q.from) where.push(`start_at >= ${p.add(q.from)}`)
  if (q.to) where.push(`start_at < ${p.add(q.to)}`)
  if (q.rep) where.push(`rep_id = ${p.add(q.rep)}`)
  if (q.status) where.push(`status = ${p.add(q.status)}`)
  const { results } = await db
    .prepare(
      `SELECT ${BOOKING_COLUMNS} FROM bookings WHERE ${where.join(' AND ')}
        ORDER BY start_at, id LIMIT ${p.add(q.limit)}`,
    )
    .bind(...p.values)
    .all<BookingRow>()
  return results.map(bookingFromRow)
}

/** A rep's bookings for their calendar feed, with who each is with: from `since`, at most 500. */
export async function feedBookings(db: D1Database, siteId: string, repId: string, since: string) {
  const { results } = await db
    .prepare(
      `SELECT b.id, b.site_id, b.lead_id, b.rep_id, b.type, b.start_at, b.end_at, b.visitor_tz, b.status,
              b.sequence, b.max_per_day, b.note, b.page_url, b.created_at, b.updated_at,
              c.name AS contact_name, c.email AS contact_email, c.phone AS contact_phone
         FROM bookings b
         JOIN leads l ON l.id = b.lead_id AND l.site_id = b.site_id
         JOIN contacts c ON c.id = l.contact_id AND c.site_id = b.site_id
        WHERE b.site_id = ?1 AND b.rep_id = ?2 AND b.start_at >= ?3
        ORDER BY b.start_at LIMIT 500`,
    )
    .bind(siteId, repId, since)
    .all<
      BookingRow & {
        contact_name: string | null
        contact_email: string | null
        contact_phone: string | null
      }
    >()
  return results
}

export const insertFeedStatement = (
  db: D1Database,
  f: { id: string; siteId: string; userId: string; tokenHash: string; at: string },
) =>
  db
    .prepare(
      'INSERT INTO calendar_feeds (id, site_id, user_id, token_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)',
    )
    .bind(f.id, f.siteId, f.userId, f.tokenHash, f.at)

/** The live calendar feeds of one person, newest first. */
export async function liveFeeds(db: D1Database, siteId: string, userId: string) {
  const { results } = await db
    .prepare(
      `SELECT id, created_at FROM calendar_feeds
        WHERE site_id = ?1 AND user_id = ?2 AND revoked_at IS NULL
        ORDER BY created_at DESC, id DESC LIMIT 100`,
    )
    .bind(siteId, userId)
    .all<{ id: string; created_at: string }>()
  return results.map((r) => ({ id: r.id, createdAt: r.created_at }))
}

export const revokeFeedStatement = (
  db: D1Database,
  siteId: string,
  userId: string,
  id: string,
  at: string,
) =>
  db
    .prepare(
      `UPDATE calendar_feeds SET revoked_at = ?4
        WHERE site_id = ?1 AND user_id = ?2 AND id = ?3 AND revoked_at IS NULL`,
    )
    .bind(siteId, userId, id, at)

export const getFeedByToken = (db: D1Database, tokenHash: string) =>
  db
    .prepare(
      `SELECT f.site_id, f.user_id, u.name, u.email FROM calendar_feeds f JOIN users u ON u.id = f.user_id
        WHERE f.token_hash = ?1 AND f.revoked_at IS NULL`,
    )
    .bind(tokenHash)
    .first<{ site_id: string; user_id: string; name: string; email: string }>()
