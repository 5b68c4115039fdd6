/**
 * `<leadline-quote>`'s own strings, Turkish and English, typed like booking.ts (a key missing from
 * `en` is a type error). Apart from tr.ts/en.ts so they travel only in the quote chunk; the quote
 * also uses the form's `sending` and `pending`.
 */
import type { Locale } from '../../../contract'
import { messages } from '../internal/localize'

const tr = {
  quoteLoading: 'Teklif yükleniyor…',
  quoteLoadFailed: 'Teklif yüklenemedi. Lütfen daha sonra tekrar deneyin.',
  quoteGone: 'Bu teklif bağlantısı geçerli değil ya da teklif geri çekildi.',
  preparedBy: (store: string, rep: string) => `${store} · Hazırlayan: ${rep}`,
  validUntil: (date: string) => `Geçerlilik tarihi: ${date}`,
  revision: (n: number) => `Sürüm ${n}`,
  print: 'Yazdır',
  sections: {
    problems: 'İhtiyaçlarınız',
    solutions: 'Önerilen çözümler',
    pricing: 'Fiyatlandırma',
    timeline: 'Uygulama ve eğitim takvimi',
    faq: 'Sıkça sorulan sorular',
    notes: 'Notlar',
  },
  newWindow: '(yeni pencerede açılır)',
  itemsCaption: (currency: string) => `Teklif kalemleri (${currency})`,
  cols: {
    name: 'Ürün / hizmet',
    quantity: 'Miktar',
    unit: 'Birim',
    unitPrice: 'Birim fiyat',
    discount: 'İndirim',
    tax: 'KDV',
    total: 'Tutar',
  },
  totalsCaption: 'Toplamlar',
  subtotal: 'Ara toplam',
  discount: 'İndirim',
  net: 'İndirimli ara toplam',
  taxAt: (rate: string, base: string) => `KDV ${rate} (matrah ${base})`,
  total: 'Genel toplam',
  acceptHeading: 'Teklifi kabul edin',
  fullName: 'Adınız soyadınız',
  terms: 'Teklifi ve koşullarını okudum, kabul ediyorum.',
  accept: 'Teklifi kabul et',
  nameRequired: 'Adınızı ve soyadınızı yazın.',
  termsRequired: 'Kabul etmek için koşulları onaylayın.',
  decline: 'Teklifi reddet',
  reason: 'Reddetme nedeniniz (isteğe bağlı)',
  confirmDecline: 'Reddet',
  keep: 'Vazgeç',
  acceptedTitle: 'Teklif kabul edildi',
  accepted: (name: string, when: string) => `${name} tarafından ${when} tarihinde kabul edildi.`,
  declinedTitle: 'Teklif reddedildi',
  declined: 'Bu teklif reddedildi; artık kabul edilemez.',
  expired: (date: string) =>
    `Bu teklifin geçerlilik süresi ${date} tarihinde doldu; artık kabul edilemez.`,
  replaced: 'Bu teklifin yerine yeni bir sürüm gönderildi; bu sürüm artık kabul edilemez.',
  openCurrent: 'Güncel teklifi açın',
  revoked: 'Bu teklif geri çekildi; artık kabul edilemez.',
  draft: 'Bu teklif henüz gönderilmedi.',
  conflict: 'Bu teklif artık kabul edilemez.',
  sendFailed: 'Gönderilemedi. Lütfen daha sonra tekrar deneyin.',
}

const en: typeof tr = {
  quoteLoading: 'Loading the quote…',
  quoteLoadFailed: 'The quote could not be loaded. Please try again later.',
  quoteGone: 'This quote link does not work: it is wrong, or the quote was withdrawn.',
  preparedBy: (store: string, rep: string) => `${store} · Prepared by ${rep}`,
  validUntil: (date: string) => `Valid until ${date}`,
  revision: (n: number) => `Revision ${n}`,
  print: 'Print',
  sections: {
    problems: 'Your needs',
    solutions: 'Proposed solutions',
    pricing: 'Pricing',
    timeline: 'Implementation and training timeline',
    faq: 'Frequently asked questions',
    notes: 'Notes',
  },
  newWindow: '(opens in a new window)',
  itemsCaption: (currency: string) => `Quote items (${currency})`,
  cols: {
    name: 'Item',
    quantity: 'Quantity',
    unit: 'Unit',
    unitPrice: 'Unit price',
    discount: 'Discount',
    tax: 'VAT',
    total: 'Amount',
  },
  totalsCaption: 'Totals',
  subtotal: 'Subtotal',
  discount: 'Discount',
  net: 'Subtotal after discount',
  taxAt: (rate: string, base: string) => `VAT ${rate} on ${base}`,
  total: 'Total',
  acceptHeading: 'Accept the quote',
  fullName: 'Your full name',
  terms: 'I have read the quote and accept its terms.',
  accept: 'Accept quote',
  nameRequired: 'Type your full name.',
  termsRequired: 'Tick the box to accept the terms.',
  decline: 'Decline quote',
  reason: 'Your reason (optional)',
  confirmDecline: 'Decline',
  keep: 'Go back',
  acceptedTitle: 'Quote accepted',
  accepted: (name: string, when: string) => `Accepted by ${name} on ${when}.`,
  declinedTitle: 'Quote declined',
  declined: 'This quote was declined and can no longer be accepted.',
  expired: (date: string) => `This quote expired on ${date} and can no longer be accepted.`,
  replaced: 'A newer revision replaced this quote; this one can no longer be accepted.',
  openCurrent: 'Open the current quote',
  revoked: 'This quote was withdrawn and can no longer be accepted.',
  draft: 'This quote has not been sent yet.',
  conflict: 'This quote can no longer be accepted.',
  sendFailed: 'Could not send. Please try again later.',
}

export type QuoteMessages = ReturnType<typeof messages> & typeof tr

const cache: Partial<Record<Locale, QuoteMessages>> = {}

/** The form's strings and the quote's, in one object per language. */
export const quoteMessages = (locale: Locale): QuoteMessages =>
  (cache[locale] ??= { ...messages(locale), ...(locale === 'en' ? en : tr) })
