/** Picks the visitor's language and its strings. Turkish is the default (the first stores are Turkish). */
import type { Locale } from '../../../contract'
import { en } from '../i18n/en'
import { tr, type Messages } from '../i18n/tr'

const MESSAGES: Record<Locale, Messages> = { tr, en }

/** `'en-GB'` → `'en'`; anything we do not speak → undefined. */
export function toLocale(tag: string | null | undefined): Locale | undefined {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0]
  return base === 'tr' || base === 'en' ? base : undefined
}

/**
 * The element's own `lang`, else the page's `<html lang>`, else the store's configured locale,
 * else Turkish.
 */
export function resolveLocale(own: string | null | undefined, storeLocale?: Locale): Locale {
  return toLocale(own) ?? toLocale(document.documentElement.lang) ?? storeLocale ?? 'tr'
}

export const messages = (locale: Locale): Messages => MESSAGES[locale]
