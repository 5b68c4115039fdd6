/**
 * The wordings a store's consent settings show, one per kind and language, as `consent_texts`
 * keeps them: the information notice (aydınlatma metni, with its address) and the commercial
 * electronic message opt-in. Pure: no D1.
 */
import type { ConsentConfig, Locale } from '../../../contract'

export interface ConsentWording {
  kind: 'notice' | 'marketing'
  language: Locale
  text: string
  noticeUrl: string | null
}

const LANGUAGES = ['tr', 'en'] as const

/**
 * The wordings of one consent version: the opt-in in both languages, and the notice in both
 * when the store shows one (a link alone is kept as a notice without words).
 *
 * @example consentWordings(settings.consent).map((w) => `${w.kind}/${w.language}`)
 * // ['marketing/tr', 'marketing/en', 'notice/tr', 'notice/en']
 */
export function consentWordings(consent: ConsentConfig): ConsentWording[] {
  const { notice, noticeUrl } = consent
  return [
    ...LANGUAGES.map((language) => ({
      kind: 'marketing' as const,
      language,
      text: consent.text[language],
      noticeUrl: null,
    })),
    ...(notice || noticeUrl
      ? LANGUAGES.map((language) => ({
          kind: 'notice' as const,
          language,
          text: notice?.[language] ?? '',
          noticeUrl: noticeUrl ?? null,
        }))
      : []),
  ]
}

const key = (w: ConsentWording) => `${w.kind}/${w.language}`
const same = (a: ConsentWording, b: ConsentWording) =>
  a.text === b.text && a.noticeUrl === b.noticeUrl

/**
 * A version names one wording for ever: the issue when `next` reuses a version the store kept
 * with other words (a saved wording cannot change, so the new one needs its own version).
 */
export function reusedVersionIssue(stored: ConsentWording[], next: ConsentConfig) {
  if (stored.length === 0) return null
  const wanted = new Map(consentWordings(next).map((w) => [key(w), w]))
  const kept = new Map(stored.map((w) => [key(w), w]))
  const differs =
    wanted.size !== kept.size ||
    [...wanted].some(([k, w]) => {
      const old = kept.get(k)
      return !old || !same(old, w)
    })
  return differs
    ? {
        path: 'settings.consent.version',
        message:
          'this version was used for another wording, which is kept as it was: give the new wording a new version',
      }
    : null
}
