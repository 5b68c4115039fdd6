/** The e-mail that tells a store's owners an endpoint was disabled (pure; tr and en). */
import type { Locale } from '../../../contract'
import type { EmailPayload } from './types'
import { WORKER_TEXTS, plainText } from '../i18n/messages'

export function webhookDisabledEmail(locale: Locale, url: string, goneLimit: number): EmailPayload {
  const t = WORKER_TEXTS[locale].webhookDisabled
  const html = t.body({ url, times: goneLimit })
  return { locale, subject: t.subject, html, text: plainText(html) }
}
