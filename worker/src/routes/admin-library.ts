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
import { ERRORS, describeRoute, validate, type RouteDescription } from '../openapi/describe'
import {
  addFaq,
  addProduct,
  changeFaq,
  changeProduct,
  removeFaq,
  removeProduct,
} from '../usecases/library'
import type { Deps } from '../usecases/batch'

const idParam = validate('param', v.object({ id: IdSchema }))

const deps = (c: Context<AppEnv>) => ({ db: c.env.DB, now: new Date() })

/** What a route declaration of a library says of itself: the rest is the same for both. */
type Texts = Pick<RouteDescription, 'operationId' | 'summary' | 'description'> & {
  /** What the success answer holds. */
  answer: string
}

/**
 * The four routes of one library (products or FAQ entries): list, add, change, remove. Both
 * libraries answer, guard and document alike; only their names, texts, schemas and use cases
 * differ.
 */
function libraryRoutes<Input, Entry>(library: {
  texts: { list: Texts; create: Texts; update: Texts; remove: Texts }
  listSchema: v.GenericSchema
  entrySchema: v.GenericSchema
  inputSchema: v.GenericSchema<unknown, Input>
  list: (db: D1Database, siteId: string) => Promise<Entry[]>
  add: (d: Deps, siteId: string, input: Input) => Promise<Entry>
  change: (d: Deps, siteId: string, id: string, input: Input) => Promise<Entry>
  remove: (d: Deps, siteId: string, id: string) => Promise<void>
}) {
  const { texts, entrySchema } = library
  const doc = ({ answer: _answer, ...text }: Texts) => ({ ...text, tag: 'Quotes' as const })
  const input = validate('json', library.inputSchema)
  return new Hono<AppEnv>()
    .get(
      '/',
      describeRoute({
        ...doc(texts.list),
        success: { status: 200, description: texts.list.answer, schema: library.listSchema },
        errors: ERRORS.adminRead,
      }),
      async (c) => c.json({ items: await library.list(c.env.DB, c.get('auth').siteId) }),
    )
    .post(
      '/',
      describeRoute({
        ...doc(texts.create),
        success: { status: 201, description: texts.create.answer, schema: entrySchema },
        errors: [...ERRORS.adminJson, 409],
      }),
      requireJson(),
      input,
      async (c) =>
        c.json(await library.add(deps(c), c.get('auth').siteId, c.req.valid('json')), 201),
    )
    .put(
      '/:id',
      describeRoute({
        ...doc(texts.update),
        success: { status: 200, description: texts.update.answer, schema: entrySchema },
        errors: [...ERRORS.adminJson, 404],
      }),
      idParam,
      requireJson(),
      input,
      async (c) => {
        const { id } = c.req.valid('param')
        return c.json(await library.change(deps(c), c.get('auth').siteId, id, c.req.valid('json')))
      },
    )
    .delete(
      '/:id',
      describeRoute({
        ...doc(texts.remove),
        success: { status: 204, description: texts.remove.answer },
        errors: ERRORS.adminAction,
      }),
      idParam,
      noBody(),
      async (c) => {
        await library.remove(deps(c), c.get('auth').siteId, c.req.valid('param').id)
        return c.body(null, 204)
      },
    )
}

/** The product library quotes draw from, at `/admin/api/products`. */
export const adminProducts = libraryRoutes({
  texts: {
    list: {
      operationId: 'listProducts',
      summary: "The store's product library, by name",
      description: 'Reusable quote lines: copy one into a draft to fill it faster.',
      answer: 'All products (at most 500).',
    },
    create: {
      operationId: 'createProduct',
      summary: 'Add a product to the library',
      description:
        "The tax rate is a KDV rate (2000, 1000, 100 or 0 bps) or one of the store's own " +
        '(422 otherwise); 409 when it holds 500.',
      answer: 'The product.',
    },
    update: {
      operationId: 'updateProduct',
      summary: 'Change a product (quotes keep the copy they took)',
      answer: 'The product.',
    },
    remove: {
      operationId: 'deleteProduct',
      summary: 'Remove a product from the library',
      answer: 'Removed.',
    },
  },
  listSchema: ProductListSchema,
  entrySchema: ProductSchema,
  inputSchema: ProductInputSchema,
  list: listProducts,
  add: addProduct,
  change: changeProduct,
  remove: removeProduct,
})

/** The FAQ library quotes draw from, at `/admin/api/faqs`. */
export const adminFaqs = libraryRoutes({
  texts: {
    list: {
      operationId: 'listFaqs',
      summary: "The store's FAQ library, by question",
      answer: 'All entries (at most 500).',
    },
    create: {
      operationId: 'createFaq',
      summary: 'Add a question and its answer to the library',
      description: 'The answer is rich text as in quote sections; 409 when the library holds 500.',
      answer: 'The entry.',
    },
    update: {
      operationId: 'updateFaq',
      summary: 'Change an FAQ entry (quotes keep the copy they took)',
      answer: 'The entry.',
    },
    remove: {
      operationId: 'deleteFaq',
      summary: 'Remove an FAQ entry from the library',
      answer: 'Removed.',
    },
  },
  listSchema: FaqListSchema,
  entrySchema: FaqItemSchema,
  inputSchema: FaqInputSchema,
  list: listFaqs,
  add: addFaq,
  change: changeFaq,
  remove: removeFaq,
})
