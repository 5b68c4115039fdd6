/** The editor kit's own words: the sentence a read-only section shows (Turkish and English). */
import type { Locale } from '../../../../contract'

const tr = {
  ownersOnly: 'Bu ayarları yalnızca mağaza sahipleri değiştirebilir; siz görüntüleyebilirsiniz.',
}

export type KitWords = typeof tr

const en: KitWords = {
  ownersOnly: 'Only store owners can change these settings; you can view them.',
}

export const kitText: Record<Locale, KitWords> = { tr, en }
