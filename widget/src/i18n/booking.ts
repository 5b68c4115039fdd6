/**
 * `<leadline-booking>`'s own strings, Turkish and English, typed like quiz.ts (a key missing from
 * `en` is a type error). Apart from tr.ts/en.ts so they travel only in the booking chunk; the
 * booking also uses the form's strings (field errors, consent, sending, pending).
 */
import type { Locale } from '../../../contract'
import { messages } from '../internal/localize'

const tr = {
  bookingLoading: 'Uygun saatler yükleniyor…',
  bookingLoadFailed: 'Randevu takvimi yüklenemedi. Lütfen daha sonra tekrar deneyin.',
  slotsFailed: 'Boş saatler yüklenemedi. Başka bir ay seçin ya da biraz sonra tekrar deneyin.',
  meetingType: 'Görüşme türü',
  minutes: (n: number) => `${n} dk`,
  zone: (zone: string) => `Saat dilimi: ${zone}`,
  localZone: (offset: string) => `Yerel saat, ${offset}`,
  changeZone: 'Saat dilimini değiştir',
  prevMonth: 'Önceki ay',
  nextMonth: 'Sonraki ay',
  noFreeTimes: 'boş saat yok',
  pickDay: 'Boş saati olan bir gün seçin.',
  loadingSlots: 'Boş saatler yükleniyor…',
  dayEmpty: 'Bu günde boş saat yok.',
  yourTime: 'Seçtiğiniz saat',
  confirm: 'Randevuyu onayla',
  slotTaken: 'Bu saat az önce doldu. En yakın boş saatler:',
  slotTakenNone: 'Bu saat az önce doldu. Lütfen başka bir saat seçin.',
  booked: 'Randevunuz onaylandı',
  rescheduled: 'Randevunuzun saati değiştirildi',
  cancelled: 'Randevunuz iptal edildi',
  yourBooking: 'Randevunuz',
  rep: (name: string) => `Görüşmeyi yapacak: ${name}`,
  where: { video: 'Görüntülü görüşme', phone: 'Telefon', place: 'Adres' } as Record<string, string>,
  addToCalendar: 'Takvime ekle',
  reschedule: 'Saati değiştir',
  cancel: 'Randevuyu iptal et',
  reason: 'İptal nedeni (isteğe bağlı)',
  confirmCancel: 'İptal et',
  keep: 'Vazgeç',
  pickNew: 'Yeni bir saat seçin',
  manageGone: 'Bu randevu bağlantısı artık geçerli değil. Güncel bağlantı son e-postanızda.',
  manageClosed:
    'Bu görüşme başladı ya da sona erdi; artık saati değiştirilemez veya iptal edilemez.',
  contactTitle: 'İletişim bilgileriniz',
  contactFields: { name: 'Ad Soyad', email: 'E-posta', phone: 'Telefon' },
  optional: '(isteğe bağlı)',
}

const en: typeof tr = {
  bookingLoading: 'Loading free times…',
  bookingLoadFailed: 'The booking calendar could not be loaded. Please try again later.',
  slotsFailed: 'Free times could not be loaded. Pick another month or try again in a moment.',
  meetingType: 'Meeting type',
  minutes: (n: number) => `${n} min`,
  zone: (zone: string) => `Time zone: ${zone}`,
  localZone: (offset: string) => `Local time, ${offset}`,
  changeZone: 'Change time zone',
  prevMonth: 'Previous month',
  nextMonth: 'Next month',
  noFreeTimes: 'no free times',
  pickDay: 'Pick a day with free times.',
  loadingSlots: 'Loading free times…',
  dayEmpty: 'No free times on this day.',
  yourTime: 'Your time',
  confirm: 'Confirm booking',
  slotTaken: 'That time was just taken. The nearest free times:',
  slotTakenNone: 'That time was just taken. Please pick another time.',
  booked: 'Your meeting is booked',
  rescheduled: 'Your meeting has been moved',
  cancelled: 'Your meeting has been cancelled',
  yourBooking: 'Your meeting',
  rep: (name: string) => `With ${name}`,
  where: { video: 'Video call', phone: 'Phone', place: 'Address' },
  addToCalendar: 'Add to calendar',
  reschedule: 'Reschedule',
  cancel: 'Cancel meeting',
  reason: 'Reason (optional)',
  confirmCancel: 'Cancel it',
  keep: 'Keep it',
  pickNew: 'Pick a new time',
  manageGone: 'This booking link no longer works. The current one is in your latest e-mail.',
  manageClosed:
    'This meeting has already started, so it can no longer be rescheduled or cancelled.',
  contactTitle: 'Your contact details',
  contactFields: { name: 'Full name', email: 'E-mail', phone: 'Phone' },
  optional: '(optional)',
}

export type BookingMessages = ReturnType<typeof messages> & typeof tr

const cache: Partial<Record<Locale, BookingMessages>> = {}

/** The form's strings and the booking's, in one object per language. */
export const bookingMessages = (locale: Locale): BookingMessages =>
  (cache[locale] ??= { ...messages(locale), ...(locale === 'en' ? en : tr) })
