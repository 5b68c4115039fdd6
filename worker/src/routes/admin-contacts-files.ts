/**
 * Admin API for contacts as files, under `/admin/api/contacts`: the export of every contact
 * (CSV or NDJSON, streamed) and the CSV import with its preview. Mounted in app.ts before
 * admin-contacts.ts, so `export` and `import` are never read as contact ids.
 */
import { Hono, type Context } from 'hono'
import {
  type Contact,
  ContactExportQuerySchema,
  ImportPreviewSchema,
  ImportRequestSchema,
  ImportResultSchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import { csvLine } from '../contacts/formula'
import { listContacts } from '../db/contacts'
import { getSiteById } from '../db/sites'
import { requireJson } from '../middleware/body'
import { describeRoute, validate } from '../openapi/describe'
import { idempotent } from '../middleware/idempotency'
import { importContacts, previewImport } from '../usecases/import-contacts'

/** What both import routes say of the file they read. */
const CSV_BODY =
  'The body is JSON: `csv` is the file as text (UTF-8; a BOM is fine), with a ' +
  'header row and `;` or `,` separators (detected from the header). The whole ' +
  'request is at most 64 KB and 500 rows (413 beyond); a file that is not UTF-8 ' +
  '(e.g. Windows-1254) answers 422. Headers are recognised in Turkish and English ' +
  '(ad soyad, e-posta, telefon, şirket, şehir, etiketler, mesaj, tutar…) or mapped ' +
  'with `mapping` (`custom:<key>` for a custom field, `ignore`); other columns are ' +
  'listed as unknown and ignored. '

async function siteOfKey(c: Context<AppEnv>) {
  const site = await getSiteById(c.env.DB, c.get('auth').siteId)
  if (!site) throw new Error('key of a missing site')
  return site
}

const EXPORT_COLUMNS = [
  'id',
  'name',
  'email',
  'phone',
  'company',
  'location',
  'ownerId',
  'tags',
  'custom',
  'createdAt',
  'updatedAt',
] as const

const exportRow = (contact: Contact) =>
  EXPORT_COLUMNS.map((col) =>
    col === 'tags'
      ? contact.tags.join('|')
      : col === 'custom'
        ? JSON.stringify(contact.custom)
        : contact[col],
  )

export const adminContactFiles = new Hono<AppEnv>()
  .get(
    '/export',
    describeRoute({
      operationId: 'exportContacts',
      summary: 'Export contacts as CSV or NDJSON',
      description:
        'Every live contact matching the filters, streamed. CSV: UTF-8 with a BOM ' +
        '(Excel), a header row, `,` or (`separator=semicolon`) `;`, cells with either ' +
        'separator quoted, and cells a spreadsheet would run as a formula (starting with ' +
        "= + - @, tab or CR) prefixed with '. NDJSON: one contact (as `Contact`) per " +
        'line.',
      tag: 'Contacts',
      success: { status: 200, description: 'A CSV file.', contentType: 'text/csv' },
      errors: [400, 401, 422, 500, 503],
    }),
    validate('query', ContactExportQuerySchema),
    async (c) => {
      const { siteId } = c.get('auth')
      const { format, separator, ...filters } = c.req.valid('query')
      const db = c.env.DB
      const sep = separator === 'semicolon' ? ';' : ','
      const encoder = new TextEncoder()
      let cursor: string | undefined
      let started = false
      // Pages of 100 read as the client reads: memory stays one page whatever the store's size.
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (!started) {
            started = true
            if (format === 'csv')
              controller.enqueue(encoder.encode(`\uFEFF${csvLine([...EXPORT_COLUMNS], sep)}`))
          }
          const page = await listContacts(db, siteId, { ...filters, limit: 100, cursor })
          const text = page.items
            .map((contact) =>
              format === 'csv' ? csvLine(exportRow(contact), sep) : `${JSON.stringify(contact)}\n`,
            )
            .join('')
          if (text !== '') controller.enqueue(encoder.encode(text))
          if (!page.nextCursor) controller.close()
          cursor = page.nextCursor ?? undefined
        },
      })
      const day = new Date().toISOString().slice(0, 10)
      return c.body(body, 200, {
        'Content-Type':
          format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
        'Content-Disposition': `attachment; filename="contacts-${day}.${format}"`,
        'Cache-Control': 'no-store',
      })
    },
  )
  .post(
    '/import/preview',
    describeRoute({
      operationId: 'previewContactImport',
      summary: 'Preview a CSV import (writes nothing)',
      description:
        CSV_BODY +
        'The answer lists each row with its errors, the ' +
        'existing contact it matches (by e-mail, else phone) and the earlier line of the ' +
        'file it repeats.',
      tag: 'Contacts',
      success: { status: 200, description: 'The preview.', schema: ImportPreviewSchema },
      errors: [400, 401, 413, 415, 422, 500, 503],
    }),
    requireJson(),
    validate('json', ImportRequestSchema),
    async (c) => c.json(await previewImport(c.env.DB, await siteOfKey(c), c.req.valid('json'))),
  )
  .post(
    '/import',
    describeRoute({
      operationId: 'importContacts',
      summary: 'Import contacts (and leads) from CSV',
      description:
        CSV_BODY +
        'Valid rows are written in one batch: a row ' +
        "matching an existing contact fills that contact's empty fields and adds its " +
        'tags (`updated`); other rows create a contact (`created`); rows with errors or ' +
        'repeating an earlier line are `skipped`. With `createLeads` each written row ' +
        'also gets a lead at stage `lead` (its history, `lead.created` event and ' +
        'timeline row). Imports record no consent. A retry with the same ' +
        '`Idempotency-Key` and body gets the first answer and writes nothing.',
      tag: 'Contacts',
      idempotencyKey: 'optional',
      success: {
        status: 200,
        description: 'What happened to each row.',
        schema: ImportResultSchema,
      },
      errors: [400, 401, 413, 415, 422, 500, 503],
    }),
    requireJson(),
    validate('json', ImportRequestSchema),
    async (c) => {
      const { siteId, userId } = c.get('auth')
      const input = c.req.valid('json')
      return idempotent(c, siteId, { required: false }, async (idem) => {
        const deps = { db: c.env.DB, now: new Date() }
        const site = await siteOfKey(c)
        return c.json(await importContacts(deps, site, input, userId, idem), 200)
      })
    },
  )
