import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { LeadFieldsSchema } from '../../../contract/lead'
import { siteConfig } from '../test-helpers'
import { validate } from './validation'

/** The standard fields of the test store, as the capture route checks them together. */
const refused = (fields: Record<string, string>) =>
  new Set((v.safeParse(LeadFieldsSchema, fields).issues ?? []).map((i) => i.path?.[0]?.key))

/** The test store with no field required: only the contract's rules apply. */
function optionalFields() {
  const config = siteConfig()
  for (const f of config.fields) f.required = false
  return config
}

describe('client validation', () => {
  // Each standard field is checked with its own contract schema (LeadFieldSchemas): a field is
  // invalid in the browser exactly when LeadFieldsSchema refuses it on the server.
  const cases: [string, Record<string, string>][] = [
    ['valid', { name: 'Ayşe', email: 'ayse@example.com', phone: '', message: '' }],
    ['NUL in a name', { name: 'Ali\u0000Veli', email: 'a@b.co' }],
    ['a lone surrogate in a message', { name: 'Ali', email: 'a@b.co', message: 'a\ud800b' }],
    ['a line break in a name', { name: 'Ali\nVeli', email: 'a@b.co' }],
    ['line breaks and a tab in a message', { name: 'Ali', email: 'a@b.co', message: 'a\r\n\tb' }],
    ['C1 and DEL', { name: 'Ali\u0085', email: 'a@b.co', message: 'x\u007f' }],
    ['a bad address and phone', { name: 'Ali', email: 'not-an-address', phone: '12' }],
    ['a phone alone', { name: 'Ali', phone: '+90 532 000 00 00' }],
    ['a name too long', { name: 'a'.repeat(201), email: 'a@b.co' }],
    ['a message too long', { name: 'Ali', email: 'a@b.co', message: 'a'.repeat(5001) }],
    ['blanks and spaces', { name: 'Ali', email: '  a@b.co ', phone: '   ', message: ' ' }],
  ]
  for (const [what, fields] of cases) {
    it(`agrees with LeadFieldsSchema: ${what}`, () => {
      const errors = validate(optionalFields(), fields)
      const standard = ['name', 'email', 'phone', 'message'].filter((n) => errors.has(n))
      expect(new Set(standard)).toEqual(refused(fields))
    })
  }

  it('names the kind of each refusal', () => {
    const errors = validate(siteConfig(), {
      name: 'Ali\u0000',
      email: 'not-an-address',
      phone: '12',
      message: 'x\ud800',
    })
    expect(Object.fromEntries(errors)).toEqual({
      name: { kind: 'invalid' },
      email: { kind: 'invalidEmail' },
      phone: { kind: 'invalidPhone' },
      message: { kind: 'invalid' },
    })
  })

  it("keeps the store's required flags, select options and numbers, and asks for a way to reach", () => {
    const errors = validate(siteConfig(), { name: ' ', budget: 'huge', seats: 'many' })
    expect(Object.fromEntries(errors)).toEqual({
      name: { kind: 'required' },
      email: { kind: 'required' },
      budget: { kind: 'invalid' },
      seats: { kind: 'invalidNumber' },
    })
    expect(Object.fromEntries(validate(optionalFields(), { name: 'Ali' }))).toEqual({
      email: { kind: 'emailOrPhone' },
    })
  })
})
