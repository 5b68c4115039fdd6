import { describe, expect, it } from 'vitest'
import { normalizeEmail, normalizePhone } from './normalize'

describe('normalizeEmail', () => {
  it('trims and lower-cases', () =>
    expect(normalizeEmail('  Ayse.Yilmaz@Example.COM ')).toBe('ayse.yilmaz@example.com'))
  it('turns blanks into null', () => {
    expect(normalizeEmail('   ')).toBeNull()
    expect(normalizeEmail(undefined)).toBeNull()
  })
})

describe('normalizePhone', () => {
  it.each([
    ['0532 123 45 67', 'TR', '+905321234567'],
    ['(532) 123-4567', 'TR', '+905321234567'],
    ['+90 532 123 45 67', 'TR', '+905321234567'],
    ['+49 30 901820', 'TR', '+4930901820'],
    ['(201) 555-0123', 'US', '+12015550123'],
  ])('reads %s in %s as %s', (input, region, expected) => {
    expect(normalizePhone(input, region)).toEqual({ ok: true, value: expected })
  })
  it('refuses numbers that cannot exist', () => {
    expect(normalizePhone('123', 'TR')).toEqual({ ok: false })
    expect(normalizePhone('0000 000 00 00', 'TR')).toEqual({ ok: false })
  })
  it('treats blank as no phone', () =>
    expect(normalizePhone(' ', 'TR')).toEqual({ ok: true, value: null }))
})
