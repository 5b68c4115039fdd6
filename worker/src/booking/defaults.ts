/** What a store's booking starts with before the owner sets it up. */
import type { BookingSettings } from '../../../contract'

export const DEFAULT_BOOKING_SETTINGS: BookingSettings = {
  meetingTypes: [
    {
      id: 'demo',
      name: { tr: 'Ürün demosu', en: 'Product demo' },
      durationMin: 30,
      location: { kind: 'video', value: '' },
    },
  ],
  reps: [],
  assignment: 'owner_first',
}
