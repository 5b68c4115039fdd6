/**
 * The quiz's own strings, Turkish and English, typed like tr.ts/en.ts (a key missing from `en` is
 * a type error). Apart from them because tr.ts and en.ts sit in the chunk every form visitor
 * downloads; these travel only in the quiz chunk. The quiz also uses the form's strings
 * (consent, submit, sending, field errors).
 */
import type { Locale } from '../../../contract'
import { messages } from '../internal/localize'

const tr = {
  quizLoading: 'Sorular yükleniyor…',
  quizLoadFailed: 'Sorular yüklenemedi.',
  progress: (i: number, n: number) => `Soru ${i} / ${n}`,
  back: 'Geri',
  next: 'İleri',
  yes: 'Evet',
  no: 'Hayır',
  optional: '(isteğe bağlı)',
  answerRequired: 'Lütfen bu soruyu yanıtlayın.',
  numberRange: (min: string, max: string) => `${min} ile ${max} arasında bir sayı girin.`,
  contactTitle: 'İletişim bilgileriniz',
  contactFields: { name: 'Ad Soyad', email: 'E-posta', phone: 'Telefon' },
  quizChanged: 'Sorular güncellendi; lütfen yanıtlarınızı kontrol edip tekrar gönderin.',
  bookDemo: 'Demo planlayın',
}

const en: typeof tr = {
  quizLoading: 'Loading the questions…',
  quizLoadFailed: 'The questions could not be loaded.',
  progress: (i: number, n: number) => `Question ${i} of ${n}`,
  back: 'Back',
  next: 'Next',
  yes: 'Yes',
  no: 'No',
  optional: '(optional)',
  answerRequired: 'Please answer this question.',
  numberRange: (min: string, max: string) => `Enter a number between ${min} and ${max}.`,
  contactTitle: 'Your contact details',
  contactFields: { name: 'Full name', email: 'E-mail', phone: 'Phone' },
  quizChanged: 'The questions have changed; please check your answers and send them again.',
  bookDemo: 'Book a demo',
}

export type QuizMessages = ReturnType<typeof messages> & typeof tr

const cache: Partial<Record<Locale, QuizMessages>> = {}

/** The form's strings and the quiz's, in one object per language. */
export const quizMessages = (locale: Locale): QuizMessages =>
  (cache[locale] ??= { ...messages(locale), ...(locale === 'en' ? en : tr) })
