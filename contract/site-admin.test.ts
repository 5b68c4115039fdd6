import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import {
  consentVersionIssue,
  isCurrency,
  isTimeZone,
  normalizeOrigin,
  SiteUpdateSchema,
  type SiteUpdateInput,
} from './site-admin'

describe('normalizeOrigin', () => {
  const cases: [string, string | null][] = [
    ['https://shop.example', 'https://shop.example'],
    ['  HTTPS://Shop.Example:443/ ', 'https://shop.example'],
    ['https://shop.example:8443', 'https://shop.example:8443'],
    ['https://xn--maaza-m2a.example', 'https://xn--maaza-m2a.example'],
    ['http://localhost:5173', 'http://localhost:5173'],
    ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787'],
    ['http://127.0.0.1:80', 'http://127.0.0.1'],
    ['http://shop.example', null],
    ['https://shop.example/iletisim', null],
    ['https://shop.example?x=1', null],
    ['https://user@shop.example', null],
    ['https://shop.example:0', null],
    ['https://shop.example:70000', null],
    ['https://-shop.example', null],
    ['https://mağaza.example', null],
    ['shop.example', null],
    ['ftp://shop.example', null],
    ['null', null],
  ]
  it.each(cases)('reads %j as %j', (input, expected) => {
    expect(normalizeOrigin(input)).toBe(expected)
  })
})

describe('profile checks', () => {
  it('knows IANA zones and refuses offsets, abbreviations and made-up names', () => {
    expect(isTimeZone('Europe/Istanbul')).toBe(true)
    expect(isTimeZone('UTC')).toBe(true)
    expect(isTimeZone('EST')).toBe(false)
    expect(isTimeZone('+03:00')).toBe(false)
    expect(isTimeZone('Europe/Nowhere')).toBe(false)
  })

  it('knows ISO 4217 currencies in upper case only', () => {
    expect(isCurrency('TRY')).toBe(true)
    expect(isCurrency('EUR')).toBe(true)
    expect(isCurrency('try')).toBe(false)
    expect(isCurrency('XYZ')).toBe(false)
  })
})

const valid = (): SiteUpdateInput => ({
  name: 'Anadolu Tekstil',
  locale: 'tr',
  currency: 'TRY',
  timeZone: 'Europe/Istanbul',
  defaultRegion: 'TR',
  origins: ['https://shop.example'],
  settings: {
    fields: [
      {
        name: 'email',
        kind: 'standard',
        type: 'email',
        required: true,
        label: { tr: 'E-posta', en: 'E-mail' },
      },
      {
        name: 'sector',
        kind: 'custom',
        type: 'select',
        required: false,
        label: { tr: 'Sektör', en: 'Sector' },
        options: [{ value: 'textile', label: { tr: 'Tekstil', en: 'Textile' } }],
      },
    ],
    consent: { version: '2026-01', text: { tr: 'Onay', en: 'Consent' }, channels: ['email'] },
    theme: { '--leadline-color-primary': '#b4232c' },
    minFillMs: 2000,
  },
  expectedVersion: 1,
})

const pathsOf = (input: unknown) => {
  const result = v.safeParse(SiteUpdateSchema, input)
  return result.success ? [] : result.issues.map((i) => i.path?.map((p) => p.key).join('.'))
}

describe('SiteUpdateSchema', () => {
  it('accepts a valid update and normalises its origins', () => {
    const input = valid()
    input.origins = ['HTTPS://Shop.Example/']
    expect(v.parse(SiteUpdateSchema, input).origins).toEqual(['https://shop.example'])
  })

  it('names the duplicate origin, also when only normalising shows it', () => {
    const input = valid()
    input.origins = ['https://a.example', 'https://shop.example', 'https://SHOP.example:443']
    expect(pathsOf(input)).toEqual(['origins.2'])
  })

  it('names what breaks the form rules: duplicate names, unknown standard fields, empty lists', () => {
    const input = valid()
    const [email, sector] = input.settings.fields
    input.settings.fields = [
      email!,
      { ...email!, label: { tr: ' ', en: 'E-mail' } },
      { ...sector!, options: [] },
      { ...sector!, name: 'fax', kind: 'standard' },
      { ...sector!, name: 'phone' },
    ]
    expect(pathsOf(input)).toEqual([
      'settings.fields.1.name',
      'settings.fields.1.label.tr',
      'settings.fields.2.options',
      'settings.fields.3.name',
      'settings.fields.4.name',
    ])
  })

  it('refuses unknown properties, bad zones and currencies, and too many origins', () => {
    expect(pathsOf({ ...valid(), plan: 'gold' })).toEqual(['plan'])
    expect(pathsOf({ ...valid(), settings: { ...valid().settings, extra: 1 } })).toEqual([
      'settings.extra',
    ])
    expect(pathsOf({ ...valid(), timeZone: 'Mars/Olympus', currency: 'TL' })).toEqual([
      'currency',
      'timeZone',
    ])
    const many = Array.from({ length: 21 }, (_, i) => `https://s${i}.example`)
    expect(pathsOf({ ...valid(), origins: many })).toEqual(['origins'])
  })
})

describe('consentVersionIssue', () => {
  const saved = valid().settings.consent
  it('asks for a new version when the words change', () => {
    const next = { ...saved, text: { ...saved.text, tr: 'Yeni onay metni' } }
    expect(consentVersionIssue(saved, next)?.path).toBe('settings.consent.version')
    expect(consentVersionIssue(saved, { ...next, version: '2026-02' })).toBeNull()
  })
  it('lets channels change under the same version', () => {
    expect(consentVersionIssue(saved, { ...saved, channels: ['email', 'sms'] })).toBeNull()
  })
  it('asks for a new version when the information notice or its address changes', () => {
    const notice = { tr: 'Aydınlatma özeti', en: 'Notice summary' }
    expect(consentVersionIssue(saved, { ...saved, notice })?.path).toBe('settings.consent.version')
    const withNotice = { ...saved, notice, noticeUrl: 'https://shop.example/kvkk' }
    expect(
      consentVersionIssue(withNotice, { ...withNotice, noticeUrl: 'https://shop.example/yeni' }),
    ).not.toBeNull()
    expect(consentVersionIssue(withNotice, { ...withNotice })).toBeNull()
  })
})
