/** Admin API for the contact book: tags and fields, merge, dedupe, import/export, privacy. */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import {
  type Contact,
  ContactEraseSchema,
  ContactErasedSchema,
  ContactExportQuerySchema,
  ContactMergeSchema,
  ContactMergedSchema,
  DuplicatesSchema,
  IdSchema,
  ImportPreviewSchema,
  ImportRequestSchema,
  type ImportResult,
  ImportResultSchema,
  PrivacySettingsInputSchema,
  PrivacySettingsSchema,
  SubjectExportSchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import { csvLine } from '../contacts/formula'
import { applyAutomatic } from '../pipeline'
import { duplicateGroups, mergeStatements } from '../db/contacts-merge'
import { importRowStatements, prepareImport } from '../db/contacts-import'
import {
  eraseStatements,
  getPrivacySettings,
  putPrivacySettingsStatement,
  subjectAccessAuditStatement,
  subjectExport,
} from '../db/contacts-privacy'
import { getContact, listContacts, listMerges } from '../db/contacts'
import { getSiteById } from '../db/sites'
import { ApiError, envelope } from '../lib/errors'
import { newId } from '../lib/ids'
import { requireOwner } from '../middleware/admin-auth'
import { requireJson } from '../middleware/body'
import { describeRoute, validate } from '../openapi/describe'
import { commitIdempotent, idempotent } from '../middleware/idempotency'
import { ContactConflictSchema } from '../openapi/schemas'

const idParam = validate('param', v.object({ id: IdSchema }))

async function findContact(c: Context<AppEnv>, id: string): Promise<Contact> {
  const contact = await getContact(c.env.DB, c.get('auth').siteId, id)
  if (!contact) throw new ApiError('not_found', 'No such contact.')
  return contact
}

async function storeRegion(c: Context<AppEnv>) {
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

/**
 * Routes under `/admin/api/contacts/<name>`: mounted by admin-contacts.ts before its `/:id`, so
 * `duplicates`, `export` and `import` are never read as contact ids.
 */
export const contactBookCollection = new Hono<AppEnv>()
  .get(
    '/duplicates',
    describeRoute({
      operationId: 'listDuplicateContacts',
      summary: 'Contacts that look like one person',
      description:
        'Groups of live contacts with the same mailbox (Gmail dots and `+tags` ignored), ' +
        'the same phone, or similar names (Turkish letters folded, word order ignored, a ' +
        'typo or two; not at different companies), strongest reasons first; at most 50 ' +
        "groups over the store's 2000 newest contacts.",
      tag: 'Contact book',
      success: { status: 200, description: 'The groups.', schema: DuplicatesSchema },
      errors: [401, 500, 503],
    }),
    async (c) => {
      const groups = await duplicateGroups(c.env.DB, c.get('auth').siteId)
      return c.json({
        items: groups.map(({ plan, contacts }) => ({
          reason: plan.reason,
          key: plan.key,
          score: plan.score,
          contacts,
        })),
      })
    },
  )
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
      tag: 'Contact book',
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
        'The body is JSON: `csv` is the file as text (UTF-8; a BOM is fine), with a ' +
        'header row and `;` or `,` separators (detected from the header). The whole ' +
        'request is at most 64 KB and 500 rows (413 beyond); a file that is not UTF-8 ' +
        '(e.g. Windows-1254) answers 422. Headers are recognised in Turkish and English ' +
        '(ad soyad, e-posta, telefon, şirket, şehir, etiketler, mesaj, tutar…) or mapped ' +
        'with `mapping` (`custom:<key>` for a custom field, `ignore`); other columns are ' +
        'listed as unknown and ignored. The answer lists each row with its errors, the ' +
        'existing contact it matches (by e-mail, else phone) and the earlier line of the ' +
        'file it repeats.',
      tag: 'Contact book',
      success: { status: 200, description: 'The preview.', schema: ImportPreviewSchema },
      errors: [400, 401, 413, 415, 422, 500, 503],
    }),
    requireJson(),
    validate('json', ImportRequestSchema),
    async (c) => {
      const site = await storeRegion(c)
      const prepared = await prepareImport(
        c.env.DB,
        site.id,
        site.default_region,
        c.req.valid('json'),
      )
      return c.json(prepared.preview)
    },
  )
  .post(
    '/import',
    describeRoute({
      operationId: 'importContacts',
      summary: 'Import contacts (and leads) from CSV',
      description:
        'The body is JSON: `csv` is the file as text (UTF-8; a BOM is fine), with a ' +
        'header row and `;` or `,` separators (detected from the header). The whole ' +
        'request is at most 64 KB and 500 rows (413 beyond); a file that is not UTF-8 ' +
        '(e.g. Windows-1254) answers 422. Headers are recognised in Turkish and English ' +
        '(ad soyad, e-posta, telefon, şirket, şehir, etiketler, mesaj, tutar…) or mapped ' +
        'with `mapping` (`custom:<key>` for a custom field, `ignore`); other columns are ' +
        'listed as unknown and ignored. Valid rows are written in one batch: a row ' +
        "matching an existing contact fills that contact's empty fields and adds its " +
        'tags (`updated`); other rows create a contact (`created`); rows with errors or ' +
        'repeating an earlier line are `skipped`. With `createLeads` each written row ' +
        'also gets a lead at stage `lead` (its history, `lead.created` event and ' +
        'timeline row). Imports record no consent. A retry with the same ' +
        '`Idempotency-Key` and body gets the first answer and writes nothing.',
      tag: 'Contact book',
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
        const site = await storeRegion(c)
        const db = c.env.DB
        const { preview, writable } = await prepareImport(db, siteId, site.default_region, input)
        const now = new Date()
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
            ? {
                line: r.line,
                status: w.status,
                contactId: w.contactId,
                leadId: w.leadId,
                errors: [],
              }
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
        return commitIdempotent(c, idem, statements, 200, result, at)
      })
    },
  )

export const contactBookActions = new Hono<AppEnv>()
  .post(
    '/:id/merge',
    describeRoute({
      operationId: 'mergeContacts',
      summary: 'Merge another contact into this one',
      description:
        "In one batch: `from`'s leads (with their quiz responses, bookings, quotes and " +
        'invoices), timeline, messages, enrollments and tags move to this contact; its ' +
        'consent records move too, keeping their text version and time and naming `from` ' +
        "as the person who gave them; this contact's empty fields are filled from " +
        '`from`; `from` is marked merged and hidden from lists; the merge is recorded ' +
        '(shown in the contact detail), on both timelines and in the audit log. ' +
        "`expectedVersion` is this contact's. Merging a contact into itself answers 422; " +
        'a contact of another store 404; an erased or merged contact or a stale version ' +
        '409.',
      tag: 'Contact book',
      success: {
        status: 200,
        description: 'The contact after the merge.',
        schema: ContactMergedSchema,
      },
      errors: [400, 401, 404, 409, 413, 415, 422, 500, 503],
      conflict: ContactConflictSchema,
    }),
    idParam,
    requireJson(),
    validate('json', ContactMergeSchema),
    async (c) => {
      const { siteId, userId } = c.get('auth')
      const intoId = c.req.valid('param').id
      const { from, expectedVersion } = c.req.valid('json')
      if (from === intoId) {
        throw new ApiError('validation_failed', 'A contact cannot be merged into itself.', [
          { path: 'from', message: 'the same contact as the one merged into' },
        ])
      }
      const into = await findContact(c, intoId)
      const source = await findContact(c, from)
      for (const contact of [into, source]) {
        if (contact.erasedAt) throw new ApiError('conflict', `Contact ${contact.id} was erased.`)
        if (contact.mergedInto) {
          throw new ApiError(
            'conflict',
            `Contact ${contact.id} was already merged into another one.`,
          )
        }
      }
      const db = c.env.DB
      const at = new Date().toISOString()
      const merge = mergeStatements(db, {
        siteId,
        intoId,
        fromId: from,
        expectedVersion,
        actorId: userId,
        at,
      })
      const [recorded] = await db.batch(merge.statements)
      if (recorded?.meta.changes !== 1) {
        const current = await findContact(c, intoId)
        if (current.version !== expectedVersion) {
          return c.json(
            { ...envelope('conflict', 'Someone changed this contact first.'), current },
            409,
          )
        }
        throw new ApiError('conflict', 'One of the contacts changed meanwhile; reload and retry.')
      }
      const record = (await listMerges(db, siteId, intoId)).find((m) => m.id === merge.id)
      return c.json({ contact: await findContact(c, intoId), merge: record })
    },
  )
  .get(
    '/:id/export',
    describeRoute({
      operationId: 'exportContactData',
      summary: 'Everything held about one person (KVKK/GDPR subject access)',
      description:
        'One JSON file (`Content-Disposition: attachment`): the contact, consent records ' +
        '(each with the exact wording it was given under, its language, channel, source ' +
        'and time), leads and stage history, the whole timeline, quiz responses, ' +
        'bookings, quotes, invoices, the e-mails and SMS sent to them, and merges. The ' +
        'export is recorded in the audit log.',
      tag: 'Contact book',
      success: { status: 200, description: 'The file.', schema: SubjectExportSchema },
      errors: [401, 404, 422, 500, 503],
    }),
    idParam,
    async (c) => {
      const { siteId, userId } = c.get('auth')
      const id = c.req.valid('param').id
      const at = new Date().toISOString()
      const data = await subjectExport(c.env.DB, siteId, id, at)
      if (!data) throw new ApiError('not_found', 'No such contact.')
      await subjectAccessAuditStatement(c.env.DB, siteId, userId, id, at).run()
      return c.json(data, 200, {
        'Content-Disposition': `attachment; filename="contact-${id}.json"`,
        'Cache-Control': 'no-store',
      })
    },
  )
  .post(
    '/:id/erase',
    describeRoute({
      operationId: 'eraseContact',
      summary: "Erase a person's data (owners)",
      description:
        "Anonymises the person everywhere in one batch: the contact's fields, tags and " +
        "custom fields, their leads' message, custom fields and source, personal parts " +
        'of timeline entries, events and quote events, free-text quiz answers, booking ' +
        'notes, the name a quote was accepted with, and the recipient and content of ' +
        'messages to them (queued ones are cancelled). Stages, history, amounts and ' +
        'consent records (without personal data) stay, so the numbers add up. Raises ' +
        '`contact.erased`; the audit log records who, when and why. A second erasure, or ' +
        'erasing a merged contact, answers 409.',
      tag: 'Contact book',
      success: { status: 200, description: 'Erased.', schema: ContactErasedSchema },
      errors: [400, 401, 403, 404, 409, 413, 415, 422, 500, 503],
    }),
    idParam,
    requireJson(),
    validate('json', ContactEraseSchema),
    async (c) => {
      const { siteId, userId } = c.get('auth')
      const contact = await findContact(c, c.req.valid('param').id)
      requireOwner(c)
      if (contact.erasedAt) throw new ApiError('conflict', 'This contact was already erased.')
      if (contact.mergedInto) {
        throw new ApiError(
          'conflict',
          'This contact was merged into another one; erase that contact instead.',
        )
      }
      const at = new Date().toISOString()
      const { statements } = eraseStatements(c.env.DB, {
        siteId,
        contactId: contact.id,
        actor: { type: 'user', id: userId },
        reason: c.req.valid('json').reason,
        at,
      })
      const [cleared] = await c.env.DB.batch(statements)
      if (cleared?.meta.changes !== 1)
        throw new ApiError('conflict', 'This contact was already erased.')
      return c.json({ contactId: contact.id, erasedAt: at, erasedBy: userId })
    },
  )

/** Retention and privacy settings, at `/admin/api/privacy`. */
export const adminPrivacy = new Hono<AppEnv>()
  .get(
    '/settings',
    describeRoute({
      operationId: 'getPrivacySettings',
      summary: "The store's retention setting",
      tag: 'Contact book',
      success: { status: 200, description: 'The settings.', schema: PrivacySettingsSchema },
      errors: [401, 500, 503],
    }),
    async (c) => c.json(await getPrivacySettings(c.env.DB, c.get('auth').siteId)),
  )
  .put(
    '/settings',
    describeRoute({
      operationId: 'updatePrivacySettings',
      summary: 'Set the retention period (owners)',
      description:
        '`retentionMonths` (1–120): the daily run anonymises contacts without any ' +
        'activity or lead change for that long, as an erasure does (audit actor ' +
        '`system`); `null` turns it off.',
      tag: 'Contact book',
      success: { status: 200, description: 'The settings.', schema: PrivacySettingsSchema },
      errors: [400, 401, 403, 413, 415, 422, 500, 503],
    }),
    requireJson(),
    validate('json', PrivacySettingsInputSchema),
    async (c) => {
      requireOwner(c)
      const { siteId, userId } = c.get('auth')
      const { retentionMonths } = c.req.valid('json')
      await putPrivacySettingsStatement(
        c.env.DB,
        siteId,
        retentionMonths,
        userId,
        new Date().toISOString(),
      ).run()
      return c.json(await getPrivacySettings(c.env.DB, siteId))
    },
  )
