/** English strings; typed by `Messages`, so a missing or extra key fails `tsc`. */
import type { Messages } from './tr'

export const en: Messages = {
  required: 'This field is required.',
  invalid: 'This value is not valid.',
  invalidEmail: 'Enter a valid e-mail address.',
  invalidPhone: 'Enter a valid phone number.',
  invalidNumber: 'Enter a number.',
  tooLong: (max: number) => `Enter at most ${max.toLocaleString('en')} characters.`,
  emailOrPhone: 'Give an e-mail address or a phone number.',
  fixErrors: (n: number) => (n === 1 ? 'Please fix 1 field.' : `Please fix ${n} fields.`),
  choose: 'Choose…',
  consentLegend: 'Marketing messages (optional)',
  noticeLink: 'Privacy notice',
  newTab: '(opens in a new tab)',
  channels: { email: 'By e-mail', sms: 'By SMS', phone: 'By phone' },
  submit: 'Send',
  sending: 'Sending…',
  pending: "Pending — we'll send it when you're back online",
  success: 'Thank you! We have received your details.',
  failed: 'The form could not be sent. Please try again later.',
  consentChanged: 'The consent text has changed; please check the form and send it again.',
  loading: 'Loading the form…',
  loadFailed: 'The form could not be loaded.',
  honeypot: 'Leave this field empty',
}
