/**
 * Numbers, money and dates of a quote through `Intl`, from the exact integers the server sends:
 * money in minor units, quantities in thousandths, rates in basis points. Values are handed to
 * `Intl.NumberFormat` as decimal strings, so no amount passes through a binary float.
 */
import type { Discount, Locale } from '../../../../contract'

const TAGS: Record<Locale, string> = { tr: 'tr-TR', en: 'en-GB' }
export const tag = (locale: Locale): string => TAGS[locale]

/** `123456, 2` → `'1234.56'`; `-5, 2` → `'-0.05'`. Exact for any safe integer. */
export function decimal(units: number, digits: number): string {
  const sign = units < 0 ? '-' : ''
  const s = String(Math.abs(Math.trunc(units))).padStart(digits + 1, '0')
  return digits ? `${sign}${s.slice(0, -digits)}.${s.slice(-digits)}` : sign + s
}

// `format` takes decimal strings exactly (Intl.NumberFormat v3); the lib typings lag behind.
type Fmt = { format(value: string | number): string }

/**
 * Formatters are built once per language and options: a quote writes dozens of amounts, and each
 * new formatter costs (the page's first one loads ICU's locale data, a long task on a slow phone).
 */
const numbers = new Map<string, Intl.NumberFormat>()
const dates = new Map<string, Intl.DateTimeFormat>()
function nf(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat & Fmt {
  const key = locale + JSON.stringify(options)
  let f = numbers.get(key)
  if (!f) numbers.set(key, (f = new Intl.NumberFormat(tag(locale), options)))
  return f as Intl.NumberFormat & Fmt
}
function df(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options)
  let f = dates.get(key)
  if (!f) dates.set(key, (f = new Intl.DateTimeFormat(tag(locale), options)))
  return f
}

/**
 * Formats minor units in the currency's own number of digits (TRY and EUR 2, JPY 0, KWD 3).
 * @example money(123456, 'TRY', 'tr') // '₺1.234,56'
 */
export function money(minor: number, currency: string, locale: Locale): string {
  const f = nf(locale, { style: 'currency', currency })
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2
  return f.format(decimal(minor, digits))
}

/** `2500` thousandths → `'2,5'` (tr) / `'2.5'` (en). */
export const quantity = (milli: number, locale: Locale): string =>
  nf(locale, { maximumFractionDigits: 3 }).format(decimal(milli, 3))

/** `2000` basis points → `'%20'` (tr) / `'20%'` (en). */
export const percent = (bps: number, locale: Locale): string =>
  nf(locale, { style: 'percent', maximumFractionDigits: 2 }).format(decimal(bps, 4))

export const discountText = (d: Discount | undefined, currency: string, locale: Locale) =>
  !d ? '—' : d.kind === 'percent' ? percent(d.bps, locale) : money(d.minor, currency, locale)

/** A calendar date (`2026-12-31`) as the day itself, whatever the visitor's zone. */
export const day = (iso: string, locale: Locale): string =>
  df(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(iso.slice(0, 10) + 'T00:00:00Z'),
  )

/** An instant in the visitor's own zone, with the time. */
export const instant = (iso: string, locale: Locale): string =>
  df(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso))

/** Resolves in a task of its own (a message: a background tab's timers wait a second or more). */
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(0)
  })

const warming = new Map<Locale, Promise<void>>()
/**
 * Builds `locale`'s number and date formats in tasks of their own: call it while the quote is on
 * its way, so the page's first formatter is not built in the task that draws the quote. Once per
 * language.
 */
export function warmFormats(locale: Locale): Promise<void> {
  let done = warming.get(locale)
  if (!done) {
    done = nextTask()
      .then(() => quantity(0, locale))
      .then(nextTask)
      .then(() => day('2026-01-01', locale))
      .then(nextTask)
    warming.set(locale, done)
  }
  return done
}
