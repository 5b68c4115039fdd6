/**
 * A rep keeps the store's quote library: adds, changes and removes products and FAQ entries that
 * reps copy into quotes (a quote keeps its own copy). Each change is one statement whose guard
 * is the statement itself: an insert only while the library holds fewer than `LIBRARY_MAX`, an
 * update or delete only of a row of the store (db/library.ts).
 */
import {
  LIBRARY_MAX,
  type FaqInput,
  type FaqItem,
  type Product,
  type ProductInput,
} from '../../../contract'
import {
  deleteFaqStatement,
  deleteProductStatement,
  getFaq,
  getProduct,
  insertFaqStatement,
  insertProductStatement,
  updateFaqStatement,
  updateProductStatement,
} from '../db/library'
import { getQuoteSettings } from '../db/quotes'
import { DomainError } from '../lib/errors'
import { newId } from '../lib/ids'
import { allowedTaxRates, taxRateMessage } from '../quotes'
import { runBatch, type Deps } from './batch'

const noProduct = () => new DomainError('not_found', 'No such product.')
const noFaq = () => new DomainError('not_found', 'No such FAQ entry.')
const full = (what: string) =>
  new DomainError('conflict', `The library holds at most ${LIBRARY_MAX} ${what}.`)

/** Runs one guarded statement; `refusal` when it changed no row. */
async function applyOne(db: D1Database, statement: D1PreparedStatement, refusal: DomainError) {
  const { matched } = await runBatch(db, { change: [statement] })
  if (!matched) throw refusal
}

/** The product as sent, once its tax rate is one the store allows (KDV or its own); else 422. */
async function checkedProduct(db: D1Database, siteId: string, p: ProductInput) {
  const settings = await getQuoteSettings(db, siteId)
  const allowed = allowedTaxRates(settings.taxRatesBps)
  if (!allowed.includes(p.taxRateBps)) {
    throw new DomainError('validation_failed', 'The product is not valid.', [
      { path: 'taxRateBps', message: taxRateMessage(allowed) },
    ])
  }
  return p
}

/** Adds a product; 422 for a tax rate the store does not allow, 409 when the library is full. */
export async function addProduct(
  { db, now }: Deps,
  siteId: string,
  input: ProductInput,
): Promise<Product> {
  const product = await checkedProduct(db, siteId, input)
  const id = newId('pr')
  const insert = insertProductStatement(db, siteId, id, product, now.toISOString())
  await applyOne(db, insert, full('products'))
  return (await getProduct(db, siteId, id))!
}

/** Changes product `id`; 422 for a tax rate the store does not allow, 404 for no such product. */
export async function changeProduct(
  { db, now }: Deps,
  siteId: string,
  id: string,
  input: ProductInput,
): Promise<Product> {
  const product = await checkedProduct(db, siteId, input)
  await applyOne(
    db,
    updateProductStatement(db, siteId, id, product, now.toISOString()),
    noProduct(),
  )
  return (await getProduct(db, siteId, id))!
}

/** Removes product `id` from the library; 404 for no such product. */
export async function removeProduct({ db }: Deps, siteId: string, id: string) {
  await applyOne(db, deleteProductStatement(db, siteId, id), noProduct())
}

/** Adds an FAQ entry; 409 when the library is full. */
export async function addFaq({ db, now }: Deps, siteId: string, input: FaqInput): Promise<FaqItem> {
  const id = newId('fq')
  await applyOne(
    db,
    insertFaqStatement(db, siteId, id, input, now.toISOString()),
    full('FAQ entries'),
  )
  return (await getFaq(db, siteId, id))!
}

/** Changes FAQ entry `id`; 404 for no such entry. */
export async function changeFaq(
  { db, now }: Deps,
  siteId: string,
  id: string,
  input: FaqInput,
): Promise<FaqItem> {
  await applyOne(db, updateFaqStatement(db, siteId, id, input, now.toISOString()), noFaq())
  return (await getFaq(db, siteId, id))!
}

/** Removes FAQ entry `id` from the library; 404 for no such entry. */
export async function removeFaq({ db }: Deps, siteId: string, id: string) {
  await applyOne(db, deleteFaqStatement(db, siteId, id), noFaq())
}
