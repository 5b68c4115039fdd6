/**
 * What the console keeps for the browser tab: the admin key and the chosen language. Both live in
 * `sessionStorage`, so they end with the tab and are never shared with other tabs or sent
 * anywhere but the `Authorization` header of our own API.
 */
import type { Locale } from '../../contract'

export const KEY_STORAGE = 'leadline:console:key'
export const LOCALE_STORAGE = 'leadline:console:locale'

export const readKey = (): string | null => sessionStorage.getItem(KEY_STORAGE)
export const storeKey = (key: string): void => sessionStorage.setItem(KEY_STORAGE, key)
export const clearKey = (): void => sessionStorage.removeItem(KEY_STORAGE)

/** Turkish unless English was chosen earlier in this tab. */
export const readLocale = (): Locale =>
  sessionStorage.getItem(LOCALE_STORAGE) === 'en' ? 'en' : 'tr'
export const storeLocale = (locale: Locale): void => sessionStorage.setItem(LOCALE_STORAGE, locale)
