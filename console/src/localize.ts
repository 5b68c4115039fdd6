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

/** Money in minor units, in the lead's own currency, the way the locale writes it. */
export function formatMoney(locale: Locale, minor: number, currency: string): string {
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      maximumFractionDigits: 0,
    }).format(minor / 100)
  } catch {
    return `${new Intl.NumberFormat(locale).format(minor / 100)} ${currency}`
  }
}
