import { describe, expect, it } from 'vitest'
import { csvCell, csvLine, neutralizeFormula } from './formula'

describe('neutralizeFormula', () => {
  it.each(['=1+1', '+90 532', '-2', '@SUM(A1)', '\tx', '\rx'])('makes %j text', (cell) => {
    expect(neutralizeFormula(cell)).toBe(`'${cell}`)
  })

  it('leaves ordinary text alone', () => {
    expect(neutralizeFormula('Zeynep = Kaya')).toBe('Zeynep = Kaya')
    expect(neutralizeFormula('')).toBe('')
  })
})

describe('csvCell', () => {
  it('quotes separators, quotes and newlines, and neutralises formulas', () => {
    expect(csvCell('a;b')).toBe('"a;b"')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"')
    expect(csvCell(null)).toBe('')
    expect(csvCell(42)).toBe('42')
  })

  it('writes a CRLF line with the chosen separator', () => {
    expect(csvLine(['Şule', '@x', 'a;b'], ';')).toBe('Şule;\'@x;"a;b"\r\n')
  })
})
