/**
 * Invoices in D1: issued from an accepted quote with the store's next number (gapless: the
 * counter row is bumped in the same batch), listed, marked paid, or cancelled with a credit note.
 * Every query is scoped by site.
 */
import type { Invoice, QuoteLine, QuoteTotals } from '../../../contract'
import { params } from './sql'

export interface Issue {
  /** The event whose guarded update came first in the batch (the invoice selects it). */
  eventId: string
  invoiceId: string
  /** The invoice's ETTN, a v4 UUID. */
  ettn: string
  today: string
  dueDate: string
  at: string
}

/** The store's invoice counters, created on first use (before a statement that reads them). */
export const countersStatement = (db: D1Database, siteId: string) =>
  db.prepare('INSERT OR IGNORE INTO invoice_counters (site_id) VALUES (?1)').bind(siteId)

/**
 * Issues a quote's invoice: it takes the store's next number from `invoice_counters` (created
 * on first use) and bumps it in the same transaction, so concurrent issues get consecutive
 * numbers. The insert selects the quote by `eventId`, so it writes nothing (and the event before
 * it has failed the batch) unless this request's state change applied. `q` is the quote's row
 * (only its keys are read: the insert copies the rest from the row as stored).
 */
export function issueInvoiceStatements(
  db: D1Database,
  q: { id: string; site_id: string },
  a: Issue,
) {
  const year = a.today.slice(0, 4)
  return [
    countersStatement(db, q.site_id),
    db
      .prepare('UPDATE invoice_counters SET next_invoice = next_invoice + 1 WHERE site_id = ?1')
      .bind(q.site_id),
    db
      .prepare(
        `INSERT INTO invoices (id, site_id, quote_id, lead_id, seq, number, status, issue_date, due_date,
           currency, lines, totals, created_at, ettn)
         SELECT ?1, q.site_id, q.id, q.lead_id, c.next_invoice - 1,
                ?3 || '-' || printf('%06d', c.next_invoice - 1), 'unpaid', ?4, ?5,
                q.currency, q.lines, q.totals, ?6, ?9
           FROM quotes q JOIN invoice_counters c ON c.site_id = q.site_id
          WHERE q.site_id = ?2 AND q.id = ?7 AND q.last_event_id = ?8`,
      )
      .bind(a.invoiceId, q.site_id, year, a.today, a.dueDate, a.at, q.id, a.eventId, a.ettn),
  ]
}

interface InvoiceRow {
  id: string
  site_id: string
  quote_id: string
  lead_id: string
  seq: number
  number: string
  status: Invoice['status']
  issue_date: string
  due_date: string
  currency: string
  lines: string
  totals: string
  paid_at: string | null
  cancelled_at: string | null
  credit_note_number: string | null
  created_at: string
  ettn: string | null
}

const INVOICE_COLUMNS = `id, site_id, quote_id, lead_id, seq, number, status, issue_date, due_date, currency,
  lines, totals, paid_at, cancelled_at, credit_note_number, created_at, ettn`

export const invoiceFromRow = (r: InvoiceRow): Invoice & { seq: number } => ({
  id: r.id,
  number: r.number,
  seq: r.seq,
  quoteId: r.quote_id,
  leadId: r.lead_id,
  status: r.status,
  issueDate: r.issue_date,
  dueDate: r.due_date,
  currency: r.currency,
  lines: JSON.parse(r.lines) as QuoteLine[],
  totals: JSON.parse(r.totals) as QuoteTotals,
  paidAt: r.paid_at,
  cancelledAt: r.cancelled_at,
  creditNoteNumber: r.credit_note_number,
  createdAt: r.created_at,
})

export async function getInvoice(db: D1Database, siteId: string, id: string) {
  const row = await db
    .prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE site_id = ?1 AND id = ?2`)
    .bind(siteId, id)
    .first<InvoiceRow>()
  return row ? invoiceFromRow(row) : null
}

/** An invoice with its ETTN (null for one issued before ETTNs were stored). */
export async function getInvoiceWithEttn(db: D1Database, siteId: string, id: string) {
  const row = await db
    .prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE site_id = ?1 AND id = ?2`)
    .bind(siteId, id)
    .first<InvoiceRow>()
  return row ? { invoice: invoiceFromRow(row), ettn: row.ettn } : null
}

export async function getInvoiceOfQuote(db: D1Database, siteId: string, quoteId: string) {
  const row = await db
    .prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE site_id = ?1 AND quote_id = ?2`)
    .bind(siteId, quoteId)
    .first<InvoiceRow>()
  return row ? invoiceFromRow(row) : null
}

/** The store's invoices, newest number first, paged by number (`before` = a `seq`). */
export async function listInvoices(
  db: D1Database,
  siteId: string,
  q: { limit: number; before?: number; status?: Invoice['status'] },
) {
  const where = ['site_id = ?1']
  const p = params(siteId)
  if (q.before !== undefined) where.push(`seq < ${p.add(q.before)}`)
  if (q.status) where.push(`status = ${p.add(q.status)}`)
  const { results } = await db
    .prepare(
      `SELECT ${INVOICE_COLUMNS} FROM invoices WHERE ${where.join(' AND ')}
        ORDER BY seq DESC LIMIT ${p.add(q.limit + 1)}`,
    )
    .bind(...p.values)
    .all<InvoiceRow>()
  const page = results.slice(0, q.limit).map(invoiceFromRow)
  const last = page[page.length - 1]
  return { items: page, nextBefore: results.length > q.limit && last ? last.seq : null }
}

/** Marks an unpaid invoice paid, with its event (which undoes the batch if it was not unpaid). */
export function paidStatements(
  db: D1Database,
  siteId: string,
  invoiceId: string,
  eventId: string,
  userId: string,
  at: string,
): [D1PreparedStatement, ...D1PreparedStatement[]] {
  return [
    db
      .prepare(
        `UPDATE invoices SET status = 'paid', paid_at = ?3 WHERE site_id = ?1 AND id = ?2 AND status = 'unpaid'`,
      )
      .bind(siteId, invoiceId, at),
    invoiceEventStatement(db, siteId, invoiceId, eventId, 'invoice_paid', userId, at, 'paid_at'),
  ]
}

/**
 * Cancels an unpaid invoice with the store's next credit-note number (`CN-{YEAR}-{seq}`), taken
 * and bumped in the same batch; the invoice row stays. The store's counters must exist first
 * (`countersStatement`).
 */
export function cancelStatements(
  db: D1Database,
  siteId: string,
  invoiceId: string,
  eventId: string,
  userId: string,
  year: string,
  at: string,
): [D1PreparedStatement, ...D1PreparedStatement[]] {
  return [
    db
      .prepare(
        `UPDATE invoices SET status = 'cancelled', cancelled_at = ?3,
           credit_note_number = 'CN-' || ?4 || '-' || printf('%06d',
             (SELECT next_credit_note FROM invoice_counters WHERE site_id = ?1))
         WHERE site_id = ?1 AND id = ?2 AND status = 'unpaid'`,
      )
      .bind(siteId, invoiceId, at, year),
    invoiceEventStatement(
      db,
      siteId,
      invoiceId,
      eventId,
      'invoice_cancelled',
      userId,
      at,
      'cancelled_at',
    ),
    db
      .prepare(
        'UPDATE invoice_counters SET next_credit_note = next_credit_note + 1 WHERE site_id = ?1',
      )
      .bind(siteId),
  ]
}

/** An invoice's event, on its quote; fails (undoing the batch) unless the change just applied. */
const invoiceEventStatement = (
  db: D1Database,
  siteId: string,
  invoiceId: string,
  eventId: string,
  event: string,
  userId: string,
  at: string,
  column: 'paid_at' | 'cancelled_at',
) =>
  db
    .prepare(
      `INSERT INTO quote_events (id, site_id, quote_id, event, actor_type, actor_id, detail, at)
       VALUES (?1, ?2,
         (SELECT quote_id FROM invoices WHERE site_id = ?2 AND id = ?3 AND ${column} = ?6),
         ?4, 'user', ?5, json_object('invoiceId', ?3), ?6)`,
    )
    .bind(eventId, siteId, invoiceId, event, userId, at)
