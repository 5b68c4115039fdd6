/** The e-mail that tells a store's owners an endpoint was disabled (pure; tr and en). */
import type { Locale } from '../../../contract'
import type { EmailPayload } from '../db/outbox'

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const TEXT = {
  tr: {
    subject: 'Webhook devre dışı bırakıldı',
    body: (url: string, n: number) =>
      `${url} adresindeki webhook üst üste ${n} kez 410 Gone yanıtı verdiği için devre dışı ` +
      'bırakıldı. Bu adrese artık bildirim gönderilmiyor. Adres hâlâ kullanılıyorsa yönetim ' +
      'panelinden webhook’u yeniden etkinleştirin.',
  },
  en: {
    subject: 'Webhook disabled',
    body: (url: string, n: number) =>
      `The webhook at ${url} answered 410 Gone ${n} times in a row, so it was disabled and no ` +
      'more events are sent to it. If the address is still in use, enable the webhook again ' +
      'in the admin.',
  },
} as const

export function webhookDisabledEmail(locale: Locale, url: string, goneLimit: number): EmailPayload {
  const t = TEXT[locale] ?? TEXT.tr
  const text = t.body(url, goneLimit)
  return { locale, subject: t.subject, text, html: `<p>${escapeHtml(text)}</p>` }
}
