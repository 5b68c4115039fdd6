/**
 * What the worker itself writes to people, in Turkish and English: the opt-out lines of
 * commercial messages, the messages it sends on its own (booking confirmations and reminders,
 * quote links, notices to owners) and the unsubscribe page. Typed: a missing key is an error.
 * E-mail bodies are HTML: they escape every value they are given.
 */
import type { Locale } from '../../../contract'
import { escapeHtml } from '../lib/html'

export interface WorkerTexts {
  /** The footer of every commercial e-mail. */
  emailFooter: (store: string) => string
  /** The last line of every commercial SMS. */
  smsOptOut: (url: string) => string
  bookingConfirmed: {
    subject: (store: string) => string
    body: (p: { name: string; when: string; manageUrl: string; store: string }) => string
  }
  bookingReminder: {
    subject: (when: string) => string
    body: (p: { name: string; when: string; manageUrl: string; store: string }) => string
    sms: (p: { when: string; store: string; manageUrl: string }) => string
  }
  bookingCancelled: {
    subject: (store: string) => string
    body: (p: { name: string; when: string; store: string }) => string
  }
  quoteSent: {
    subject: (p: { store: string; title: string }) => string
    body: (p: { name: string; title: string; url: string; store: string; rep: string }) => string
  }
  webhookDisabled: {
    subject: string
    /** `times`: how many 410 Gone answers in a row disabled it. */
    body: (p: { url: string; times: number }) => string
  }
  /** The quote page this worker hosts (`/q/:token`). */
  quotePage: {
    title: (store: string) => string
    unknown: string
    noScript: string
  }
  /** The booking page this worker hosts (`/b/:siteKey`). */
  bookingPage: {
    title: (store: string) => string
    /** A store that does not exist (any more). */
    unknown: string
    /** A management link that is not valid, or no longer (a moved booking gets a new one). */
    unknownBooking: string
    noScript: string
  }
  unsubscribe: {
    title: string
    question: (channel: 'email' | 'sms', store: string) => string
    confirm: string
    done: (channel: 'email' | 'sms', store: string) => string
    unknown: string
  }
}

const channelTr = { email: 'e-posta', sms: 'SMS' }
const channelEn = { email: 'e-mail', sms: 'text message' }

const tr: WorkerTexts = {
  emailFooter: (store) =>
    `Bu iletiyi ${store} gönderdi. Artık almak istemiyorsanız aboneliğinizi tek tıkla sonlandırın:`,
  smsOptOut: (url) => `İptal: ${url}`,
  bookingConfirmed: {
    subject: (store) => `${store} ile görüşmeniz onaylandı`,
    body: ({ name, when, manageUrl, store }) =>
      `<p>Merhaba ${escapeHtml(name)},</p><p>${escapeHtml(store)} ile görüşmeniz <b>${escapeHtml(when)}</b> için onaylandı. Takvim davetiyesi ektedir.</p>` +
      `<p>Saati değiştirmek veya iptal etmek için: <a href="${escapeHtml(manageUrl)}">${escapeHtml(manageUrl)}</a></p>`,
  },
  bookingReminder: {
    subject: (when) => `Hatırlatma: görüşmeniz ${when}`,
    body: ({ name, when, manageUrl, store }) =>
      `<p>Merhaba ${escapeHtml(name)},</p><p>${escapeHtml(store)} ile görüşmeniz <b>${escapeHtml(when)}</b>.</p>` +
      `<p>Saati değiştirmek veya iptal etmek için: <a href="${escapeHtml(manageUrl)}">${escapeHtml(manageUrl)}</a></p>`,
    sms: ({ when, store, manageUrl }) =>
      `${store}: görüşmeniz ${when}. Değiştirmek/iptal için: ${manageUrl}`,
  },
  bookingCancelled: {
    subject: (store) => `${store} ile görüşmeniz iptal edildi`,
    body: ({ name, when, store }) =>
      `<p>Merhaba ${escapeHtml(name)},</p><p>${escapeHtml(store)} ile <b>${escapeHtml(when)}</b> tarihindeki görüşmeniz iptal edildi.</p>`,
  },
  quoteSent: {
    subject: ({ store, title }) => `${store}: ${title}`,
    body: ({ name, title, url, store, rep }) =>
      `<p>Merhaba ${escapeHtml(name)},</p><p>${escapeHtml(store)} size özel bir teklif hazırladı: <b>${escapeHtml(title)}</b>.</p>` +
      `<p><a href="${escapeHtml(url)}">Teklifi görüntüleyin</a></p><p>Saygılarımızla,<br>${escapeHtml(rep)}</p>`,
  },
  webhookDisabled: {
    subject: 'Leadline: bir webhook adresi devre dışı bırakıldı',
    body: ({ url, times }) =>
      `<p>${escapeHtml(url)} adresindeki webhook üst üste ${times} kez 410 Gone yanıtı verdiği ` +
      'için devre dışı bırakıldı; bu adrese artık bildirim gönderilmiyor.</p>' +
      '<p>Adres hâlâ kullanılıyorsa yönetim panelinden yeniden etkinleştirin.</p>',
  },
  quotePage: {
    title: (store) => `Teklifiniz — ${store}`,
    unknown: 'Bu teklif bağlantısı geçerli değil.',
    noScript: 'Teklifi görmek için tarayıcınızda JavaScript açık olmalı.',
  },
  bookingPage: {
    title: (store) => `Görüşme — ${store}`,
    unknown: 'Bu randevu sayfası bulunamadı.',
    unknownBooking:
      'Bu randevu bağlantısı geçerli değil. Randevu değiştirildiyse en son e-postadaki bağlantıyı kullanın.',
    noScript: 'Randevu için tarayıcınızda JavaScript açık olmalı.',
  },
  unsubscribe: {
    title: 'Abonelikten çık',
    question: (channel, store) =>
      `${store} tarafından gönderilen ${channelTr[channel]} iletilerini artık almak istemiyor musunuz?`,
    confirm: 'Aboneliğimi sonlandır',
    done: (channel, store) =>
      `${store} artık size ${channelTr[channel]} ile ticari ileti göndermeyecek.`,
    unknown: 'Bu bağlantı geçerli değil.',
  },
}

const en: WorkerTexts = {
  emailFooter: (store) =>
    `${store} sent you this message. If you no longer want these, unsubscribe with one click:`,
  smsOptOut: (url) => `Opt out: ${url}`,
  bookingConfirmed: {
    subject: (store) => `Your meeting with ${store} is confirmed`,
    body: ({ name, when, manageUrl, store }) =>
      `<p>Hello ${escapeHtml(name)},</p><p>Your meeting with ${escapeHtml(store)} is confirmed for <b>${escapeHtml(when)}</b>. The calendar invitation is attached.</p>` +
      `<p>To reschedule or cancel: <a href="${escapeHtml(manageUrl)}">${escapeHtml(manageUrl)}</a></p>`,
  },
  bookingReminder: {
    subject: (when) => `Reminder: your meeting ${when}`,
    body: ({ name, when, manageUrl, store }) =>
      `<p>Hello ${escapeHtml(name)},</p><p>Your meeting with ${escapeHtml(store)} is on <b>${escapeHtml(when)}</b>.</p>` +
      `<p>To reschedule or cancel: <a href="${escapeHtml(manageUrl)}">${escapeHtml(manageUrl)}</a></p>`,
    sms: ({ when, store, manageUrl }) =>
      `${store}: your meeting is on ${when}. Reschedule/cancel: ${manageUrl}`,
  },
  bookingCancelled: {
    subject: (store) => `Your meeting with ${store} is cancelled`,
    body: ({ name, when, store }) =>
      `<p>Hello ${escapeHtml(name)},</p><p>Your meeting with ${escapeHtml(store)} on <b>${escapeHtml(when)}</b> is cancelled.</p>`,
  },
  quoteSent: {
    subject: ({ store, title }) => `${store}: ${title}`,
    body: ({ name, title, url, store, rep }) =>
      `<p>Hello ${escapeHtml(name)},</p><p>${escapeHtml(store)} has prepared a quote for you: <b>${escapeHtml(title)}</b>.</p>` +
      `<p><a href="${escapeHtml(url)}">View the quote</a></p><p>Kind regards,<br>${escapeHtml(rep)}</p>`,
  },
  webhookDisabled: {
    subject: 'Leadline: a webhook endpoint was disabled',
    body: ({ url, times }) =>
      `<p>The webhook at ${escapeHtml(url)} answered 410 Gone ${times} times in a row, so it ` +
      'was disabled and no more events are sent to it.</p>' +
      '<p>If the address is still in use, enable it again in the admin console.</p>',
  },
  quotePage: {
    title: (store) => `Your quote — ${store}`,
    unknown: 'This quote link is not valid.',
    noScript: 'Your browser needs JavaScript turned on to show the quote.',
  },
  bookingPage: {
    title: (store) => `Meeting — ${store}`,
    unknown: 'This booking page does not exist.',
    unknownBooking:
      'This booking link is not valid. If the meeting was moved, use the link in the latest e-mail.',
    noScript: 'Your browser needs JavaScript turned on to book or change a meeting.',
  },
  unsubscribe: {
    title: 'Unsubscribe',
    question: (channel, store) => `Do you no longer want ${channelEn[channel]}s from ${store}?`,
    confirm: 'Unsubscribe me',
    done: (channel, store) =>
      `${store} will no longer send you marketing by ${channelEn[channel]}.`,
    unknown: 'This link is not valid.',
  },
}

export const WORKER_TEXTS: Record<Locale, WorkerTexts> = { tr, en }

const UNESCAPES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
}

/** The plain-text part of one of the worker's own e-mails. */
export function plainText(html: string): string {
  return html
    .replace(/<br>/g, '\n')
    .replace(/<\/p>/g, '\n\n')
    .replace(/<a href="([^"]*)">([^<]*)<\/a>/g, (_, href: string, label: string) =>
      label === href ? href : `${label} (${href})`,
    )
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity: string) => UNESCAPES[entity]!)
    .trim()
}
