/**
 * Admin API for each store's quote library: products and FAQ entries reps copy into quotes.
 * Reps and owners may do all of it. A quote keeps its own copy of what it took from here.
 */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import {
  FaqInputSchema,
  FaqItemSchema,
  FaqListSchema,
  IdSchema,
  LIBRARY_MAX,
  type ProductInput,
  ProductInputSchema,
  ProductListSchema,
  ProductSchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import {
  deleteFaqStatement,
  deleteProductStatement,
  getFaq,
  getProduct,
  insertFaqStatement,
  insertProductStatement,
  listFaqs,
  listProducts,
  updateFaqStatement,
  updateProductStatement,
} from '../db/library'
import { getQuoteSettings } from '../db/quotes'
import { ApiError } from '../lib/errors'
import { newId } from '../lib/ids'
import { noBody, requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { allowedTaxRates, taxRateMessage } from '../quotes'

const idParam = validate('param', v.object({ id: IdSchema }))

/** Runs one change; an answer of no row changed is `notChanged`. */
async function change(c: Context<AppEnv>, statement: D1PreparedStatement, notChanged: ApiError) {
  const [result] = await c.env.DB.batch([statement])
  if (result?.meta.changes !== 1) throw notChanged
}

/** The product as sent, once its tax rate is one the store allows (KDV or its own); else 422. */
async function checkedProduct(c: Context<AppEnv>, p: ProductInput) {
  const settings = await getQuoteSettings(c.env.DB, c.get('auth').siteId)
  const allowed = allowedTaxRates(settings.taxRatesBps)
  if (!allowed.includes(p.taxRateBps)) {
    throw new ApiError('validation_failed', 'The product is not valid.', [
      { path: 'taxRateBps', message: taxRateMessage(allowed) },
    ])
  }
  return p
}

const noProduct = () => new ApiError('not_found', 'No such product.')
const noFaq = () => new ApiError('not_found', 'No such FAQ entry.')
const full = (what: string) =>
  new ApiError('conflict', `The library holds at most ${LIBRARY_MAX} ${what}.`)

export const adminProducts = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      operationId: 'listProducts',
      summary: "The store's product library, by name",
      description: 'Reusable quote lines: copy one into a draft to fill it faster.',
      tag: 'Quotes',
      success: {
        status: 200,
        description: 'All products (at most 500).',
        schema: ProductListSchema,
      },
      errors: ERRORS.adminRead,
    }),
    async (c) => c.json({ items: await listProducts(c.env.DB, c.get('auth').siteId) }),
  )
  .post(
    '/',
    describeRoute({
      operationId: 'createProduct',
      summary: 'Add a product to the library',
      description:
        "The tax rate is a KDV rate (2000, 1000, 100 or 0 bps) or one of the store's own " +
        '(422 otherwise); 409 when it holds 500.',
      tag: 'Quotes',
      success: { status: 201, description: 'The product.', schema: ProductSchema },
      errors: [...ERRORS.adminJson, 409],
    }),
    requireJson(),
    validate('json', ProductInputSchema),
    async (c) => {
      const { siteId } = c.get('auth')
      const product = await checkedProduct(c, c.req.valid('json'))
      const id = newId('pr')
      const at = new Date().toISOString()
      await change(c, insertProductStatement(c.env.DB, siteId, id, product, at), full('products'))
      return c.json((await getProduct(c.env.DB, siteId, id))!, 201)
    },
  )
  .put(
    '/:id',
    describeRoute({
      operationId: 'updateProduct',
      summary: 'Change a product (quotes keep the copy they took)',
      tag: 'Quotes',
      success: { status: 200, description: 'The product.', schema: ProductSchema },
      errors: [...ERRORS.adminJson, 404],
    }),
    idParam,
    requireJson(),
    validate('json', ProductInputSchema),
    async (c) => {
      const { siteId } = c.get('auth')
      const { id } = c.req.valid('param')
      const product = await checkedProduct(c, c.req.valid('json'))
      const at = new Date().toISOString()
      await change(c, updateProductStatement(c.env.DB, siteId, id, product, at), noProduct())
      return c.json((await getProduct(c.env.DB, siteId, id))!)
    },
  )
  .delete(
    '/:id',
    describeRoute({
      operationId: 'deleteProduct',
      summary: 'Remove a product from the library',
      tag: 'Quotes',
      success: { status: 204, description: 'Removed.' },
      errors: ERRORS.adminAction,
    }),
    idParam,
    noBody(),
    async (c) => {
      const { siteId } = c.get('auth')
      await change(
        c,
        deleteProductStatement(c.env.DB, siteId, c.req.valid('param').id),
        noProduct(),
      )
      return c.body(null, 204)
    },
  )

/** The FAQ library quotes draw from, at `/admin/api/faqs`. */
export const adminFaqs = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      operationId: 'listFaqs',
      summary: "The store's FAQ library, by question",
      tag: 'Quotes',
      success: { status: 200, description: 'All entries (at most 500).', schema: FaqListSchema },
      errors: ERRORS.adminRead,
    }),
    async (c) => c.json({ items: await listFaqs(c.env.DB, c.get('auth').siteId) }),
  )
  .post(
    '/',
    describeRoute({
      operationId: 'createFaq',
      summary: 'Add a question and its answer to the library',
      description: 'The answer is rich text as in quote sections; 409 when the library holds 500.',
      tag: 'Quotes',
      success: { status: 201, description: 'The entry.', schema: FaqItemSchema },
      errors: [...ERRORS.adminJson, 409],
    }),
    requireJson(),
    validate('json', FaqInputSchema),
    async (c) => {
      const { siteId } = c.get('auth')
      const id = newId('fq')
      const at = new Date().toISOString()
      await change(
        c,
        insertFaqStatement(c.env.DB, siteId, id, c.req.valid('json'), at),
        full('FAQ entries'),
      )
      return c.json((await getFaq(c.env.DB, siteId, id))!, 201)
    },
  )
  .put(
    '/:id',
    describeRoute({
      operationId: 'updateFaq',
      summary: 'Change an FAQ entry (quotes keep the copy they took)',
      tag: 'Quotes',
      success: { status: 200, description: 'The entry.', schema: FaqItemSchema },
      errors: [...ERRORS.adminJson, 404],
    }),
    idParam,
    requireJson(),
    validate('json', FaqInputSchema),
    async (c) => {
      const { siteId } = c.get('auth')
      const { id } = c.req.valid('param')
      const at = new Date().toISOString()
      await change(c, updateFaqStatement(c.env.DB, siteId, id, c.req.valid('json'), at), noFaq())
      return c.json((await getFaq(c.env.DB, siteId, id))!)
    },
  )
  .delete(
    '/:id',
    describeRoute({
      operationId: 'deleteFaq',
      summary: 'Remove an FAQ entry from the library',
      tag: 'Quotes',
      success: { status: 204, description: 'Removed.' },
      errors: ERRORS.adminAction,
    }),
    idParam,
    noBody(),
    async (c) => {
      const { siteId } = c.get('auth')
      await change(c, deleteFaqStatement(c.env.DB, siteId, c.req.valid('param').id), noFaq())
      return c.body(null, 204)
    },
  )
