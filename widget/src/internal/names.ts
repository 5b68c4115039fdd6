/**
 * Month and weekday names as `Intl` writes them in tr-TR and en-GB (the booking's dates.test.ts
 * compares), Monday first: the booking and the quote write dates without building a formatter,
 * because a page's first `Intl` formatter of any kind loads ICU's data in one long task.
 */
import type { Locale } from '../../../contract'

const words = (s: string) => s.split(' ')

export const NAMES: Record<Locale, { months: string[]; long: string[]; short: string[] }> = {
  tr: {
    months: words('Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık'),
    long: words('Pazartesi Salı Çarşamba Perşembe Cuma Cumartesi Pazar'),
    short: words('Pzt Sal Çar Per Cum Cmt Paz'),
  },
  en: {
    months: words(
      'January February March April May June July August September October November December',
    ),
    long: words('Monday Tuesday Wednesday Thursday Friday Saturday Sunday'),
    short: words('Mon Tue Wed Thu Fri Sat Sun'),
  },
}

/** "8 Aralık 2026" / "8 December 2026": a date's UTC day (`dateStyle: 'long'`). */
export const longDate = (date: Date, locale: Locale): string =>
  `${date.getUTCDate()} ${NAMES[locale].months[date.getUTCMonth()]} ${date.getUTCFullYear()}`

/** Two digits: "09". */
export const pad = (n: number): string => String(n).padStart(2, '0')
