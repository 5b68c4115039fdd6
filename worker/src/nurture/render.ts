/**
 * A template as a message to one person: the values its variables take, and the commercial
 * message it renders to (with the unsubscribe footer or opt-out line). Pure.
 */
import type { Locale, Template } from '../../../contract'
import type { EmailPayload, SmsPayload } from '../delivery/types'
import { WORKER_TEXTS } from '../i18n/messages'
import { renderEmail, renderSms, type TemplateValues } from './templates'

/**
 * The values a template's variables take for a lead. `rep` is the lead's owner, else the store;
 * `bookingLink` is the page the lead books on (booking/links.ts `bookingLink`).
 *
 * @example
 * messageValues(recipient, 'Kaya Tekstil', 'https://…/b/pk_…?lead=ld_…', 'https://…/u/ms_…').firstName // 'Zeynep'
 */
export function messageValues(
  r: {
    name: string | null
    company: string | null
    ownerName: string | null
    quoteLink: string | null
  },
  store: string,
  bookingLink: string,
  unsubscribeLink: string,
): TemplateValues {
  const name = r.name?.trim() ?? ''
  return {
    name,
    firstName: name.split(/\s+/)[0] ?? '',
    company: r.company ?? '',
    rep: r.ownerName ?? store,
    store,
    bookingLink,
    quoteLink: r.quoteLink ?? '',
    unsubscribeLink,
  }
}

/**
 * A template rendered as a commercial message: an e-mail gets the store's unsubscribe footer,
 * an SMS ends with the opt-out line (both in the message's locale).
 */
export function renderCommercial(
  t: Template,
  locale: Locale,
  values: TemplateValues,
  store: string,
): { channel: 'email'; payload: EmailPayload } | { channel: 'sms'; payload: SmsPayload } {
  const link = values.unsubscribeLink ?? ''
  const texts = WORKER_TEXTS[locale]
  if (t.channel === 'email') {
    const footer = { text: texts.emailFooter(store), url: link }
    return { channel: 'email', payload: { locale, ...renderEmail(t, locale, values, footer) } }
  }
  return {
    channel: 'sms',
    payload: { locale, text: `${renderSms(t, locale, values)}\n${texts.smsOptOut(link)}` },
  }
}
