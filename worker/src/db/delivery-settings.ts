/**
 * A store's delivery settings in D1 (table `messaging_settings`, its name from before the
 * glossary), with the defaults a store starts from.
 */
import * as v from 'valibot'
import { DeliverySettingsSchema, type DeliverySettings } from '../../../contract'

/** No provider until the owner names one; quiet nights; three commercial messages a week. */
export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = {
  email: null,
  sms: null,
  quietHours: { start: '21:00', end: '09:00' },
  frequencyCap: { max: 3, days: 7 },
  bookingUrl: null,
  quotePageUrl: null,
  reminderOffsets: [24 * 60, 60],
}

export async function getDeliverySettings(
  db: D1Database,
  siteId: string,
): Promise<DeliverySettings> {
  const row = await db
    .prepare('SELECT settings FROM messaging_settings WHERE site_id = ?1')
    .bind(siteId)
    .first<{ settings: string }>()
  if (!row) return DEFAULT_DELIVERY_SETTINGS
  const parsed = v.safeParse(DeliverySettingsSchema, JSON.parse(row.settings))
  return parsed.success ? parsed.output : DEFAULT_DELIVERY_SETTINGS
}

export const putDeliverySettingsStatement = (
  db: D1Database,
  siteId: string,
  settings: DeliverySettings,
  at: string,
) =>
  db
    .prepare(
      `INSERT INTO messaging_settings (site_id, settings, updated_at) VALUES (?1, ?2, ?3)
       ON CONFLICT (site_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
    )
    .bind(siteId, JSON.stringify(settings), at)
