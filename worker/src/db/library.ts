/**
 * Each store's quote library in D1: products and FAQ entries. Every query is scoped by site.
 * An insert is guarded by the library's size, so a store never holds more than `LIBRARY_MAX`
 * of either (the insert then changes nothing).
 */
import {
  LIBRARY_MAX,
  type FaqInput,
  type FaqItem,
  type Product,
  type ProductInput,
  type RichText,
} from '../../../contract'

interface ProductRow {
  id: string
  name: string
  description: string | null
  unit: string
  unit_price_minor: number
  currency: string
  tax_rate_bps: number
  created_at: string
  updated_at: string
}

const PRODUCT_COLUMNS = `id, name, description, unit, unit_price_minor, currency, tax_rate_bps, created_at,
  updated_at`

const productFromRow = (r: ProductRow): Product => ({
  id: r.id,
  name: r.name,
  description: r.description,
  unit: r.unit,
  unitPriceMinor: r.unit_price_minor,
  currency: r.currency,
  taxRateBps: r.tax_rate_bps,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

/**
 * How a library table is read: all of a store's entries in `order` (at most `LIBRARY_MAX`, so
 * all of them), or one by id (null when the store has no such entry).
 */
function libraryReader<Row, Entry>(
  table: 'products' | 'faqs',
  columns: string,
  order: 'name, id' | 'question, id',
  fromRow: (r: Row) => Entry,
) {
  return {
    async list(db: D1Database, siteId: string) {
      const { results } = await db
        .prepare(`SELECT ${columns} FROM ${table} WHERE site_id = ?1 ORDER BY ${order} LIMIT ?2`)
        .bind(siteId, LIBRARY_MAX)
        .all<Row>()
      return results.map(fromRow)
    },
    async get(db: D1Database, siteId: string, id: string) {
      const row = await db
        .prepare(`SELECT ${columns} FROM ${table} WHERE site_id = ?1 AND id = ?2`)
        .bind(siteId, id)
        .first<Row>()
      return row ? fromRow(row) : null
    },
  }
}

const products = libraryReader('products', PRODUCT_COLUMNS, 'name, id', productFromRow)
/** The store's products by name. */
export const listProducts = products.list
export const getProduct = products.get

/** How an entry of the library is inserted or changed: the store, its id, the entry as sent. */
type LibraryWrite<T> = (
  db: D1Database,
  siteId: string,
  id: string,
  entry: T,
  at: string,
) => D1PreparedStatement

/** A product's own columns, in the order both statements number them (?3 to ?8). */
const productValues = (p: ProductInput) => [
  p.name,
  p.description ?? null,
  p.unit,
  p.unitPriceMinor,
  p.currency,
  p.taxRateBps,
]

/** Inserts a product unless the store already has `LIBRARY_MAX` (then it changes nothing). */
export const insertProductStatement: LibraryWrite<ProductInput> = (db, siteId, id, p, at) =>
  db
    .prepare(
      `INSERT INTO products (id, site_id, name, description, unit, unit_price_minor, currency, tax_rate_bps,
         created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9
        WHERE (SELECT count(*) FROM products WHERE site_id = ?2) < ?10`,
    )
    .bind(id, siteId, ...productValues(p), at, LIBRARY_MAX)

export const updateProductStatement: LibraryWrite<ProductInput> = (db, siteId, id, p, at) =>
  db
    .prepare(
      `UPDATE products SET name = ?3, description = ?4, unit = ?5, unit_price_minor = ?6, currency = ?7,
         tax_rate_bps = ?8, updated_at = ?9
       WHERE site_id = ?1 AND id = ?2`,
    )
    .bind(siteId, id, ...productValues(p), at)

export const deleteProductStatement = (db: D1Database, siteId: string, id: string) =>
  db.prepare('DELETE FROM products WHERE site_id = ?1 AND id = ?2').bind(siteId, id)

interface FaqRow {
  id: string
  question: string
  answer: string
  created_at: string
  updated_at: string
}

const FAQ_COLUMNS = 'id, question, answer, created_at, updated_at'

const faqFromRow = (r: FaqRow): FaqItem => ({
  id: r.id,
  question: r.question,
  answer: JSON.parse(r.answer) as RichText,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

const faqs = libraryReader('faqs', FAQ_COLUMNS, 'question, id', faqFromRow)
/** The store's FAQ entries by question. */
export const listFaqs = faqs.list
export const getFaq = faqs.get

/** Inserts an FAQ entry unless the store already has `LIBRARY_MAX` (then it changes nothing). */
export const insertFaqStatement: LibraryWrite<FaqInput> = (db, siteId, id, f, at) =>
  db
    .prepare(
      `INSERT INTO faqs (id, site_id, question, answer, created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?5
        WHERE (SELECT count(*) FROM faqs WHERE site_id = ?2) < ?6`,
    )
    .bind(id, siteId, f.question, JSON.stringify(f.answer), at, LIBRARY_MAX)

export const updateFaqStatement: LibraryWrite<FaqInput> = (db, siteId, id, f, at) =>
  db
    .prepare(
      'UPDATE faqs SET question = ?3, answer = ?4, updated_at = ?5 WHERE site_id = ?1 AND id = ?2',
    )
    .bind(siteId, id, f.question, JSON.stringify(f.answer), at)

export const deleteFaqStatement = (db: D1Database, siteId: string, id: string) =>
  db.prepare('DELETE FROM faqs WHERE site_id = ?1 AND id = ?2').bind(siteId, id)
