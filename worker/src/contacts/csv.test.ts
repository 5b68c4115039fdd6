import { describe, expect, it } from 'vitest'
import { detectSeparator, parseCsv } from './csv'

const ok = (text: string, limits?: Parameters<typeof parseCsv>[1]) => {
  const result = parseCsv(text, limits)
  if (!result.ok) throw new Error(result.message)
  return result
}

describe('parseCsv', () => {
  it('reads a comma-separated file with a header row', () => {
    const r = ok('name,email\nZeynep Kaya,z@example.com\nAli,ali@example.com\n')
    expect(r.separator).toBe(',')
    expect(r.header).toEqual(['name', 'email'])
    expect(r.rows).toEqual([
      { line: 2, cells: ['Zeynep Kaya', 'z@example.com'] },
      { line: 3, cells: ['Ali', 'ali@example.com'] },
    ])
    expect(r.errors).toEqual([])
  })

  it('detects semicolons as Turkish Excel writes them, with CRLF line ends', () => {
    const r = ok('Ad Soyad;E-posta;Şirket\r\nŞule Öztürk;sule@example.com;Çağ, Gıda A.Ş.\r\n')
    expect(r.separator).toBe(';')
    expect(r.rows[0]!.cells).toEqual(['Şule Öztürk', 'sule@example.com', 'Çağ, Gıda A.Ş.'])
  })

  it('picks the separator from the header only, ignoring separators inside quotes', () => {
    expect(detectSeparator('"a;b;c",d\n1;2;3;4;5')).toBe(',')
    expect(detectSeparator('a;b,c;d')).toBe(';')
  })

  it('strips a UTF-8 byte order mark', () => {
    const r = ok('\uFEFFname;email\nİpek;ipek@example.com')
    expect(r.header).toEqual(['name', 'email'])
    expect(r.rows[0]!.cells[0]).toBe('İpek')
  })

  it('reads quoted fields with doubled quotes, separators and embedded newlines', () => {
    const r = ok(
      'name,note,email\n"Kaya, Zeynep","She said ""hi""\nand left",z@example.com\nAli,x,a@example.com',
    )
    expect(r.rows).toEqual([
      { line: 2, cells: ['Kaya, Zeynep', 'She said "hi"\nand left', 'z@example.com'] },
      { line: 4, cells: ['Ali', 'x', 'a@example.com'] },
    ])
  })

  it('reports a row with broken quoting by line and keeps reading the rows after it', () => {
    const r = ok(
      'name,email\n"Ali"x,a@example.com\nVeli,v@example.com\nMe"hmet,m@example.com\nAyşe,a2@example.com',
    )
    expect(r.errors.map((e) => e.line)).toEqual([2, 4])
    expect(r.errors[0]!.message).toMatch(/closing quote/)
    expect(r.errors[1]!.message).toMatch(/unquoted field/)
    expect(r.rows.map((row) => row.cells[0])).toEqual(['Veli', 'Ayşe'])
  })

  it('reports a quote that is never closed and still reads the later lines', () => {
    const r = ok('name,email\n"Ali,a@example.com\nVeli,v@example.com')
    expect(r.errors).toEqual([{ line: 2, message: expect.stringMatching(/never closed/) }])
    expect(r.rows).toEqual([{ line: 3, cells: ['Veli', 'v@example.com'] }])
  })

  it('pads short rows, refuses rows wider than the header, and skips blank lines', () => {
    const r = ok('a,b,c\n1\n\n1,2,3,4\n')
    expect(r.rows).toEqual([{ line: 2, cells: ['1', '', ''] }])
    expect(r.errors).toEqual([{ line: 4, message: expect.stringMatching(/4 cells/) }])
  })

  it('refuses text decoded from Windows-1254 bytes as the wrong encoding', () => {
    // "Şükrü;ş@x" in Windows-1254: Ş=0xDE ü=0xFC ş=0xFE — not valid UTF-8.
    const bytes = new Uint8Array([0x61, 0x64, 0x0a, 0xde, 0xfc, 0x6b, 0x72, 0xfc, 0x0a])
    const result = parseCsv(new TextDecoder().decode(bytes))
    expect(result).toMatchObject({ ok: false, code: 'encoding' })
  })

  it('refuses UTF-8 text that was read as Windows-1252 (mojibake)', () => {
    const garbled = new TextDecoder('windows-1252').decode(
      new TextEncoder().encode('ad\nGüneş Işık'),
    )
    expect(parseCsv(garbled)).toMatchObject({ ok: false, code: 'encoding' })
  })

  it('refuses empty files, too many rows and too many columns', () => {
    expect(parseCsv('  \n')).toMatchObject({ ok: false, code: 'empty' })
    const limits = { maxRows: 2, maxColumns: 3, maxCellLength: 10 }
    expect(parseCsv('a\n1\n2\n3', limits)).toMatchObject({ ok: false, code: 'too_many_rows' })
    expect(parseCsv('a,b,c,d\n1', limits)).toMatchObject({ ok: false, code: 'too_many_columns' })
    expect(ok('a\n12345678901', limits).errors[0]!.message).toMatch(/longer than 10/)
  })
})
