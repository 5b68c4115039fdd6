/**
 * Admin API for quotes and invoices: drafts per lead (totals computed here with the shared
 * pricing module), sending (a link token shown once; the lead moves to `proposal`; earlier sent
 * revisions become `replaced`), revoking, and the invoices issued from accepted quotes (paid
 * closes the lead `won`, cancelled gets a credit note). Reps and owners may do all of it.
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
  type Lead,
  QuoteDetailSchema,
  type QuoteDraft,
  QuoteDraftSchema,
  QuoteSentSchema,
  QuoteSettingsSchema,
  VersionQuerySchema,
} from '../../../contract'
import { PricingError, quoteTotals } from '../../../contract/pricing'
import { publicUrl, type AppEnv } from '../env'
import { requireOwner } from '../middleware/admin-auth'
import { addDays, localDate } from '../booking/time'
import { activityStatement, getLead, moveStatements } from '../db/leads'
import {
  cancelStatements,
  getInvoice,
  getInvoiceOfQuote,
  getInvoiceWithEttn,
  listInvoices,
  paidStatements,
} from '../db/invoices'
import {
  getQuoteSettings,
  manualInvoiceStatements,
  putQuoteSettingsStatement,
  getQuote,
  insertQuoteStatement,
  isQuoteConflict,
  listQuotesOfLead,
  quoteFromRow,
  revokeStatements,
  updateDraftStatement,
  viewSummary,
  forgetLinksStatement,
  type QuoteRow,
} from '../db/quotes'
import { getContact } from '../db/contacts'
import { getSiteById } from '../db/sites'
import { quoteEventStatements } from '../notices/quotes'
import { ApiError } from '../lib/errors'
import { newId } from '../lib/ids'
import { noBody, requireJson } from '../middleware/body'
import { describeRoute, validate } from '../openapi/describe'
import { applyAutomatic } from '../pipeline'
import { allowedTaxRates, INVOICE_DUE_DAYS, unknownTaxRates } from '../quotes'
import { invoiceExport } from '../quotes/einvoice'
import { findLead } from './lead-lookup'
import { sendQuote } from '../usecases/send-quote'
import { QuoteListSchema } from '../openapi/schemas'

const idParam = validate('param', v.object({ id: IdSchema }))

const invalid = (issues: { path: string; message: string }[]) =>
  new ApiError('validation_failed', 'The quote is not valid.', issues)

async function findQuote(c: Context<AppEnv>, id: string): Promise<QuoteRow> {
  const quote = await getQuote(c.env.DB, c.get('auth').siteId, id)
  if (!quote) throw new ApiError('not_found', 'No such quote.')
  return quote
}

/** The tax rates the store allows: the KDV rates and its own (one read of its settings). */
async function storeTaxRates(c: Context<AppEnv>) {
  const settings = await getQuoteSettings(c.env.DB, c.get('auth').siteId)
  return allowedTaxRates(settings.taxRatesBps)
}

/**
 * Checks what the schema cannot (the store's tax rates, the lead's currency) and prices the
 * lines.
 */
function priced(draft: QuoteDraft, lead: Lead, taxRates: readonly number[]) {
  const issues = unknownTaxRates(draft.lines, taxRates)
  if (draft.currency !== lead.currency) {
    issues.push({ path: 'currency', message: `the lead's currency is ${lead.currency}` })
  }
  if (issues.length > 0) throw invalid(issues)
  try {
    return quoteTotals(draft.lines)
  } catch (err) {
    if (err instanceof PricingError) throw invalid([{ path: 'lines', message: err.message }])
    throw err
  }
}

/** Runs a quote's batch; losing a race to another change answers 409, nothing written. */
async function commit(c: Context<AppEnv>, statements: D1PreparedStatement[]) {
  try {
    return await c.env.DB.batch(statements)
  } catch (err) {
    if (isQuoteConflict(err)) throw new ApiError('conflict', 'This quote changed meanwhile.')
    throw err
  }
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

const user = (c: Context<AppEnv>) => ({ type: 'user' as const, id: c.get('auth').userId })

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
      const { siteId, userId } = c.get('auth')
      const [lead, taxRates] = await Promise.all([
        findLead(c, c.req.valid('param').id),
        storeTaxRates(c),
      ])
      const draft = c.req.valid('json')
      const totals = priced(draft, lead, taxRates)
      const id = newId('qt')
      const at = new Date().toISOString()
      await commit(c, [
        insertQuoteStatement(c.env.DB, siteId, {
          id,
          leadId: lead.id,
          repId: userId,
          draft,
          totals,
          at,
        }),
      ])
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
      const { siteId } = c.get('auth')
      const q = await findQuote(c, c.req.valid('param').id)
      const { expectedVersion } = c.req.valid('query')
      if (q.status !== 'draft') throw new ApiError('conflict', `This quote is ${q.status}.`)
      if (q.version !== expectedVersion) {
        throw new ApiError('conflict', 'Someone changed this quote first.', undefined, undefined, {
          current: quoteFromRow(q),
        })
      }
      const draft = c.req.valid('json')
      const [lead, taxRates] = await Promise.all([findLead(c, q.lead_id), storeTaxRates(c)])
      const totals = priced(draft, lead, taxRates)
      const at = new Date().toISOString()
      const [update] = await commit(c, [
        updateDraftStatement(c.env.DB, siteId, q.id, draft, totals, expectedVersion, at),
      ])
      if (update?.meta.changes !== 1)
        throw new ApiError('conflict', 'Someone changed this quote first.')
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
      const deps = { db: c.env.DB, now: new Date(), publicUrl: () => publicUrl(c.env) }
      const { url } = await sendQuote(deps, q, c.get('auth'))
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
      const { siteId, userId } = c.get('auth')
      const q = await findQuote(c, c.req.valid('param').id)
      if (q.status !== 'sent' && q.status !== 'viewed') {
        throw new ApiError('conflict', `This quote is ${q.status}.`)
      }
      const at = new Date().toISOString()
      const db = c.env.DB
      await commit(c, [
        ...revokeStatements(db, siteId, q, newId('qe'), user(c), at),
        activityStatement(
          db,
          siteId,
          q.lead_id,
          { type: 'quote_revoked', body: { quoteId: q.id, revision: q.revision } },
          'user',
          userId,
          at,
        ),
        forgetLinksStatement(db, siteId, q.lead_id),
      ])
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
      const { siteId, userId } = c.get('auth')
      const db = c.env.DB
      const q = await findQuote(c, c.req.valid('param').id)
      if (q.status !== 'accepted') throw new ApiError('conflict', `This quote is ${q.status}.`)
      if (await getInvoiceOfQuote(db, siteId, q.id)) {
        throw new ApiError('conflict', 'This quote already has its invoice.')
      }
      const site = await getSiteById(db, siteId)
      const at = new Date().toISOString()
      const today = localDate(Date.now(), site?.time_zone ?? 'UTC')
      const invoiceId = newId('in')
      await commit(c, [
        ...manualInvoiceStatements(
          db,
          q,
          {
            eventId: newId('qe'),
            invoiceId,
            ettn: crypto.randomUUID(),
            today,
            dueDate: addDays(today, INVOICE_DUE_DAYS),
            at,
          },
          userId,
        ),
        activityStatement(
          db,
          siteId,
          q.lead_id,
          { type: 'invoice_issued', body: { quoteId: q.id, invoiceId } },
          'user',
          userId,
          at,
        ),
        ...quoteEventStatements(db, q, 'invoice.issued', at, { invoiceId }),
      ])
      return c.json((await getInvoice(db, siteId, invoiceId))!, 201)
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
      await c.env.DB.batch([
        putQuoteSettingsStatement(c.env.DB, siteId, settings, new Date().toISOString()),
      ])
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
    async (c) => {
      const { siteId, userId } = c.get('auth')
      const invoice = await getInvoice(c.env.DB, siteId, c.req.valid('param').id)
      if (!invoice) throw new ApiError('not_found', 'No such invoice.')
      if (invoice.status !== 'unpaid') {
        throw new ApiError('conflict', `This invoice is ${invoice.status}.`)
      }
      const now = new Date()
      const at = now.toISOString()
      const db = c.env.DB
      const lead = await getLead(db, siteId, invoice.leadId)
      // The pipeline's `invoice_issued` event closes a lead at `deal` as `won`; a paid invoice is
      // when the sale is real, so that is when it fires.
      const move = lead ? applyAutomatic(lead, 'invoice_issued', now, user(c)) : null
      await commit(c, [
        ...paidStatements(db, siteId, invoice.id, newId('qe'), userId, at),
        activityStatement(
          db,
          siteId,
          invoice.leadId,
          { type: 'invoice_paid', body: { invoiceId: invoice.id, number: invoice.number } },
          'user',
          userId,
          at,
        ),
        ...quoteEventStatements(
          db,
          { id: invoice.quoteId, site_id: siteId, lead_id: invoice.leadId },
          'invoice.paid',
          at,
          { invoiceId: invoice.id, number: invoice.number },
        ),
        ...(move?.ok
          ? moveStatements(db, siteId, invoice.leadId, { ...move.plan, expectedVersion: null })
          : []),
      ])
      return c.json((await getInvoice(db, siteId, invoice.id))!)
    },
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
    async (c) => {
      const { siteId, userId } = c.get('auth')
      const db = c.env.DB
      const invoice = await getInvoice(db, siteId, c.req.valid('param').id)
      if (!invoice) throw new ApiError('not_found', 'No such invoice.')
      if (invoice.status !== 'unpaid') {
        throw new ApiError('conflict', `This invoice is ${invoice.status}.`)
      }
      const site = await getSiteById(db, siteId)
      const at = new Date().toISOString()
      const year = localDate(Date.now(), site?.time_zone ?? 'UTC').slice(0, 4)
      await commit(c, [
        ...cancelStatements(db, siteId, invoice.id, newId('qe'), userId, year, at),
        activityStatement(
          db,
          siteId,
          invoice.leadId,
          { type: 'invoice_cancelled', body: { invoiceId: invoice.id, number: invoice.number } },
          'user',
          userId,
          at,
        ),
      ])
      return c.json((await getInvoice(db, siteId, invoice.id))!)
    },
  )
