/**
 * Routes that document themselves. A route declares once what it reads and what it answers:
 * `validate(target, schema)` checks a part of the request with a contract schema and records it,
 * `describeRoute({...})` records the summary, the success answer and the error statuses. Both
 * are middleware that carry their declaration on a symbol; `buildOpenApi` reads them back from
 * the app's route list (`app.routes`, one entry per handler), so the document shows exactly the
 * schemas the handlers validate with. The same idea as `hono-openapi`'s `describeRoute` and
 * `validator`, without its schema-vendor layer (see the README's toolchain notes).
 */
import type { MiddlewareHandler, ValidationTargets } from 'hono'
import type * as v from 'valibot'
import { validate as validateWith } from '../middleware/body'

/** Error statuses a route can answer with; each answers with the error envelope. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503

const SERVER: ErrorStatus[] = [500, 503]

/**
 * The error lists routes share, by what a route reads. A route takes the one that fits and adds
 * what is its own: 403 (only the owner may; an `Origin` the store does not allow), 404 (a thing
 * that may not exist), 409 (a version that may be stale), 429 (a rate limit). The order does not
 * matter: the document lists statuses in ascending order.
 *
 * @example
 * errors: [...ERRORS.adminJson, 404, 409] // a JSON change to a versioned thing by its id
 */
export const ERRORS = {
  /** Any route: `internal` (500), and 503 when the database is busy or `PUBLIC_URL` is unset. */
  server: SERVER,
  /** An admin read that validates nothing: no admin key, or one that is not valid (401). */
  adminRead: [401, ...SERVER],
  /** An admin read with a validated query (422). */
  adminQuery: [401, 422, ...SERVER],
  /** An admin read of one thing by its id: a malformed id (422), no such thing (404). */
  adminReadById: [401, 404, 422, ...SERVER],
  /** A page of an admin list: a cursor the API did not return (400), an invalid query (422). */
  adminPage: [400, 401, 422, ...SERVER],
  /** An admin action on a thing by its id that takes no body: a body sent answers 415. */
  adminAction: [401, 404, 415, 422, ...SERVER],
  /** An admin JSON write: not JSON (400), too large (413), not `application/json` (415), invalid (422). */
  adminJson: [400, 401, 413, 415, 422, ...SERVER],
  /** A public read by site key: no such store (404), a query that is invalid (422). */
  publicRead: [404, 422, ...SERVER],
  /**
   * A public JSON write from a store's page: not JSON (400), an `Origin` the store does not allow
   * (403), no such store (404), too large (413), not `application/json` (415), invalid (422).
   */
  publicJson: [400, 403, 404, 413, 415, 422, ...SERVER],
} satisfies Record<string, ErrorStatus[]>

/** The document's tags, in the order the reference page lists them. */
export const TAGS = {
  Public: 'Called by the widgets from the store’s pages.',
  Admin: 'The admin key’s user and store.',
  Leads: 'Work the pipeline.',
  Contacts:
    'The store’s people: tags and fields, merge and dedupe, import and export, privacy requests.',
  Quiz: 'The qualification quiz: for visitors and for the store.',
  Booking: 'Demo booking: slots, bookings, availability, feeds.',
  Quotes: 'Quotes, their links, and the invoices they turn into.',
  Nurture: 'Templates, sequences and their enrollments, tasks, delivery settings.',
  Delivery: 'Webhooks, the outbox and its delivery log, provider reports, unsubscribe links.',
  Deals: 'Opportunities ranked by impact, win probabilities, pipelines.',
  Analytics: 'Funnel, time in stage, win rates, lost reasons, forecast.',
  Console: 'The admin console for reps and owners, served at /admin.',
  Docs: 'This reference.',
} as const

export type Tag = keyof typeof TAGS

/** What a route answers, beside the request parts its validators record. */
export interface RouteDescription {
  operationId: string
  summary: string
  description?: string
  tag: Tag
  /** Whether the route reads an `Idempotency-Key` header. */
  idempotencyKey?: 'required' | 'optional'
  success: {
    status: 200 | 201 | 202 | 204
    description: string
    /** The JSON body; omitted for a non-JSON answer (`contentType`). */
    schema?: v.GenericSchema
    contentType?: string
  }
  errors: ErrorStatus[]
  /** The 409 body when it carries more than the error envelope. */
  conflict?: v.GenericSchema
  /**
   * Only for routes that parse a request part in the handler instead of with `validate`
   * (a provider report is read as text to check its signature first; the booking page
   * renders its own error page): the schemas the handler parses with.
   */
  request?: { params?: v.GenericSchema; query?: v.GenericSchema; body?: v.GenericSchema }
}

/** A request part a route validates, and the contract schema it validates with. */
export interface Validation {
  target: keyof ValidationTargets
  schema: v.GenericSchema
}

const DESCRIBED = Symbol('leadline.describeRoute')
const VALIDATED = Symbol('leadline.validate')

/**
 * Documents a route; does nothing else at run time. Put it first among the route's handlers.
 *
 * @example
 * .post('/:id/move', describeRoute({ operationId: 'moveLead', … }), idParam, validate('json', LeadMoveSchema), handler)
 */
export function describeRoute(description: RouteDescription): MiddlewareHandler {
  return Object.assign(
    async function describedRoute(_c: unknown, next: () => Promise<void>) {
      await next()
    },
    { [DESCRIBED]: description },
  )
}

/**
 * Validates a part of the request with a contract schema (failures answer 422 with the issues,
 * see `middleware/body.ts`) and records the schema for the OpenAPI document.
 */
export const validate = <T extends v.GenericSchema, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) => Object.assign(validateWith(target, schema), { [VALIDATED]: { target, schema } })

/** The declaration a handler carries, if it is `describeRoute`'s or `validate`'s middleware. */
export function declarationOf(handler: unknown): RouteDescription | Validation | undefined {
  if (typeof handler !== 'function') return undefined
  const marked = handler as { [DESCRIBED]?: RouteDescription; [VALIDATED]?: Validation }
  return marked[DESCRIBED] ?? marked[VALIDATED]
}

/** Whether a declaration is a validator's (else it is a route description). */
export const isValidation = (d: RouteDescription | Validation): d is Validation => 'target' in d
