/**
 * A rep imports contacts (and leads) from a CSV file: the file is parsed, its columns mapped
 * and its rows validated (contacts/csv.ts, contacts/import.ts), the contacts its rows match are
 * found (db/contacts-import.ts), and the valid rows are written in one batch with the answer.
 * The preview does all of it but the writing.
 */
import {
  IMPORT_MAX_ROWS,
  type ImportPreview,
  type ImportRequest,
  type ImportResult,
} from '../../../contract'
import { DEFAULT_CSV_LIMITS, parseCsv } from '../contacts/csv'
import { mapColumns, planImport, type PlannedRow } from '../contacts/import'
import {
  existingContacts,
  importRowStatements,
  matchOf,
  type ExistingMatch,
} from '../db/contacts-import'
import { saveIdempotencyKey } from '../db/idempotency'
import type { SiteRow } from '../db/sites'
import { DomainError } from '../lib/errors'
import { newId } from '../lib/ids'
import { applyAutomatic } from '../pipeline'
import { runBatch, type IdempotencyKey, type Deps } from './batch'

interface PreparedImport {
  preview: ImportPreview
  /** Rows to write: valid and not repeating an earlier row of the file. */
  writable: { row: PlannedRow; existing: ExistingMatch | null }[]
}

/**
 * Parses, maps and validates an import and finds the contacts its rows match. Writes nothing.
 * Throws 413 `payload_too_large` for too many rows and 422 for a file that cannot be read at
 * all (wrong encoding, empty).
 */
async function prepareImport(
  db: D1Database,
  site: SiteRow,
  input: ImportRequest,
): Promise<PreparedImport> {
  const parsed = parseCsv(input.csv, { ...DEFAULT_CSV_LIMITS, maxRows: IMPORT_MAX_ROWS })
  if (!parsed.ok) {
    if (parsed.code === 'too_many_rows') throw new DomainError('payload_too_large', parsed.message)
    throw new DomainError('validation_failed', parsed.message, [
      { path: 'csv', message: parsed.message },
    ])
  }
  const { columns, unknown } = mapColumns(parsed.header, input.mapping)
  const planned = planImport(parsed.rows, parsed.errors, columns, site.default_region)
  const existing = await existingContacts(db, site.id, planned)
  const rows = planned.map((row) => ({
    line: row.line,
    values: row.values as unknown as Record<string, unknown>,
    errors: row.errors,
    existing: row.errors.length === 0 ? matchOf(row, existing) : null,
    duplicateOfLine: row.duplicateOfLine,
  }))
  const valid = planned.filter((r) => r.errors.length === 0)
  return {
    preview: {
      separator: parsed.separator,
      columns: columns.map((col) => ({ header: col.header, field: col.field })),
      unknownColumns: unknown,
      rows,
      totals: {
        rows: planned.length,
        valid: valid.length,
        invalid: planned.length - valid.length,
        existing: rows.filter((r) => r.existing).length,
        duplicatesInFile: valid.filter((r) => r.duplicateOfLine !== null).length,
      },
    },
    writable: valid
      .filter((r) => r.duplicateOfLine === null)
      .map((row) => ({ row, existing: matchOf(row, existing) })),
  }
}

/**
 * What an import of the file would do, row by row (errors, the contact each row matches, the
 * earlier line it repeats). Writes nothing; throws as `importContacts` does for a file that
 * cannot be read.
 */
export async function previewImport(
  db: D1Database,
  site: SiteRow,
  input: ImportRequest,
): Promise<ImportPreview> {
  return (await prepareImport(db, site, input)).preview
}

/**
 * Imports the file's valid rows for the rep: a row matching a live contact (e-mail, else phone)
 * fills its empty fields and adds its tags, other rows create a contact, and with `createLeads`
 * each written row gets a lead at `lead`. Answers what happened to each row; the answer is
 * stored under `key` in the same batch. Throws 413 or 422 for a file that cannot be read.
 * @example const result = await importContacts({ db, now: new Date() }, site, input, userId, key)
 */
export async function importContacts(
  { db, now }: Deps,
  site: SiteRow,
  input: ImportRequest,
  userId: string,
  key?: IdempotencyKey,
): Promise<ImportResult> {
  const siteId = site.id
  const { preview, writable } = await prepareImport(db, site, input)
  const at = now.toISOString()
  const planned = applyAutomatic(null, 'captured', now)
  if (!planned.ok) throw new Error('capture must always be allowed')
  const move = { ...planned.plan, actor: { type: 'user' as const, id: userId } }
  const written = new Map(
    writable.map(({ row, existing }) => [
      row.line,
      {
        row,
        status: existing ? ('updated' as const) : ('created' as const),
        contactId: existing?.contactId ?? newId('ct'),
        leadId: input.createLeads ? newId('ld') : null,
      },
    ]),
  )
  const statements = [...written.values()].flatMap((w) =>
    importRowStatements(db, siteId, w, {
      currency: site.currency,
      move: input.createLeads ? move : null,
      userId,
      at,
    }),
  )
  const rows = preview.rows.map((r) => {
    const w = written.get(r.line)
    return w
      ? { line: r.line, status: w.status, contactId: w.contactId, leadId: w.leadId, errors: [] }
      : {
          line: r.line,
          status: 'skipped' as const,
          contactId: r.existing?.contactId ?? null,
          leadId: null,
          errors:
            r.errors.length > 0
              ? r.errors
              : [{ field: null, message: `repeats line ${r.duplicateOfLine} of the file` }],
        }
  })
  const result: ImportResult = {
    created: rows.filter((r) => r.status === 'created').length,
    updated: rows.filter((r) => r.status === 'updated').length,
    skipped: rows.filter((r) => r.status === 'skipped').length,
    leadsCreated: rows.filter((r) => r.leadId !== null).length,
    rows,
  }
  // The rows have no guard: each applies, finding its contact inside the batch (rows written
  // before it count). A second request with the key fails the batch on the stored answer.
  const [head, ...rest] = statements
  if (head) {
    await runBatch(db, {
      answer: key ? { key, status: 200, body: result, at } : null,
      change: [head, ...rest],
    })
  } else if (key) {
    // Nothing to write but the answer, which alone refuses a second request with the key.
    await runBatch(db, {
      change: [saveIdempotencyKey(db, key.siteId, key.key, key.requestHash, 200, result, at)],
    })
  }
  return result
}
