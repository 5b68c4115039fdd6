/**
 * Turkish strings: the source of the `Messages` type, so a key missing from `en.ts` (or any
 * later language) is a type error. Parameterised strings are functions.
 */
export const tr = {
  required: 'Bu alan zorunludur.',
  invalid: 'Bu alanın değeri geçerli değil.',
  invalidEmail: 'Geçerli bir e-posta adresi girin.',
  invalidPhone: 'Geçerli bir telefon numarası girin.',
  invalidNumber: 'Bir sayı girin.',
  tooLong: (max: number) => `En fazla ${max.toLocaleString('tr')} karakter girin.`,
  emailOrPhone: 'Bir e-posta adresi ya da telefon numarası girin.',
  fixErrors: (n: number) => (n === 1 ? '1 alanı düzeltin.' : `${n} alanı düzeltin.`),
  choose: 'Seçiniz…',
  consentLegend: 'Ticari elektronik ileti izni (isteğe bağlı)',
  /** The information notice's link (aydınlatma metni); it opens in a new tab. */
  noticeLink: 'Aydınlatma metni',
  newTab: '(yeni sekmede açılır)',
  channels: { email: 'E-posta ile', sms: 'SMS ile', phone: 'Telefonla' },
  submit: 'Gönder',
  sending: 'Gönderiliyor…',
  pending: 'Gönderiliyor… bağlantı bekleniyor',
  success: 'Teşekkürler! Bilgileriniz bize ulaştı.',
  failed: 'Form gönderilemedi. Lütfen daha sonra tekrar deneyin.',
  consentChanged: 'İzin metni güncellendi; lütfen formu kontrol edip tekrar gönderin.',
  loading: 'Form yükleniyor…',
  loadFailed: 'Form yüklenemedi.',
  honeypot: 'Bu alanı boş bırakın',
}

/** Every string a person reads in a widget; each language provides all of them. */
export type Messages = typeof tr
