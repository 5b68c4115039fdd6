/**
 * Which rep takes a booking, and the time cells a booking claims. Pure: the caller passes the
 * reps free at the slot and how many meetings each had lately.
 */
import type { Availability, BookingSettings } from '../../../contract'

/** Bookings claim time in cells of this many minutes; all times are on a 5-minute grid. */
export const CELL_MIN = 5
const CELL_MS = CELL_MIN * 60_000

/**
 * The cells of a meeting's buffered time `[start - before, end + after)`. Two meetings of one
 * rep whose buffered times overlap share a cell, which the database refuses to give twice.
 */
export function cellsOf(start: number, end: number, a: Availability): number[] {
  const from = Math.floor((start - a.bufferBeforeMin * 60_000) / CELL_MS)
  const to = Math.ceil((end + a.bufferAfterMin * 60_000) / CELL_MS)
  return Array.from({ length: to - from }, (_, i) => from + i)
}

export interface RepLoad {
  /** Confirmed meetings booked with the rep in the fairness window. */
  recent: number
  /** When the rep was last given a booking (ISO), or null. */
  lastAssignedAt: string | null
}

/**
 * The reps to try, in order, for a slot that `free` reps can take: with `owner_first` the lead's
 * owner when free, then the others round-robin; `round_robin` the least loaded first (fewest
 * recent meetings, then the longest since their last one, then by id, so it is fair over time
 * and deterministic); `fixed` only the fixed rep.
 */
export function assignmentOrder(
  settings: BookingSettings,
  free: string[],
  load: Map<string, RepLoad>,
  leadOwnerId: string | null,
): string[] {
  if (settings.assignment === 'fixed') return free.filter((id) => id === settings.fixedRep)
  const byLoad = [...free].sort((x, y) => {
    const a = load.get(x) ?? { recent: 0, lastAssignedAt: null }
    const b = load.get(y) ?? { recent: 0, lastAssignedAt: null }
    if (a.recent !== b.recent) return a.recent - b.recent
    const at = a.lastAssignedAt ?? ''
    const bt = b.lastAssignedAt ?? ''
    if (at !== bt) return at < bt ? -1 : 1
    return x < y ? -1 : 1
  })
  if (settings.assignment === 'owner_first' && leadOwnerId && free.includes(leadOwnerId)) {
    return [leadOwnerId, ...byLoad.filter((id) => id !== leadOwnerId)]
  }
  return byLoad
}
