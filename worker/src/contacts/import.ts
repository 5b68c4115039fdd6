/**
 * Turning parsed CSV rows into contacts (and leads) to import: columns mapped to fields by
 * their header (Turkish or English) or by the caller's mapping, each row validated with the
 * contract's schemas and normalised as captures are, and rows of the file that repeat an
 * earlier row's e-mail or phone marked. Pure.
 */
import * as v from 'valibot'
import {
  EmailSchema,
  IMPORT_FIELDS,
  isCleanText,
  PhoneSchema,
  TagSchema,
  type ImportField,
} from '../../../contract'
import type { CsvRow, CsvRowError } from './csv'
import { foldName } from './dedupe'
import { normalizeEmail, normalizePhone } from './normalize'

/** Header names (folded: lower case, no Turkish letters, no spaces or punctuation) per field. */
const ALIASES: Record<ImportField, string[]> = {
  name: ['name', 'fullname', 'ad', 'adi', 'adsoyad', 'adisoyadi', 'isim', 'isimsoyisim', 'kisi'],
  email: ['email', 'mail', 'emailaddress', 'eposta', 'epostaadresi', 'mailadresi'],
  phone: [
    'phone',
    'phonenumber',
    'mobile',
    'tel',
    'telefon',
    'telefonno',
    'gsm',
    'cep',
    'ceptelefonu',
  ],
  company: ['company', 'organization', 'firma', 'sirket', 'kurum', 'firmaadi', 'sirketadi'],
  location: ['location', 'city', 'sehir', 'il', 'konum', 'adres', 'address'],
  tags: ['tags', 'tag', 'etiket', 'etiketler'],
  message: ['message', 'note', 'notes', 'mesaj', 'not', 'notlar', 'aciklama'],
  value: ['value', 'amount', 'dealvalue', 'deger', 'tutar'],
}

const headerKey = (header: string) => foldName(header).replace(/[^a-z0-9]/g, '')

export type ColumnTarget = ImportField | `custom:${string}` | null

export interface ImportColumn {
  header: string
  field: ColumnTarget
}

/**
 * Maps each header to a field: the caller's `mapping` first (`ignore` maps to nothing), then
 * the known names. A header matching nothing is unknown and ignored; a field claimed by two
 * columns is taken by the first.
 */
export function mapColumns(
  header: string[],
  mapping: Record<string, string> = {},
): { columns: ImportColumn[]; unknown: string[] } {
  const taken = new Set<string>()
  const unknown: string[] = []
  const columns = header.map((h): ImportColumn => {
    const given = mapping[h]
    if (given === 'ignore') return { header: h, field: null }
    let field: ColumnTarget
    if (given !== undefined) field = given as ColumnTarget
    else {
      field = IMPORT_FIELDS.find((f) => ALIASES[f].includes(headerKey(h))) ?? null
      if (!field) unknown.push(h)
    }
    if (field && taken.has(field)) return { header: h, field: null }
    if (field) taken.add(field)
    return { header: h, field }
  })
  return { columns, unknown }
}

export interface ImportIssue {
  field: string | null
  message: string
}

export interface ImportValues {
  name: string | null
  email: string | null
  phone: string | null
  company: string | null
  location: string | null
  tags: string[]
  message: string | null
  /** Lead value in minor units. */
  valueMinor: number | null
  custom: Record<string, string>
}

export interface PlannedRow {
  line: number
  values: ImportValues
  errors: ImportIssue[]
  /** The first earlier line with the same e-mail or phone. */
  duplicateOfLine: number | null
}

const TEXT_MAX: Partial<Record<ImportField, number>> = {
  name: 200,
  company: 200,
  location: 200,
  message: 5000,
}

/** `1250`, `1250.5`, `1250,50` → minor units (two decimals); anything else is not a value. */
export function parseAmount(text: string): number | null {
  const m = /^(\d{1,12})(?:[.,](\d{1,2}))?$/.exec(text.replace(/\s/g, ''))
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'))
}

/** Validates and normalises one row's cells. */
function planRow(row: CsvRow, columns: ImportColumn[], region: string): PlannedRow {
  const errors: ImportIssue[] = []
  const values: ImportValues = {
    name: null,
    email: null,
    phone: null,
    company: null,
    location: null,
    tags: [],
    message: null,
    valueMinor: null,
    custom: {},
  }
  columns.forEach((col, i) => {
    const raw = (row.cells[i] ?? '').trim()
    if (!col.field || raw === '') return
    const field = col.field
    if (field.startsWith('custom:')) {
      if (raw.length > 2000) errors.push({ field, message: 'longer than 2000 characters' })
      else values.custom[field.slice(7)] = raw
      return
    }
    switch (field as ImportField) {
      case 'email': {
        const parsed = v.safeParse(EmailSchema, raw)
        if (parsed.success) values.email = normalizeEmail(parsed.output)
        else errors.push({ field, message: 'not a valid e-mail address' })
        return
      }
      case 'phone': {
        const parsed = v.safeParse(PhoneSchema, raw)
        const phone = parsed.success
          ? normalizePhone(parsed.output, region)
          : { ok: false as const }
        if (phone.ok) values.phone = phone.value
        else errors.push({ field, message: 'not a valid phone number' })
        return
      }
      case 'tags': {
        const tags = [
          ...new Set(
            raw
              .split(/[|,]/)
              .map((t) => t.trim())
              .filter((t) => t !== ''),
          ),
        ]
        if (tags.length > 20) errors.push({ field, message: 'at most 20 tags' })
        else if (!tags.every((t) => v.is(TagSchema, t))) {
          errors.push({ field, message: 'a tag is 1 to 40 characters' })
        } else values.tags = tags
        return
      }
      case 'value': {
        const amount = parseAmount(raw)
        if (amount === null) errors.push({ field, message: 'not an amount (e.g. 1250,50)' })
        else values.valueMinor = amount
        return
      }
      default: {
        const key = field as 'name' | 'company' | 'location' | 'message'
        const max = TEXT_MAX[key]!
        if (raw.length > max) errors.push({ field, message: `longer than ${max} characters` })
        // The file as a whole is multi-line text; a name, company or location is one line.
        else if (key !== 'message' && !isCleanText(raw)) {
          errors.push({ field, message: 'one line, without tabs or control characters' })
        } else values[key] = raw
      }
    }
  })
  if (
    !values.email &&
    !values.phone &&
    !errors.some((e) => e.field === 'email' || e.field === 'phone')
  ) {
    errors.push({ field: null, message: 'give an e-mail address or a phone number' })
  }
  return { line: row.line, values, errors, duplicateOfLine: null }
}

/**
 * Plans every row of a parsed file: validated values, errors per row (the parser's too), and
 * for each row the first earlier line that has its e-mail or phone. Sorted by line.
 */
export function planImport(
  rows: CsvRow[],
  parseErrors: CsvRowError[],
  columns: ImportColumn[],
  region: string,
): PlannedRow[] {
  const planned = rows.map((r) => planRow(r, columns, region))
  const firstLine = new Map<string, number>()
  for (const row of planned) {
    if (row.errors.length > 0) continue
    const keys = [
      row.values.email && `e:${row.values.email}`,
      row.values.phone && `p:${row.values.phone}`,
    ]
    for (const key of keys) {
      if (!key) continue
      const earlier = firstLine.get(key)
      if (earlier !== undefined && row.duplicateOfLine === null) row.duplicateOfLine = earlier
      if (earlier === undefined) firstLine.set(key, row.line)
    }
  }
  const broken: PlannedRow[] = parseErrors.map((e) => ({
    line: e.line,
    values: planRow({ line: e.line, cells: [] }, [], region).values,
    errors: [{ field: null, message: e.message }],
    duplicateOfLine: null,
  }))
  return [...planned, ...broken].sort((a, b) => a.line - b.line)
}
