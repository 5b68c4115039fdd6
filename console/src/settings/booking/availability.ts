/** Pure pieces of the availability editor: a rep's starting rules and the zones to pick from. */
import type { Availability } from '../../../../contract'

/** What a rep without availability starts from: weekdays 09:00–17:00 in the store's zone. */
export function defaultAvailability(timeZone = 'Europe/Istanbul'): Availability {
  const day = () => [{ start: '09:00', end: '17:00' }]
  return {
    timeZone,
    weekly: {
      mon: day(),
      tue: day(),
      wed: day(),
      thu: day(),
      fri: day(),
      sat: [],
      sun: [],
    },
    overrides: [],
    bufferBeforeMin: 0,
    bufferAfterMin: 0,
    minNoticeMin: 240,
    maxDaysAhead: 60,
    maxPerDay: 8,
  }
}

/** The IANA zones this browser knows, for the zone field's suggestions. */
export function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] }
  return intl.supportedValuesOf?.('timeZone') ?? ['Europe/Istanbul', 'UTC']
}

/** The range added after the last one of a day: an hour after it ends, else 09:00–17:00. */
export function nextRange(ranges: readonly { start: string; end: string }[]) {
  const last = ranges[ranges.length - 1]
  if (!last) return { start: '09:00', end: '17:00' }
  const [h, m] = last.end.split(':').map(Number) as [number, number]
  const start = Math.min(h + 1, 22)
  const pad = (n: number) => String(n).padStart(2, '0')
  return { start: `${pad(start)}:${pad(m)}`, end: `${pad(start + 1)}:${pad(m)}` }
}
