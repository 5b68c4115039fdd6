/** The settings shell's words: the section names (each section has its own file for the rest). */
import type { Locale } from '../../../contract'
import type { SettingsSection } from '../router'

const tr = {
  heading: 'Ayarlar',
  sections: 'Ayar bölümleri',
  names: {
    store: 'Mağaza',
    form: 'Form ve onay',
    theme: 'Görünüm',
    team: 'Ekip ve anahtarlar',
    quiz: 'Nitelendirme testi',
    booking: 'Görüşme takvimi',
    nurture: 'Diziler ve şablonlar',
    webhooks: 'Webhook’lar',
  } satisfies Record<SettingsSection, string>,
  ownersOnly:
    'Mağaza düzeyindeki ayarları yalnızca mağaza sahipleri değiştirebilir; bunları siz görüntüleyebilirsiniz. Kendi takviminizi, şablonları ve dizileri düzenleyebilirsiniz.',
}

export type SettingsMessages = typeof tr

const en: SettingsMessages = {
  heading: 'Settings',
  sections: 'Settings sections',
  names: {
    store: 'Store',
    form: 'Form and consent',
    theme: 'Look',
    team: 'Team and keys',
    quiz: 'Qualification quiz',
    booking: 'Meeting calendar',
    nurture: 'Sequences and templates',
    webhooks: 'Webhooks',
  },
  ownersOnly:
    'Only store owners can change the store-wide settings; you can view them. You can edit your own calendar, the templates and the sequences.',
}

export const settingsText: Record<Locale, SettingsMessages> = { tr, en }
