/** The console's languages: Turkish by default, English on request; failures in plain words. */
import type { Locale } from '../../contract'
import type { ApiFailure } from './api'
import { en } from './i18n/en'
import { tr, type Messages } from './i18n/tr'

const MESSAGES: Record<Locale, Messages> = { tr, en }

export const messages = (locale: Locale): Messages => MESSAGES[locale]

/** A failed call as a sentence the user can act on. */
export function explain(m: Messages, failure: Pick<ApiFailure, 'code' | 'status'>): string {
  const e = m.errors
  switch (failure.code) {
    case 'network':
      return e.network
    case 'unauthorized':
      return e.unauthorized
    case 'forbidden':
      return e.forbidden
    case 'not_found':
      return e.not_found
    case 'validation_failed':
    case 'bad_request':
    case 'invalid_json':
      return e.validation_failed
    case 'rate_limited':
      return e.rate_limited
    case 'unavailable':
      return e.unavailable
    default:
      return failure.status === 401 ? e.unauthorized : e.other
  }
}

/** How many minor units a currency has (2 for TRY and EUR, 0 for JPY, 3 for KWD). */
export function currencyDigits(currency: string): number {
  try {
    const options = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    return options.maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

/**
 * Money in minor units, in its own currency, the way the locale writes it: in whole units for
 * overviews, or `exact` to the last minor unit (quotes and invoices).
 */
export function formatMoney(
  locale: Locale,
  minor: number,
  currency: string,
  { exact = false } = {},
): string {
  const digits = currencyDigits(currency)
  const fraction = exact
    ? { minimumFractionDigits: digits, maximumFractionDigits: digits }
    : { maximumFractionDigits: 0 }
  const amount = minor / 10 ** digits
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, ...fraction }).format(
      amount,
    )
  } catch {
    return `${new Intl.NumberFormat(locale, fraction).format(amount)} ${currency}`
  }
}

/** A time from the API (UTC) as a date in the browser's zone. */
export const formatDate = (locale: Locale, iso: string): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso))

/** A time from the API (UTC) as date and time in the browser's zone. */
export const formatDateTime = (locale: Locale, iso: string): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))

/**
 * A calendar date (`YYYY-MM-DD`: an expected close, a validity or due date) read in UTC, so it is
 * the same day in every zone.
 */
export const formatDay = (locale: Locale, day: string): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day.slice(0, 10)}T00:00:00Z`),
  )
