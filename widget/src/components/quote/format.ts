/**
 * Numbers, money and dates of a quote, from the exact integers the server sends: money in minor
 * units, quantities in thousandths, rates in basis points, written from decimal strings so no
 * amount passes through a binary float.
 *
 * A page's first `Intl` formatter of any kind loads ICU's data, one task of ~150 ms with the CPU
 * slowed 4× (`npm run bench:render`). So what a Turkish store's quote shows is written here
 * without `Intl`, exactly as `Intl` writes it in tr-TR and en-GB (format.test.ts compares):
 * grouped numbers, percentages, TRY, USD, EUR and GBP, dates and the visitor's local times. Any
 * other currency goes through a cached `Intl.NumberFormat`.
 */
import type { Discount, Locale } from '../../../../contract'
import { longDate, NAMES, pad } from '../../internal/names'

const TAGS: Record<Locale, string> = { tr: 'tr-TR', en: 'en-GB' }
export const tag = (locale: Locale): string => TAGS[locale]

/** `123456, 2` → `'1234.56'`; `-5, 2` → `'-0.05'`. Exact for any safe integer. */
export function decimal(units: number, digits: number): string {
  const sign = units < 0 ? '-' : ''
  const s = String(Math.abs(Math.trunc(units))).padStart(digits + 1, '0')
  return digits ? `${sign}${s.slice(0, -digits)}.${s.slice(-digits)}` : sign + s
}

/** Grouping and decimal separators. */
const SEPARATORS: Record<Locale, [string, string]> = { tr: ['.', ','], en: [',', '.'] }

/** `'-1234567.50'` → `'-1.234.567,50'` (tr) / `'-1,234,567.50'` (en): digits as they are. */
function grouped(value: string, locale: Locale, prefix = ''): string {
  const [group, point] = SEPARATORS[locale]
  const negative = value.startsWith('-')
  const [int = '', frac] = (negative ? value.slice(1) : value).split('.')
  const digits = int.replace(/\B(?=(\d{3})+$)/g, group) + (frac ? point + frac : '')
  return (negative ? '-' : '') + prefix + digits
}

/** `'2.500'` → `'2.5'`, `'2.000'` → `'2'`: what `maximumFractionDigits` leaves. */
const trimmed = (value: string): string =>
  value.includes('.') ? value.replace(/\.?0+$/, '') : value

/** Currency signs in each language, as `Intl` writes them before the amount. */
const SIGNS: Record<Locale, Record<string, string>> = {
  tr: { TRY: '₺', USD: '$', EUR: '€', GBP: '£' },
  en: { TRY: 'TRY\u00a0', USD: 'US$', EUR: '€', GBP: '£' },
}

/** Other currencies' formatters, built once per language and currency. */
const others = new Map<string, Intl.NumberFormat>()

/**
 * Formats minor units in the currency's own number of digits (TRY and EUR 2, JPY 0, KWD 3).
 * @example money(123456, 'TRY', 'tr') // '₺1.234,56'
 */
export function money(minor: number, currency: string, locale: Locale): string {
  const sign = SIGNS[locale][currency]
  if (sign !== undefined) return grouped(decimal(minor, 2), locale, sign)
  const key = locale + currency
  let f = others.get(key)
  if (!f) others.set(key, (f = new Intl.NumberFormat(tag(locale), { style: 'currency', currency })))
  // `format` takes decimal strings exactly (Intl.NumberFormat v3); the lib typings lag behind.
  return (f as unknown as { format(value: string): string }).format(
    decimal(minor, f.resolvedOptions().maximumFractionDigits ?? 2),
  )
}

/** `2500` thousandths → `'2,5'` (tr) / `'2.5'` (en). */
export const quantity = (milli: number, locale: Locale): string =>
  grouped(trimmed(decimal(milli, 3)), locale)

/** `2000` basis points → `'%20'` (tr) / `'20%'` (en). */
export function percent(bps: number, locale: Locale): string {
  const value = grouped(trimmed(decimal(bps, 2)), locale)
  if (locale === 'en') return value + '%'
  return value.startsWith('-') ? '-%' + value.slice(1) : '%' + value
}

export const discountText = (d: Discount | undefined, currency: string, locale: Locale) =>
  !d ? '—' : d.kind === 'percent' ? percent(d.bps, locale) : money(d.minor, currency, locale)

/** A calendar date (`2026-12-31`) as the day itself, whatever the visitor's zone. */
export const day = (iso: string, locale: Locale): string =>
  longDate(new Date(iso.slice(0, 10) + 'T00:00:00Z'), locale)

/** An instant in the visitor's own zone, with the time: "31 Aralık 2026 14:30". */
export function instant(iso: string, locale: Locale): string {
  const d = new Date(iso)
  const date = `${d.getDate()} ${NAMES[locale].months[d.getMonth()]} ${d.getFullYear()}`
  return `${date}${locale === 'en' ? ' at' : ''} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}
