/** A store's form, consent and theme settings, with the defaults a new store starts from. */
import * as v from 'valibot'
import { SiteSettingsSchema, type SiteSettings } from '../../../contract'

const label = (tr: string, en: string) => ({ tr, en })

export const DEFAULT_SETTINGS: SiteSettings = {
  fields: [
    {
      name: 'name',
      kind: 'standard',
      type: 'text',
      required: true,
      label: label('Ad Soyad', 'Full name'),
    },
    {
      name: 'email',
      kind: 'standard',
      type: 'email',
      required: true,
      label: label('E-posta', 'E-mail'),
    },
    {
      name: 'phone',
      kind: 'standard',
      type: 'tel',
      required: false,
      label: label('Telefon', 'Phone'),
    },
    {
      name: 'company',
      kind: 'standard',
      type: 'text',
      required: false,
      label: label('Şirket', 'Company'),
    },
    {
      name: 'message',
      kind: 'standard',
      type: 'textarea',
      required: false,
      label: label('Mesajınız', 'Your message'),
    },
  ],
  // KVKK keeps the information notice (aydınlatma metni) apart from any consent: it is shown
  // and linked, never ticked. Commercial electronic messages (law 6563) need their own opt-in,
  // one unticked box per channel. Stores created before this wording keep their own (migration
  // 0014); the owner adds the notice's address (`noticeUrl`) in the console.
  consent: {
    version: '2026-01',
    text: label(
      'Kampanya, ürün ve hizmetlerle ilgili ticari elektronik iletileri işaretlediğim kanallardan almayı kabul ediyorum.',
      'I agree to receive commercial electronic messages about offers, products and services through the channels I tick.',
    ),
    notice: label(
      'Kişisel verileriniz, talebinize yanıt verebilmemiz için 6698 sayılı Kişisel Verilerin Korunması Kanunu kapsamında işlenir.',
      'We process your personal data to answer your request, under the Turkish Personal Data Protection Law No. 6698 (KVKK) and the GDPR.',
    ),
    channels: ['email', 'sms', 'phone'],
  },
  theme: {},
  minFillMs: 2000,
}

/**
 * Parsed settings by their JSON text: every capture reads its store's settings, and parsing and
 * validating the same text again on every request is wasted work. Callers must not mutate them.
 */
const parsedSettings = new Map<string, SiteSettings>()
const PARSED_MAX = 200

/** Reads a site's stored settings JSON; missing or invalid parts fall back to the defaults. */
export function readSettings(json: string): SiteSettings {
  let settings = parsedSettings.get(json)
  if (!settings) {
    settings = parseSettings(json)
    if (parsedSettings.size >= PARSED_MAX) parsedSettings.clear()
    parsedSettings.set(json, settings)
  }
  return settings
}

function parseSettings(json: string): SiteSettings {
  let raw: unknown
  try {
    raw = JSON.parse(json)
  } catch {
    return DEFAULT_SETTINGS
  }
  const merged = { ...DEFAULT_SETTINGS, ...(typeof raw === 'object' && raw ? raw : {}) }
  const parsed = v.safeParse(SiteSettingsSchema, merged)
  return parsed.success ? parsed.output : DEFAULT_SETTINGS
}
