/**
 * Admin API for quotes and invoices: drafts per lead (totals computed with the shared pricing
 * module), sending (a link token shown once; the lead moves to `proposal`; earlier sent
 * revisions become `replaced`), revoking, and the invoices issued from accepted quotes (paid
 * closes the lead `won`, cancelled gets a credit note). Reps and owners may do all of it; what
 * each does is in usecases/ (draft-quote, send-quote, revoke-quote, invoices).
 */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import {
  AdminQuoteSchema,
  IdSchema,
  InvoiceExportSchema,
  InvoiceListQuerySchema,
  InvoicePageSchema,
  InvoiceSchema,
  QuoteDetailSchema,
  QuoteDraftSchema,
  QuoteSentSchema,
  QuoteSettingsSchema,
  VersionQuerySchema,
} from '../../../contract'
import { publicUrl, type AppEnv } from '../env'
import { requireOwner } from '../middleware/admin-auth'
import { getLead } from '../db/leads'
import { getInvoice, getInvoiceOfQuote, getInvoiceWithEttn, listInvoices } from '../db/invoices'
import {
  getQuoteSettings,
  putQuoteSettingsStatement,
  getQuote,
  listQuotesOfLead,
  quoteFromRow,
  viewSummary,
  type QuoteRow,
} from '../db/quotes'
import { getContact } from '../db/contacts'
import { getSiteById } from '../db/sites'
import { ApiError } from '../lib/errors'
import { noBody, requireJson } from '../middleware/body'
import { describeRoute, validate } from '../openapi/describe'
import { invoiceExport } from '../quotes/einvoice'
import { findLead } from './lead-lookup'
import { cancelInvoice, issueInvoice, markInvoicePaid } from '../usecases/invoices'
import { revokeQuote } from '../usecases/revoke-quote'
import { createDraft, updateDraft } from '../usecases/draft-quote'
import { sendQuote } from '../usecases/send-quote'
import { QuoteListSchema } from '../openapi/schemas'

const idParam = validate('param', v.object({ id: IdSchema }))

async function findQuote(c: Context<AppEnv>, id: string): Promise<QuoteRow> {
  const quote = await getQuote(c.env.DB, c.get('auth').siteId, id)
  if (!quote) throw new ApiError('not_found', 'No such quote.')
  return quote
}

async function detail(c: Context<AppEnv>, id: string) {
  const { siteId } = c.get('auth')
  const row = await findQuote(c, id)
  const [views, invoice] = await Promise.all([
    viewSummary(c.env.DB, siteId, id),
    getInvoiceOfQuote(c.env.DB, siteId, id),
  ])
  return { quote: quoteFromRow(row), views, invoice }
}

/** What the quote use cases depend on: the database and the clock. */
const deps = (c: Context<AppEnv>) => ({ db: c.env.DB, now: new Date() })

/** A rep's change of an invoice of the store (404 when none), answered with the invoice after. */
async function changeInvoice(
  c: Context<AppEnv>,
  id: string,
  change: typeof markInvoicePaid | typeof cancelInvoice,
) {
  const { siteId } = c.get('auth')
  const invoice = await getInvoice(c.env.DB, siteId, id)
  if (!invoice) throw new ApiError('not_found', 'No such invoice.')
  await change(deps(c), invoice, c.get('auth'))
  return c.json((await getInvoice(c.env.DB, siteId, invoice.id))!)
}

export const leadQuotes = new Hono<AppEnv>()
  .post(
    '/:id/quotes',
    describeRoute({
      operationId: 'createQuote',
      summary: 'Draft a quote for a lead (the next revision)',
      description:
        'Totals are computed on the server with the shared pricing module; tax rates are ' +
        "KDV 20/10/1/0 % or the store's own (`taxRatesBps` in its quote settings), the " +
        "currency is the lead's.",
      tag: 'Quotes',
      success: { status: 201, description: 'The draft.', schema: AdminQuoteSchema },
      errors: [400, 401, 404, 409, 413, 415, 422, 500, 503],
    }),
    idParam,
    requireJson(),
    validate('json', QuoteDraftSchema),
    async (c) => {
      const lead = await findLead(c, c.req.valid('param').id)
      const { id } = await createDraft(deps(c), lead, c.req.valid('json'), c.get('auth'))
      return c.json(quoteFromRow((await findQuote(c, id))!), 201)
    },
  )
  .get(
    '/:id/quotes',
    describeRoute({
      operationId: 'listQuotesOfLead',
      summary: "A lead's quotes, newest revision first",
      tag: 'Quotes',
      success: { status: 200, description: 'The quotes.', schema: QuoteListSchema },
      errors: [401, 404, 422, 500, 503],
    }),
    idParam,
    async (c) => {
      const lead = await findLead(c, c.req.valid('param').id)
      return c.json({ items: await listQuotesOfLead(c.env.DB, c.get('auth').siteId, lead.id) })
    },
  )

/** Quotes by id: edit, send, revoke, invoice, at `/admin/api/quotes`. */
export const adminQuotes = new Hono<AppEnv>()
  .get(
    '/:id',
    describeRoute({
      operationId: 'getQuote',
      summary: 'A quote with its views and invoice',
      tag: 'Quotes',
      success: { status: 200, description: 'The quote.', schema: QuoteDetailSchema },
      errors: [401, 404, 422, 500, 503],
    }),
    idParam,
    async (c) => c.json(await detail(c, c.req.valid('param').id)),
  )
  .put(
    '/:id',
    describeRoute({
      operationId: 'updateQuote',
      summary: 'Change a draft (guarded by expectedVersion in the query)',
      tag: 'Quotes',
      success: { status: 200, description: 'The draft.', schema: AdminQuoteSchema },
      errors: [400, 401, 404, 409, 413, 415, 422, 500, 503],
    }),
    idParam,
    validate('query', VersionQuerySchema),
    requireJson(),
    validate('json', QuoteDraftSchema),
    async (c) => {
      const q = await findQuote(c, c.req.valid('param').id)
      const { expectedVersion } = c.req.valid('query')
      const { siteId } = c.get('auth')
      await updateDraft(deps(c), q, c.req.valid('json'), expectedVersion, siteId)
      return c.json(quoteFromRow((await findQuote(c, q.id))!))
    },
  )
  .post(
    '/:id/send',
    describeRoute({
      operationId: 'sendQuote',
      summary: 'Send a draft: its link is answered once; the lead moves to proposal',
      description:
        "Earlier sent revisions of the lead become replaced. The link opens the store's " +
        'own quote page (`quotePageUrl` in the delivery settings) with ' +
        '`?leadline_quote=`, else the page this worker hosts at `/q/:token`. A draft ' +
        "valid until a day before today (in the store's zone) answers 422 with an issue " +
        'on `validUntil`.',
      tag: 'Quotes',
      success: { status: 200, description: 'The quote and its link.', schema: QuoteSentSchema },
      errors: [401, 404, 409, 415, 422, 500, 503],
    }),
    idParam,
    noBody(),
    async (c) => {
      const q = await findQuote(c, c.req.valid('param').id)
      const sending = { ...deps(c), publicUrl: () => publicUrl(c.env) }
      const { url } = await sendQuote(sending, q, c.get('auth'))
      return c.json({ quote: quoteFromRow((await findQuote(c, q.id))!), url })
    },
  )
  .post(
    '/:id/revoke',
    describeRoute({
      operationId: 'revokeQuote',
      summary: "Revoke a sent quote's link",
      tag: 'Quotes',
      success: { status: 200, description: 'The quote.', schema: AdminQuoteSchema },
      errors: [401, 404, 409, 415, 422, 500, 503],
    }),
    idParam,
    noBody(),
    async (c) => {
      const q = await findQuote(c, c.req.valid('param').id)
      await revokeQuote(deps(c), q, c.get('auth'))
      return c.json(quoteFromRow((await findQuote(c, q.id))!))
    },
  )
  .post(
    '/:id/invoice',
    describeRoute({
      operationId: 'issueInvoice',
      summary: 'Issue the invoice of an accepted quote by hand',
      description:
        'For stores that issue invoices by hand: numbered like any other (per store, no ' +
        'gaps). 409 when the quote is not accepted or already has its invoice.',
      tag: 'Quotes',
      success: { status: 201, description: 'The invoice.', schema: InvoiceSchema },
      errors: [401, 404, 409, 415, 422, 500, 503],
    }),
    idParam,
    noBody(),
    async (c) => {
      const q = await findQuote(c, c.req.valid('param').id)
      const { invoiceId } = await issueInvoice(deps(c), q, c.get('auth'))
      return c.json((await getInvoice(c.env.DB, c.get('auth').siteId, invoiceId))!, 201)
    },
  )

/** The store's quote settings, at `/admin/api/quote-settings`. */
export const adminQuoteSettings = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      operationId: 'getQuoteSettings',
      summary: "The store's quote settings",
      tag: 'Quotes',
      success: { status: 200, description: 'The settings.', schema: QuoteSettingsSchema },
      errors: [401, 500, 503],
    }),
    async (c) => c.json(await getQuoteSettings(c.env.DB, c.get('auth').siteId)),
  )
  .put(
    '/',
    describeRoute({
      operationId: 'putQuoteSettings',
      summary:
        "Choose whether accepting a quote issues its invoice, and the store's tax rates " +
        '(owners)',
      description:
        'With `invoiceOnAccept: false` an acceptance issues no invoice (its `invoiceId` ' +
        'is null) and a rep issues it with `POST /admin/api/quotes/{id}/invoice`. ' +
        '`taxRatesBps` (default none) are tax rates quote lines and products may use ' +
        'beside the KDV rates; the settings are replaced as a whole.',
      tag: 'Quotes',
      success: { status: 200, description: 'The settings.', schema: QuoteSettingsSchema },
      errors: [400, 401, 403, 413, 415, 422, 500, 503],
    }),
    requireJson(),
    validate('json', QuoteSettingsSchema),
    async (c) => {
      const { siteId } = c.get('auth')
      requireOwner(c)
      const settings = c.req.valid('json')
      // One unguarded upsert, atomic on its own: no batch, nothing for runBatch to guard.
      await putQuoteSettingsStatement(c.env.DB, siteId, settings, new Date().toISOString()).run()
      return c.json(await getQuoteSettings(c.env.DB, siteId))
    },
  )

/** Invoices, at `/admin/api/invoices`. */
export const adminInvoices = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      operationId: 'listInvoices',
      summary: 'Invoices, newest number first',
      tag: 'Quotes',
      success: { status: 200, description: 'A page of invoices.', schema: InvoicePageSchema },
      errors: [401, 422, 500, 503],
    }),
    validate('query', InvoiceListQuerySchema),
    async (c) => {
      const q = c.req.valid('query')
      return c.json(await listInvoices(c.env.DB, c.get('auth').siteId, q))
    },
  )
  .get(
    '/:id',
    describeRoute({
      operationId: 'getInvoice',
      summary: 'An invoice',
      tag: 'Quotes',
      success: { status: 200, description: 'The invoice.', schema: InvoiceSchema },
      errors: [401, 404, 422, 500, 503],
    }),
    idParam,
    async (c) => {
      const invoice = await getInvoice(c.env.DB, c.get('auth').siteId, c.req.valid('param').id)
      if (!invoice) throw new ApiError('not_found', 'No such invoice.')
      return c.json(invoice)
    },
  )
  .get(
    '/:id/export',
    describeRoute({
      operationId: 'exportInvoice',
      summary: 'An invoice as JSON for a Turkish e-Arşiv/e-Fatura integration to take over',
      description:
        'Number, ETTN (a v4 UUID fixed at issue), issue date and time in the store’s ' +
        'zone, due date, seller, buyer (the lead’s contact), lines with UN/ECE Rec 20 ' +
        'unit codes, KDV per line and per rate, and totals. Amounts are decimal strings ' +
        'in the currency’s minor digits. The seller’s tax office and number are null: ' +
        'Leadline does not keep them yet.',
      tag: 'Quotes',
      success: { status: 200, description: 'The export.', schema: InvoiceExportSchema },
      errors: [401, 404, 409, 422, 500, 503],
    }),
    idParam,
    async (c) => {
      const { siteId } = c.get('auth')
      const db = c.env.DB
      const found = await getInvoiceWithEttn(db, siteId, c.req.valid('param').id)
      if (!found) throw new ApiError('not_found', 'No such invoice.')
      if (!found.ettn) throw new ApiError('conflict', 'This invoice was issued without an ETTN.')
      const [site, lead] = await Promise.all([
        getSiteById(db, siteId),
        getLead(db, siteId, found.invoice.leadId),
      ])
      const buyer = lead ? await getContact(db, siteId, lead.contactId) : null
      return c.json(
        invoiceExport({
          invoice: found.invoice,
          ettn: found.ettn,
          store: { name: site?.name ?? '', timeZone: site?.time_zone ?? 'UTC' },
          buyer,
        }),
      )
    },
  )
  .post(
    '/:id/paid',
    describeRoute({
      operationId: 'markInvoicePaid',
      summary: 'Mark an invoice paid: the lead closes as won',
      tag: 'Quotes',
      success: { status: 200, description: 'The invoice.', schema: InvoiceSchema },
      errors: [401, 404, 409, 415, 422, 500, 503],
    }),
    idParam,
    noBody(),
    async (c) => changeInvoice(c, c.req.valid('param').id, markInvoicePaid),
  )
  .post(
    '/:id/cancel',
    describeRoute({
      operationId: 'cancelInvoice',
      summary: 'Cancel an unpaid invoice with a credit note (it is never deleted)',
      tag: 'Quotes',
      success: { status: 200, description: 'The invoice.', schema: InvoiceSchema },
      errors: [401, 404, 409, 415, 422, 500, 503],
    }),
    idParam,
    noBody(),
    async (c) => changeInvoice(c, c.req.valid('param').id, cancelInvoice),
  )
