import { describe, expect, it } from 'vitest'
import { parseCsv } from './csv'
import { mapColumns, parseAmount, planImport } from './import'

const plan = (text: string, mapping?: Record<string, string>) => {
  const parsed = parseCsv(text)
  if (!parsed.ok) throw new Error(parsed.message)
  const { columns, unknown } = mapColumns(parsed.header, mapping)
  return { columns, unknown, rows: planImport(parsed.rows, parsed.errors, columns, 'TR') }
}

describe('mapColumns', () => {
  it('recognises Turkish and English headers and reports unknown ones', () => {
    const { columns, unknown } = mapColumns([
      'Ad Soyad',
      'E-posta',
      'Cep Telefonu',
      'Şirket',
      'Etiketler',
      'Favori Renk',
    ])
    expect(columns.map((c) => c.field)).toEqual(['name', 'email', 'phone', 'company', 'tags', null])
    expect(unknown).toEqual(['Favori Renk'])
  })

  it('follows the mapping given, including custom fields and ignore', () => {
    const { columns, unknown } = mapColumns(['Renk', 'E-posta', 'x'], {
      Renk: 'custom:renk',
      'E-posta': 'ignore',
    })
    expect(columns.map((c) => c.field)).toEqual(['custom:renk', null, null])
    expect(unknown).toEqual(['x'])
  })
})

describe('planImport', () => {
  it('normalises e-mail and phone, splits tags and reads amounts', () => {
    const { rows } = plan(
      'Ad;E-posta;Telefon;Etiketler;Tutar\nŞule Öztürk; Sule@Example.COM ;0532 123 45 67;vip|fuar;1250,5\n',
    )
    expect(rows[0]).toEqual({
      line: 2,
      values: {
        name: 'Şule Öztürk',
        email: 'sule@example.com',
        phone: '+905321234567',
        company: null,
        location: null,
        tags: ['vip', 'fuar'],
        message: null,
        valueMinor: 125050,
        custom: {},
      },
      errors: [],
      duplicateOfLine: null,
    })
  })

  it('lists errors per row, including the parser’s, in line order', () => {
    const { rows } = plan('name,email,phone\nA,not-mail,\nB,,12\n"C,c@x.co\nD,,\nE,e@example.com,')
    expect(rows.map((r) => [r.line, r.errors.map((e) => e.field)])).toEqual([
      [2, ['email']],
      [3, ['phone']],
      [4, [null]],
      [5, [null]],
      [6, []],
    ])
  })

  it('refuses a line break or a tab in a one-line field, and keeps one in the message', () => {
    const { rows } = plan(
      'name,company,email,message\n"Ali\nVeli",,a@x.co,\nAli,"K\tA",b@x.co,\nAli,,c@x.co,"bir\niki"',
    )
    expect(rows.map((r) => r.errors.map((e) => e.field))).toEqual([['name'], ['company'], []])
    expect(rows[2]!.values.message).toBe('bir\niki')
  })

  it('marks rows repeating an earlier row’s e-mail or phone', () => {
    const { rows } = plan(
      'name,email,phone\nA,a@x.co,\nB,A@X.CO,\nC,,05321234567\nD,d@x.co,+90 532 123 45 67',
    )
    expect(rows.map((r) => r.duplicateOfLine)).toEqual([null, 2, null, 4])
  })

  it('parses amounts with a comma or a dot', () => {
    expect(parseAmount('1250')).toBe(125000)
    expect(parseAmount('1250.05')).toBe(125005)
    expect(parseAmount('1.250,00')).toBeNull()
    expect(parseAmount('abc')).toBeNull()
  })
})
