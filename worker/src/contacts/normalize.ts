/** Normalising what visitors type so one person is one contact per store. */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min'

/** Trims and lower-cases an e-mail address; empty becomes null. */
export function normalizeEmail(email: string | undefined | null): string | null {
  const e = email?.trim().toLowerCase() ?? ''
  return e === '' ? null : e
}

/**
 * Turns a phone number into E.164 (`+905321234567`), reading numbers without a country code in
 * the store's region. Returns `{ ok: false }` for numbers that cannot be valid.
 * @example normalizePhone('0532 123 45 67', 'TR') // { ok: true, value: '+905321234567' }
 */
export function normalizePhone(
  phone: string | undefined | null,
  region: string,
): { ok: true; value: string | null } | { ok: false } {
  const p = phone?.trim() ?? ''
  if (p === '') return { ok: true, value: null }
  const parsed = parsePhoneNumberFromString(p, region as CountryCode)
  if (!parsed || !parsed.isValid()) return { ok: false }
  return { ok: true, value: parsed.number }
}
