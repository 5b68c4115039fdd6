/** Admin API for the contact book: tags and fields, merge, dedupe, import/export, privacy. */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import {
  ContactEraseSchema,
  ContactExportQuerySchema,
  ContactMergeSchema,
  IdSchema,
  ImportRequestSchema,
  PrivacySettingsInputSchema,
  type Contact,
  type ImportResult,
} from '../../../contract'
import type { AppEnv } from '../env'
import { csvLine } from '../contacts/formula'
import { applyAutomatic } from '../pipeline'
import { duplicateGroups, mergeStatements } from '../db/contact-book'
import { importRowStatements, prepareImport } from '../db/contact-book-import'
import {
  eraseStatements,
  getPrivacySettings,
  putPrivacySettingsStatement,
  subjectAccessAuditStatement,
  subjectExport,
} from '../db/contact-book-privacy'
import { getContact, listContacts, listMerges } from '../db/contacts'
import { getSiteById } from '../db/sites'
import { ApiError, envelope } from '../lib/errors'
import { newId } from '../lib/ids'
import { requireOwner } from '../middleware/admin-auth'
import { requireJson, validate } from '../middleware/body'
import { commitIdempotent, idempotent } from '../middleware/idempotency'

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
  .get('/duplicates', async (c) => {
    const groups = await duplicateGroups(c.env.DB, c.get('auth').siteId)
    return c.json({
      items: groups.map(({ plan, contacts }) => ({
        reason: plan.reason,
        key: plan.key,
        score: plan.score,
        contacts,
      })),
    })
  })
  .get('/export', validate('query', ContactExportQuerySchema), async (c) => {
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
  })
  .post('/import/preview', requireJson(), validate('json', ImportRequestSchema), async (c) => {
    const site = await storeRegion(c)
    const prepared = await prepareImport(
      c.env.DB,
      site.id,
      site.default_region,
      c.req.valid('json'),
    )
    return c.json(prepared.preview)
  })
  .post('/import', requireJson(), validate('json', ImportRequestSchema), async (c) => {
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
      return commitIdempotent(c, idem, statements, 200, result, at)
    })
  })

export const adminContactBook = new Hono<AppEnv>()
  .post(
    '/contacts/:id/merge',
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
  .get('/contacts/:id/export', idParam, async (c) => {
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
  })
  .post(
    '/contacts/:id/erase',
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
  .get('/privacy/settings', async (c) =>
    c.json(await getPrivacySettings(c.env.DB, c.get('auth').siteId)),
  )
  .put(
    '/privacy/settings',
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
