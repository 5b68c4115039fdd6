import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { actionUrl, bookingInvite } from './invite'

const booking = {
  id: 'bk_1',
  sequence: 0,
  status: 'confirmed',
  start_at: '2026-12-08T11:30:00.000Z',
  end_at: '2026-12-08T12:00:00.000Z',
  updated_at: '2026-12-01T09:00:00.000Z',
}
const descriptionOf = (manageUrl: string | null, status = 'confirmed') => {
  const { ics } = bookingInvite({
    booking: { ...booking, status },
    type: undefined,
    rep: { name: 'Rep', email: 'rep@example.com' },
    contact: { name: 'Ayşe', email: 'ayse@example.com' },
    manageUrl,
  })
  const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!
  return String(new ICAL.Event(vevent).description ?? '')
}

describe('actionUrl', () => {
  it('adds the action to the manage page URL, keeping its parameters', () => {
    const page = 'https://shop.example/randevu?utm_source=x&leadline_booking=TOKEN'
    expect(actionUrl(page, 'reschedule')).toBe(`${page}&leadline_action=reschedule`)
    expect(actionUrl(page, 'cancel')).toBe(`${page}&leadline_action=cancel`)
    expect(actionUrl('https://api.example/v1/bookings/TOKEN', 'cancel')).toBe(
      'https://api.example/v1/bookings/TOKEN?leadline_action=cancel',
    )
  })
})

describe('bookingInvite', () => {
  it('gives the reschedule and the cancel line their own URL', () => {
    const page = 'https://shop.example/randevu?leadline_booking=TOKEN'
    const lines = descriptionOf(page).split('\n')
    expect(lines).toContain(`Değiştir / Reschedule: ${page}&leadline_action=reschedule`)
    expect(lines).toContain(`İptal / Cancel: ${page}&leadline_action=cancel`)
  })

  it('has no management lines without a manage URL', () => {
    expect(descriptionOf(null, 'cancelled')).not.toMatch(/Reschedule|Cancel/)
  })
})
