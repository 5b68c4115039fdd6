/** Numbers of the analytics screen the way the locale writes them (Intl only, no words of ours). */
import type { Locale } from '../../../contract'

/** A count: `1.234` in Turkish, `1,234` in English. */
export const formatCount = (locale: Locale, n: number): string =>
  new Intl.NumberFormat(locale).format(n)

/** A ratio 0..1 as a whole percentage (`%48`, `48%`); `—` when there is none. */
export const formatPercent = (locale: Locale, ratio: number | null): string =>
  ratio === null
    ? '—'
    : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio)

const unit = (locale: Locale, value: number, name: 'minute' | 'hour' | 'day') =>
  new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: name,
    unitDisplay: 'long',
    maximumFractionDigits: 1,
  }).format(value)

/**
 * A duration given in hours, in the unit a person would use: minutes under an hour, hours under
 * two days, days after that.
 * @example formatHours('tr', 100) // '4,2 gün'
 */
export function formatHours(locale: Locale, hours: number): string {
  if (hours < 1) return unit(locale, Math.round(hours * 60), 'minute')
  if (hours < 48) return unit(locale, hours, 'hour')
  return unit(locale, hours / 24, 'day')
}

/** A `YYYY-MM` month as `Mayıs 2026` / `May 2026`. */
export const formatMonth = (locale: Locale, month: string): string =>
  new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  )

/** A `YYYY-MM-DD` day as `1 Mart 2026` / `March 1, 2026`. */
export const formatDay = (locale: Locale, day: string): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  )
