/**
 * The booking's contact step on its own: the phone field's `pattern` is one browsers can compile
 * (they use the `v` flag, and ignore a pattern that fails), it checks the format in the browser,
 * and it agrees with the contract's `PhoneSchema`, which the server applies.
 */
import { html, render } from 'lit'
import * as v from 'valibot'
import { afterEach, describe, expect, it } from 'vitest'
import { PhoneSchema } from '../../../../contract/lead'
import { bookingMessages } from '../../i18n/booking'
import { checkContact, PHONE_PATTERN, renderContact, type ContactState } from './contact'

const t = bookingMessages('en')

/** The contact step rendered into the page, with the values already typed. */
function contactStep(values: ContactState['values']) {
  const root = document.createElement('form')
  document.body.append(root)
  render(
    html`${renderContact(t, 'en', undefined, { values, channels: {}, errors: {} }, () => {})}`,
    root,
  )
  return { root, phone: root.querySelector<HTMLInputElement>('#c-phone')! }
}

afterEach(() => document.body.replaceChildren())

describe('the booking contact step', () => {
  it('compiles its phone pattern as browsers do, with the v flag', () => {
    const { phone } = contactStep({})
    expect(phone.pattern).toBe(PHONE_PATTERN)
    expect(() => new RegExp(`^(?:${phone.pattern})$`, 'v')).not.toThrow()
  })

  it('checks the phone format in the browser, with the translated message', () => {
    const name = 'Ayşe Yılmaz'
    const email = 'ayse@example.com'
    const bad = contactStep({ name, email, phone: 'call me' })
    expect(bad.phone.validity.patternMismatch).toBe(true)
    expect(checkContact(bad.root, t)).toEqual({ phone: t.invalidPhone })
    const good = contactStep({ name, email, phone: '+90 (555) 123-45-67' })
    expect(good.phone.validity.valid).toBe(true)
    expect(checkContact(good.root, t)).toEqual({})
  })

  it('accepts exactly the phone numbers the contract accepts', () => {
    const compiled = new RegExp(`^(?:${PHONE_PATTERN})$`, 'v')
    const samples = [
      '+90 (555) 123-45-67',
      '0212 555 12 34',
      '0212.555/12-34',
      '123456',
      '12345',
      '+' + '1'.repeat(31),
      '+' + '1'.repeat(32),
      '++905551234567',
      '+90 555 abc 4567',
      '905551234567+',
      '(0212) 555 12 34 ext',
    ]
    for (const sample of samples) {
      expect(compiled.test(sample), sample).toBe(v.safeParse(PhoneSchema, sample).success)
    }
  })
})
