/**
 * Admin API for each store's quote library: products and FAQ entries reps copy into quotes.
 * Reps and owners may do all of it (usecases/library.ts). A quote keeps its own copy of what it
 * took from here.
 */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import {
  FaqInputSchema,
  FaqItemSchema,
  FaqListSchema,
  IdSchema,
  ProductInputSchema,
  ProductListSchema,
  ProductSchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import { listFaqs, listProducts } from '../db/library'
import { noBody, requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import {
  addFaq,
  addProduct,
  changeFaq,
  changeProduct,
  removeFaq,
  removeProduct,
} from '../usecases/library'

const idParam = validate('param', v.object({ id: IdSchema }))

const deps = (c: Context<AppEnv>) => ({ db: c.env.DB, now: new Date() })

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
    async (c) => c.json(await addProduct(deps(c), c.get('auth').siteId, c.req.valid('json')), 201),
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
      const { id } = c.req.valid('param')
      return c.json(await changeProduct(deps(c), c.get('auth').siteId, id, c.req.valid('json')))
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
      await removeProduct(deps(c), c.get('auth').siteId, c.req.valid('param').id)
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
    async (c) => c.json(await addFaq(deps(c), c.get('auth').siteId, c.req.valid('json')), 201),
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
      const { id } = c.req.valid('param')
      return c.json(await changeFaq(deps(c), c.get('auth').siteId, id, c.req.valid('json')))
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
      await removeFaq(deps(c), c.get('auth').siteId, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )
