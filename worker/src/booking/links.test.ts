import { describe, expect, it } from 'vitest'
import { bookingLink, manageLink } from './links'

const ORIGIN = 'https://leadline.example'
const TOKEN = 'A'.repeat(32)

describe('manageLink', () => {
  it("opens the store's page the booking was made on, keeping its query", () => {
    expect(manageLink(ORIGIN, 'https://shop.example/iletisim?utm=x', 'pk_demo12345', TOKEN)).toBe(
      `https://shop.example/iletisim?utm=x&leadline_booking=${TOKEN}`,
    )
  })

  it('opens the hosted booking page of the store without one, never the API', () => {
    expect(manageLink(ORIGIN, null, 'pk_demo12345', TOKEN)).toBe(
      `${ORIGIN}/b/pk_demo12345?leadline_booking=${TOKEN}`,
    )
  })
})

describe('bookingLink', () => {
  it("is the store's booking page as set, else the hosted page for the lead", () => {
    expect(bookingLink(ORIGIN, 'https://shop.example/randevu', 'pk_demo12345', 'ld_1')).toBe(
      'https://shop.example/randevu',
    )
    expect(bookingLink(ORIGIN, null, 'pk_demo12345', 'ld_1')).toBe(
      `${ORIGIN}/b/pk_demo12345?lead=ld_1`,
    )
  })
})
