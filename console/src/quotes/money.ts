/**
 * Numbers as people type and read them in the console's languages, held as exact integers:
 * money in minor units, quantities in thousandths, percents in basis points. Parsing never
 * guesses: `12.5` in Turkish (where `.` groups thousands) is refused, not read as 125.
 */
import type { Locale } from '../../../contract'

const SEPARATORS: Record<Locale, { group: string; decimal: string }> = {
  tr: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
}

/**
 * A non-negative decimal typed in `locale`, scaled by 10^`digits` to an exact integer; null for
 * anything else (letters, a minus, misplaced group separators, more decimals than `digits`).
 *
 * @example
 * parseScaled('tr', '1.234,56', 2) // 123456
 * parseScaled('en', '1,234.56', 2) // 123456
 * parseScaled('tr', '2,5', 3) // 2500
 * parseScaled('tr', '12.5', 2) // null
 */
export function parseScaled(locale: Locale, text: string, digits: number): number | null {
  const { group, decimal } = SEPARATORS[locale]
  const typed = text.replace(/[\s\u00a0\u202f]/g, '')
  const [whole = '', fraction = '', ...rest] = typed.split(decimal)
  if (rest.length > 0 || (whole === '' && fraction === '')) return null
  const groups = whole.split(group)
  const grouped = groups.length > 1
  const wellGrouped = groups.every((g, i) =>
    i === 0 ? /^\d{1,3}$/.test(g) || (!grouped && /^\d*$/.test(g)) : /^\d{3}$/.test(g),
  )
  if (!wellGrouped || !/^\d*$/.test(fraction) || fraction.length > digits) return null
  const value = Number(groups.join('') + fraction.padEnd(digits, '0'))
  return Number.isSafeInteger(value) ? value : null
}

/**
 * An integer scaled by 10^`digits` written for `locale`, with at least `minDigits` decimals:
 * what an input shows for a stored value, and what `parseScaled` reads back.
 *
 * @example
 * formatScaled('tr', 123456, 2, 2) // '1.234,56'
 * formatScaled('en', 2500, 3, 0) // '2.5'
 */
export function formatScaled(locale: Locale, value: number, digits: number, minDigits: number) {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: minDigits,
    maximumFractionDigits: digits,
  }).format(value / 10 ** digits)
}

/** A tax or discount rate in basis points as a percent (`2000` → `%20` / `20%`). */
export const formatRate = (locale: Locale, bps: number): string =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(bps / 10_000)
