/**
 * Quotes and invoices: the quote a rep writes (sections as safe rich text, line items in integer
 * minor units), what the visitor sees and does with it, and the invoice issued from it.
 */
import * as v from 'valibot'
import { text } from './common'
import { IsoDateSchema, IsoDateTimeSchema } from './dates'
import { MultiLineSchema, SingleLineSchema } from './text'

// ---------------------------------------------------------------------------------- rich text

/** Links only to the web, e-mail and phone: never `javascript:` or `data:`. */
export const SafeUrlSchema = v.pipe(
  SingleLineSchema,
  v.maxLength(2000),
  v.url(),
  v.check((u) => /^(https?:|mailto:|tel:)/i.test(u), 'links may use http, https, mailto or tel'),
)

/** A run of text, optionally bold and/or a link. */
export const InlineSchema = v.strictObject({
  text: v.pipe(MultiLineSchema, v.maxLength(5000)),
  bold: v.optional(v.boolean()),
  href: v.optional(SafeUrlSchema),
})
export type Inline = v.InferOutput<typeof InlineSchema>

const inlines = v.pipe(v.array(InlineSchema), v.maxLength(200))

/**
 * Rich text as data, not HTML: paragraphs and bulleted or numbered lists of inline runs. The
 * viewer renders it with text bindings, so nothing in it can run as markup.
 */
export const RichTextSchema = v.pipe(
  v.array(
    v.union([
      v.strictObject({ type: v.literal('p'), children: inlines }),
      v.strictObject({
        type: v.picklist(['ul', 'ol']),
        items: v.pipe(v.array(inlines), v.minLength(1), v.maxLength(100)),
      }),
    ]),
  ),
  v.maxLength(100),
)
export type RichText = v.InferOutput<typeof RichTextSchema>

// ----------------------------------------------------------------------------------- pricing

/** KDV rates in basis points (20 %, 10 %, 1 %, 0 %); a store may add its own. */
export const KDV_RATES_BPS = [2000, 1000, 100, 0] as const

export const DiscountSchema = v.union([
  /** A share of the line, in basis points (1250 = 12.5 %). */
  v.strictObject({
    kind: v.literal('percent'),
    bps: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)),
  }),
  /** An amount off the line, in minor units; at most the line's gross amount. */
  v.strictObject({
    kind: v.literal('amount'),
    minor: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000_000_000)),
  }),
])
export type Discount = v.InferOutput<typeof DiscountSchema>

/** A quote line as pricing reads it; money in integer minor units, quantity in thousandths. */
export const PricedLineSchema = v.strictObject({
  /** Quantity × 1000 (2.5 hours is 2500), so fractional quantities stay exact. */
  quantityMilli: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000_000)),
  unitPriceMinor: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000_000_000)),
  discount: v.optional(DiscountSchema),
  taxRateBps: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)),
})
export type PricedLine = v.InferOutput<typeof PricedLineSchema>

export const LineTotalsSchema = v.object({
  grossMinor: v.number(),
  discountMinor: v.number(),
  netMinor: v.number(),
  taxMinor: v.number(),
  totalMinor: v.number(),
})
export type LineTotals = v.InferOutput<typeof LineTotalsSchema>

export const QuoteTotalsSchema = v.object({
  lines: v.array(LineTotalsSchema),
  subtotalMinor: v.number(),
  discountMinor: v.number(),
  netMinor: v.number(),
  /** Tax per rate, ascending by rate. */
  taxes: v.array(v.object({ rateBps: v.number(), baseMinor: v.number(), taxMinor: v.number() })),
  taxMinor: v.number(),
  totalMinor: v.number(),
})
export type QuoteTotals = v.InferOutput<typeof QuoteTotalsSchema>

// ------------------------------------------------------------------------------------ quotes

export const QuoteLineSchema = v.strictObject({
  ...PricedLineSchema.entries,
  name: text(200),
  description: v.optional(v.pipe(MultiLineSchema, v.maxLength(2000))),
  /** adet, saat, kg, m² …, shown as typed. */
  unit: text(20),
})
export type QuoteLine = v.InferOutput<typeof QuoteLineSchema>

export const FaqSchema = v.strictObject({
  question: text(500),
  answer: RichTextSchema,
})

/** The parts of a quote the source document names. */
export const QuoteSectionsSchema = v.strictObject({
  /** The prospect's problems, as understood. */
  problems: RichTextSchema,
  /** The offered solutions with their technical details. */
  solutions: RichTextSchema,
  /** Timeline for implementation and training. */
  timeline: RichTextSchema,
  faq: v.pipe(v.array(FaqSchema), v.maxLength(50)),
})
export type QuoteSections = v.InferOutput<typeof QuoteSectionsSchema>

export const CurrencySchema = v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'an ISO 4217 code like TRY'))

/** `POST /admin/api/leads/:id/quotes` and `PUT /admin/api/quotes/:id` (drafts only). */
export const QuoteDraftSchema = v.strictObject({
  title: text(200),
  currency: CurrencySchema,
  validUntil: IsoDateSchema,
  sections: QuoteSectionsSchema,
  lines: v.pipe(v.array(QuoteLineSchema), v.minLength(1), v.maxLength(200)),
  notes: v.optional(v.pipe(MultiLineSchema, v.maxLength(5000))),
})
export type QuoteDraft = v.InferOutput<typeof QuoteDraftSchema>

export const QUOTE_STATUSES = [
  'draft',
  'sent',
  'viewed',
  'accepted',
  'declined',
  'expired',
  'replaced',
  'revoked',
] as const
export const QuoteStatusSchema = v.picklist(QUOTE_STATUSES)

export const QuoteSchema = v.object({
  id: v.string(),
  leadId: v.string(),
  /** Quotes of one lead share a number; each new revision replaces the last sent one. */
  revision: v.number(),
  status: QuoteStatusSchema,
  title: v.string(),
  currency: v.string(),
  validUntil: IsoDateSchema,
  sections: QuoteSectionsSchema,
  lines: v.array(QuoteLineSchema),
  notes: v.nullable(v.string()),
  totals: QuoteTotalsSchema,
  repId: v.string(),
  sentAt: v.nullable(IsoDateTimeSchema),
  acceptedAt: v.nullable(IsoDateTimeSchema),
  acceptedName: v.nullable(v.string()),
  /** SHA-256 of what was accepted (the content as sent), to prove it later. */
  contentHash: v.nullable(v.string()),
  declinedAt: v.nullable(IsoDateTimeSchema),
  declineReason: v.nullable(v.string()),
  replacedBy: v.nullable(v.string()),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
})
export type Quote = v.InferOutput<typeof QuoteSchema>

/** The quote as its link shows it to the visitor. */
export const PublicQuoteSchema = v.object({
  status: QuoteStatusSchema,
  title: v.string(),
  storeName: v.string(),
  repName: v.string(),
  currency: v.string(),
  locale: v.picklist(['tr', 'en']),
  validUntil: IsoDateSchema,
  sections: QuoteSectionsSchema,
  lines: v.array(QuoteLineSchema),
  notes: v.nullable(v.string()),
  totals: QuoteTotalsSchema,
  revision: v.number(),
  /** When replaced: the link of the newer revision. */
  replacedByUrl: v.nullable(v.string()),
  acceptedAt: v.nullable(IsoDateTimeSchema),
  acceptedName: v.nullable(v.string()),
})
export type PublicQuote = v.InferOutput<typeof PublicQuoteSchema>

export const QuoteAcceptSchema = v.strictObject({
  fullName: text(200),
  acceptTerms: v.literal(true, 'tick that you accept the terms'),
  /** The revision the visitor read: accepting a replaced revision is refused. */
  revision: v.pipe(v.number(), v.integer(), v.minValue(1)),
})
export const QuoteDeclineSchema = v.strictObject({
  reason: v.optional(v.pipe(MultiLineSchema, v.maxLength(1000))),
})
/** `POST …/view`: which sections the visitor saw (logged on every view). */
export const QuoteViewSchema = v.strictObject({
  sections: v.pipe(
    v.array(v.picklist(['problems', 'solutions', 'pricing', 'timeline', 'faq', 'notes'])),
    v.maxLength(6),
  ),
})

// ---------------------------------------------------------------------------------- invoices

export const InvoiceSchema = v.object({
  id: v.string(),
  /** Per store, without gaps or duplicates: `2026-000042`. */
  number: v.string(),
  quoteId: v.string(),
  leadId: v.string(),
  status: v.picklist(['unpaid', 'paid', 'cancelled']),
  issueDate: IsoDateSchema,
  dueDate: IsoDateSchema,
  currency: v.string(),
  lines: v.array(QuoteLineSchema),
  totals: QuoteTotalsSchema,
  paidAt: v.nullable(IsoDateTimeSchema),
  cancelledAt: v.nullable(IsoDateTimeSchema),
  /** The credit note that cancelled it (never a deletion). */
  creditNoteNumber: v.nullable(v.string()),
  createdAt: IsoDateTimeSchema,
})
export type Invoice = v.InferOutput<typeof InvoiceSchema>

/** `PUT /admin/api/quotes/:id?expectedVersion=N`: the body is the draft, so the guard is a query. */
export const VersionQuerySchema = v.strictObject({
  expectedVersion: v.pipe(v.string(), v.regex(/^\d{1,9}$/), v.transform(Number)),
})

export const InvoiceListQuerySchema = v.strictObject({
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(100)),
    '50',
  ),
  /** The `nextBefore` of the previous page. */
  before: v.optional(v.pipe(v.string(), v.regex(/^\d{1,12}$/), v.transform(Number))),
  status: v.optional(v.picklist(['unpaid', 'paid', 'cancelled'])),
})

/** A quote as the admin API answers it: with the version `PUT` needs. */
export const AdminQuoteSchema = v.object({ ...QuoteSchema.entries, version: v.number() })

export const QuoteDetailSchema = v.object({
  quote: AdminQuoteSchema,
  /** Visitors' views (reps' views are counted apart, in `byReps`). */
  views: v.object({
    count: v.number(),
    lastAt: v.nullable(IsoDateTimeSchema),
    sections: v.array(v.string()),
    byReps: v.number(),
  }),
  invoice: v.nullable(InvoiceSchema),
})

/** `POST …/send`: the quote and its link, shown this once (only a hash of it is kept). */
export const QuoteSentSchema = v.object({ quote: AdminQuoteSchema, url: v.string() })

export const InvoicePageSchema = v.object({
  items: v.array(v.object({ ...InvoiceSchema.entries, seq: v.number() })),
  nextBefore: v.nullable(v.number()),
})

export const QuoteViewLoggedSchema = v.object({
  id: v.string(),
  at: IsoDateTimeSchema,
  counted: v.boolean(),
})

export const QuoteAcceptedSchema = v.object({
  ...PublicQuoteSchema.entries,
  /** The invoice issued with the acceptance; null when the store issues invoices by hand. */
  invoiceId: v.nullable(v.string()),
})

/** `GET`/`PUT /admin/api/quote-settings`. */
export const QuoteSettingsSchema = v.strictObject({
  /** Issue the invoice when the visitor accepts (default), or by hand (`POST …/invoice`). */
  invoiceOnAccept: v.boolean(),
  /**
   * The store's own tax rates in basis points, allowed beside `KDV_RATES_BPS` on quote lines
   * and products (800 = 8 %); at most 10, no repeats.
   */
  taxRatesBps: v.optional(
    v.pipe(
      v.array(PricedLineSchema.entries.taxRateBps),
      v.maxLength(10),
      v.check((rates) => new Set(rates).size === rates.length, 'each rate at most once'),
    ),
    [],
  ),
})
export type QuoteSettings = v.InferOutput<typeof QuoteSettingsSchema>

// ----------------------------------------------------------------------------------- library

/** Most products or FAQ entries one store's library holds (it is a small library). */
export const LIBRARY_MAX = 500

/** `POST /admin/api/products` and `PUT /admin/api/products/:id`: a reusable quote line. */
export const ProductInputSchema = v.strictObject({
  name: text(200),
  description: v.optional(v.pipe(MultiLineSchema, v.maxLength(2000))),
  /** adet, saat, kg, m² …, shown as typed. */
  unit: text(20),
  unitPriceMinor: PricedLineSchema.entries.unitPriceMinor,
  currency: CurrencySchema,
  /** A KDV rate or one of the store's own (`QuoteSettings.taxRatesBps`); the worker checks which. */
  taxRateBps: PricedLineSchema.entries.taxRateBps,
})
export type ProductInput = v.InferOutput<typeof ProductInputSchema>

export const ProductSchema = v.object({
  id: v.string(),
  name: v.string(),
  description: v.nullable(v.string()),
  unit: v.string(),
  unitPriceMinor: v.number(),
  currency: v.string(),
  taxRateBps: v.number(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
})
export type Product = v.InferOutput<typeof ProductSchema>

/** `POST /admin/api/faqs` and `PUT /admin/api/faqs/:id`: a question and its answer. */
export const FaqInputSchema = FaqSchema
export type FaqInput = v.InferOutput<typeof FaqInputSchema>

export const FaqItemSchema = v.object({
  id: v.string(),
  question: v.string(),
  answer: RichTextSchema,
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
})
export type FaqItem = v.InferOutput<typeof FaqItemSchema>

export const ProductListSchema = v.object({ items: v.array(ProductSchema) })
export const FaqListSchema = v.object({ items: v.array(FaqItemSchema) })

// ------------------------------------------------------------------------- e-invoice export

/** An exact decimal as text (`1234.50`), never a float: amounts in the currency's minor digits. */
export const DecimalStringSchema = v.pipe(v.string(), v.regex(/^\d+(\.\d+)?$/))

const nullableText = v.nullable(v.string())

/**
 * `GET /admin/api/invoices/:id/export`: an invoice with every field a Turkish e-Arşiv/e-Fatura
 * integration (a GİB special integrator) needs to take it over, in UBL-TR terms where they
 * exist. Amounts are decimal strings in the currency's minor digits (2 for TRY); rates are
 * percent strings (`20`, `1`, `12.5`).
 */
export const InvoiceExportSchema = v.object({
  format: v.literal('leadline.invoice-export.v1'),
  invoice: v.object({
    id: v.string(),
    /** The store's gapless number, `2026-000042`. */
    number: v.string(),
    /** ETTN: the invoice's v4 UUID, fixed when it was issued. */
    ettn: v.pipe(v.string(), v.uuid()),
    status: v.picklist(['unpaid', 'paid', 'cancelled']),
    /** Local date and time of issue in the store's zone, and that zone and its UTC offset. */
    issueDate: IsoDateSchema,
    issueTime: v.pipe(v.string(), v.regex(/^\d{2}:\d{2}:\d{2}$/)),
    timeZone: v.string(),
    utcOffset: v.pipe(v.string(), v.regex(/^[+-]\d{2}:\d{2}$/)),
    issuedAt: IsoDateTimeSchema,
    dueDate: IsoDateSchema,
    /** ISO 4217, and the minor digits every amount below has. */
    currency: v.string(),
    currencyDigits: v.number(),
    quoteId: v.string(),
    creditNoteNumber: nullableText,
  }),
  seller: v.object({
    name: v.string(),
    /** Not kept by Leadline yet: the integration fills them from the store's records. */
    taxOffice: v.null(),
    taxNumber: v.null(),
    note: v.string(),
  }),
  buyer: v.object({
    name: nullableText,
    company: nullableText,
    email: nullableText,
    phone: nullableText,
    location: nullableText,
  }),
  lines: v.array(
    v.object({
      /** 1-based, in the quote's order. */
      lineNo: v.number(),
      name: v.string(),
      description: nullableText,
      quantity: DecimalStringSchema,
      /** The unit as the rep typed it, and its UN/ECE Rec 20 code (C62 when not known). */
      unit: v.string(),
      unitCode: v.string(),
      unitPrice: DecimalStringSchema,
      /** quantity × unit price, before discount. */
      grossAmount: DecimalStringSchema,
      discount: v.object({
        kind: v.picklist(['none', 'percent', 'amount']),
        /** The percent for a percent discount, else null. */
        rate: v.nullable(DecimalStringSchema),
        amount: DecimalStringSchema,
      }),
      /** After discount, before KDV (UBL LineExtensionAmount). */
      netAmount: DecimalStringSchema,
      kdvRate: DecimalStringSchema,
      kdvAmount: DecimalStringSchema,
      /** net + KDV. */
      totalAmount: DecimalStringSchema,
    }),
  ),
  totals: v.object({
    grossAmount: DecimalStringSchema,
    discountAmount: DecimalStringSchema,
    /** Σ net (UBL TaxExclusiveAmount). */
    netAmount: DecimalStringSchema,
    /** KDV per rate, ascending: the base and the tax at that rate. */
    kdv: v.array(
      v.object({
        rate: DecimalStringSchema,
        baseAmount: DecimalStringSchema,
        amount: DecimalStringSchema,
      }),
    ),
    kdvAmount: DecimalStringSchema,
    /** net + KDV (UBL TaxInclusiveAmount and PayableAmount). */
    payableAmount: DecimalStringSchema,
  }),
})
export type InvoiceExport = v.InferOutput<typeof InvoiceExportSchema>
