/**
 * CSV reading for contact imports (RFC 4180, https://www.rfc-editor.org/rfc/rfc4180): a header
 * row, `;` or `,` separators (detected from the header, as Excel writes either by locale),
 * quoted fields with doubled quotes and embedded newlines, an optional UTF-8 BOM, CRLF or LF.
 * A row with broken quoting is reported with its line and skipped; the rows after it are still
 * read. Pure: no I/O.
 */

export type Separator = ',' | ';'

export interface CsvRow {
  /** Physical line the row starts on (the header is line 1). */
  line: number
  cells: string[]
}

export interface CsvRowError {
  line: number
  message: string
}

export interface CsvLimits {
  /** Most data rows (after the header). */
  maxRows: number
  /** Most columns. */
  maxColumns: number
  /** Longest cell, in characters. */
  maxCellLength: number
}

export const DEFAULT_CSV_LIMITS: CsvLimits = { maxRows: 500, maxColumns: 50, maxCellLength: 5000 }

export type CsvResult =
  | { ok: true; separator: Separator; header: string[]; rows: CsvRow[]; errors: CsvRowError[] }
  | {
      ok: false
      code: 'encoding' | 'empty' | 'too_many_rows' | 'too_many_columns'
      message: string
    }

/**
 * Text decoded from bytes that were not UTF-8 (a Windows-1254 or ISO-8859-9 export read as
 * UTF-8) carries U+FFFD; UTF-8 read as Latin-1/Windows-1252 shows as `Ã¼`, `Ä±`, `Å\u009f`…
 */
const REPLACEMENT = /\uFFFD/
const MOJIBAKE =
  /[ÃÄÅ][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013-\u203A\u20AC\u2122]/

/** Which separator the header line uses: the more frequent of `;` and `,` outside quotes. */
export function detectSeparator(text: string): Separator {
  let semicolons = 0
  let commas = 0
  let quoted = false
  for (const ch of text) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && ch === ';') semicolons++
    else if (!quoted && ch === ',') commas++
  }
  return semicolons > commas ? ';' : ','
}

interface CsvRecord {
  cells: string[]
  /** Index just after the record's line end. */
  next: number
  /** Newlines inside the record (embedded in quoted fields) plus its own. */
  lines: number
  error?: string
}

/** Reads one record starting at `start`. On broken quoting, skips to the next physical line. */
function readRecord(text: string, start: number, sep: Separator): CsvRecord {
  const cells: string[] = []
  let cell = ''
  let i = start
  let lines = 0
  let atCellStart = true
  const lineEnd = (from: number) => {
    const n = text.indexOf('\n', from)
    return n === -1 ? text.length : n + 1
  }
  const broken = (message: string): CsvRecord => ({
    cells: [],
    next: lineEnd(start),
    lines: 1,
    error: message,
  })
  while (i < text.length) {
    const ch = text[i]!
    if (atCellStart && ch === '"') {
      // A quoted field: up to the closing quote; "" is a quote inside.
      i++
      let closed = false
      while (i < text.length) {
        const q = text[i]!
        if (q === '"') {
          if (text[i + 1] === '"') {
            cell += '"'
            i += 2
            continue
          }
          closed = true
          i++
          break
        }
        if (q === '\n') lines++
        cell += q
        i++
      }
      if (!closed) return broken('a quoted field is never closed (a missing ")')
      const after = text[i]
      if (after !== undefined && after !== sep && after !== '\r' && after !== '\n') {
        return broken('text follows a closing quote; double a quote inside a quoted field ("")')
      }
      atCellStart = false
      continue
    }
    if (ch === sep) {
      cells.push(cell)
      cell = ''
      atCellStart = true
      i++
      continue
    }
    if (ch === '\r' || ch === '\n') {
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1
      cells.push(cell)
      return { cells, next: i, lines: lines + 1 }
    }
    if (ch === '"') {
      return broken('a quote inside an unquoted field; quote the field and double the quote')
    }
    cell += ch
    atCellStart = false
    i++
  }
  cells.push(cell)
  return { cells, next: i, lines: lines + 1 }
}

/**
 * Parses a CSV file's text. Fatal problems (wrong encoding, no header, too many rows or
 * columns) fail the whole file; a broken row or a row of the wrong width is listed in `errors`
 * with its line, and the other rows are returned.
 * @example parseCsv('ad;e-posta\r\nZeynep;z@example.com') // separator ';', one row on line 2
 */
export function parseCsv(input: string, limits: CsvLimits = DEFAULT_CSV_LIMITS): CsvResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input
  if (REPLACEMENT.test(text) || MOJIBAKE.test(text)) {
    return {
      ok: false,
      code: 'encoding',
      message:
        'The file is not UTF-8 text (it looks like Windows-1254 or ISO-8859-9). Save it as ' +
        '"CSV UTF-8" and try again.',
    }
  }
  if (text.trim() === '') return { ok: false, code: 'empty', message: 'The file is empty.' }
  const separator = detectSeparator(text)
  let i = 0
  let line = 1
  let header: string[] | null = null
  const rows: CsvRow[] = []
  const errors: CsvRowError[] = []
  while (i < text.length) {
    const record = readRecord(text, i, separator)
    const at = line
    i = record.next
    line += record.lines
    if (record.error) {
      if (!header) return { ok: false, code: 'empty', message: `Line 1: ${record.error}.` }
      errors.push({ line: at, message: record.error })
      continue
    }
    if (record.cells.length === 1 && record.cells[0]!.trim() === '') continue
    if (!header) {
      if (record.cells.length > limits.maxColumns) {
        return {
          ok: false,
          code: 'too_many_columns',
          message: `The file has ${record.cells.length} columns; at most ${limits.maxColumns} are read.`,
        }
      }
      header = record.cells.map((h) => h.trim())
      continue
    }
    if (rows.length + errors.length >= limits.maxRows) {
      return {
        ok: false,
        code: 'too_many_rows',
        message: `The file has more than ${limits.maxRows} rows; split it into smaller files.`,
      }
    }
    if (record.cells.length > header.length) {
      errors.push({
        line: at,
        message: `the row has ${record.cells.length} cells but the header has ${header.length}`,
      })
      continue
    }
    const long = record.cells.findIndex((c) => c.length > limits.maxCellLength)
    if (long !== -1) {
      errors.push({
        line: at,
        message: `the cell in column ${long + 1} is longer than ${limits.maxCellLength} characters`,
      })
      continue
    }
    const cells = [...record.cells]
    while (cells.length < header.length) cells.push('')
    rows.push({ line: at, cells })
  }
  if (!header) return { ok: false, code: 'empty', message: 'The file is empty.' }
  return { ok: true, separator, header, rows, errors }
}
