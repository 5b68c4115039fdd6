/**
 * Builds the OpenAPI 3.1 document from a route table and the contract's valibot schemas, with
 * `@valibot/to-json-schema`. Pure: the same table always gives the same document.
 * https://spec.openapis.org/oas/v3.1.0
 */
import { toJsonSchema, toJsonSchemaDefs, type ConversionConfig } from '@valibot/to-json-schema'
import type * as v from 'valibot'
import { MAX_BODY_BYTES } from '../../../contract'
import { NAMED_SCHEMAS, ROUTES, type ErrorStatus, type RouteDoc } from './routes'

/** A JSON Schema object as it appears in the document. */
export type Schema = { [keyword: string]: unknown }

export interface Parameter {
  name: string
  in: 'path' | 'query' | 'header'
  required: boolean
  description?: string
  schema: Schema
}

export interface Operation {
  operationId: string
  summary: string
  description?: string
  tags: string[]
  security?: Record<string, string[]>[]
  parameters?: Parameter[]
  requestBody?: { required: true; content: Record<string, { schema: Schema }> }
  responses: Record<string, Response>
}

export interface Response {
  description: string
  headers?: Record<string, { description: string; schema: Schema }>
  content?: Record<string, { schema: Schema }>
}

export interface OpenApiDocument {
  openapi: '3.1.0'
  info: { title: string; version: string; description: string }
  servers?: { url: string }[]
  tags: { name: string; description: string }[]
  paths: Record<string, Record<string, Operation>>
  components: {
    schemas: Record<string, Schema>
    securitySchemes: Record<string, Record<string, string>>
  }
}

/** What each error status means for a route; the codes are those of `ERROR_STATUS`. */
function errorDescription(status: ErrorStatus, route: RouteDoc): string {
  switch (status) {
    case 400: {
      const causes: string[] = []
      if (route.body) causes.push('`invalid_json`: the body is not JSON in UTF-8')
      if (route.idempotencyKey)
        causes.push('`bad_request`: a missing or malformed `Idempotency-Key`')
      if (route.query) causes.push('`bad_request`: a `cursor` this API did not return')
      return causes.join('; ') || '`bad_request`'
    }
    case 401:
      return route.auth === 'admin'
        ? '`unauthorized`: no admin key, or one that is not valid.'
        : '`unauthorized`: the report is not signed by the provider (or its token is wrong).'
    case 403:
      return route.auth === 'admin'
        ? '`forbidden`: only the store owner may do this.'
        : "`forbidden`: the request's `Origin` is not allowed for this store."
    case 404:
      return route.auth === 'admin'
        ? '`not_found`: no such resource in this store.'
        : '`not_found`: no store has this site key.'
    case 409:
      return '`conflict`: someone changed the resource first.'
    case 413:
      return `\`payload_too_large\`: the body is larger than ${MAX_BODY_BYTES / 1024} KB.`
    case 415:
      return route.body
        ? '`unsupported_media_type`: send the body as `application/json`.'
        : '`unsupported_media_type`: this route takes no body; send none (an empty one passes).'
    case 422:
      return route.idempotencyKey
        ? '`validation_failed` with `issues`, or `idempotency_key_reused`: the same key with another body.'
        : '`validation_failed`, with `issues` saying what is wrong where.'
    case 429:
      return '`rate_limited`: too many submissions; retry after `Retry-After` seconds.'
    case 500:
      return '`internal`: something went wrong on our side.'
    case 503:
      return (
        '`unavailable`: the database is busy; retry after `Retry-After` seconds. ' +
        '`not_configured` (routes that make links): the server has no `PUBLIC_URL`.'
      )
  }
}

const SECURITY_SCHEME = 'adminKey'
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` })

/** `/admin/api/leads/:id` → `/admin/api/leads/{id}`. */
export const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')

/**
 * Converts what a client sends and receives (`typeMode: 'input'`): a pipe's transforms are where
 * conversion stops. `trim`, `normalize` (free text is stored in NFC), custom `check`s and
 * `rawCheck`s have no JSON Schema form; the server still runs them, and route descriptions say
 * what they require. Anything else unconvertible
 * throws, so a new contract construct cannot silently drop out of the document.
 */
const BASE_CONFIG: ConversionConfig = {
  target: 'draft-2020-12',
  typeMode: 'input',
  errorMode: 'throw',
  ignoreActions: ['trim', 'normalize', 'check', 'raw_check', 'finite'],
  overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
}

type Action = { type: string; requirement?: unknown }

/**
 * A query-string integer (`intFromQuery`: string → regex → transform → integer → bounds) is
 * documented as the integer it stands for, with its bounds, not as the raw digits: input-mode
 * conversion stops at the transform and would lose the bounds.
 */
function integerFromQuery(schema: v.GenericSchema): Schema | undefined {
  const inner = (schema as { wrapped?: v.GenericSchema }).wrapped ?? schema
  const pipe = (inner as { pipe?: Action[] }).pipe
  const at = pipe?.findIndex((a) => a.type === 'transform') ?? -1
  if (!pipe || at === -1 || !pipe.slice(at + 1).some((a) => a.type === 'integer')) return undefined
  const out: Schema = { type: 'integer' }
  for (const a of pipe.slice(at + 1)) {
    if (a.type === 'min_value') out.minimum = a.requirement as number
    if (a.type === 'max_value') out.maximum = a.requirement as number
  }
  return out
}

/** The schema for a valibot schema: a `$ref` when it is named, else inline with refs inside. */
function schemaOf(schema: v.GenericSchema): Schema {
  const name = Object.entries(NAMED_SCHEMAS).find(([, s]) => s === schema)?.[0]
  if (name) return ref(name)
  const {
    $schema: _,
    $defs: __,
    ...json
  } = toJsonSchema(schema, {
    ...BASE_CONFIG,
    definitions: NAMED_SCHEMAS,
  }) as Schema
  return json
}

/** One parameter per property of an object schema (path or query). */
function parametersOf(schema: v.GenericSchema, where: 'path' | 'query'): Parameter[] {
  const object = schemaOf(schema)
  const properties = (object.properties ?? {}) as Record<string, Schema>
  const required = new Set((object.required as string[] | undefined) ?? [])
  const entries = (schema as { entries?: Record<string, v.GenericSchema> }).entries ?? {}
  return Object.entries(properties).map(([name, converted]) => {
    const integer = entries[name] && integerFromQuery(entries[name])
    const { default: fallback, ...rest } = integer ? { ...converted, ...integer } : converted
    if (integer) delete rest.pattern
    const value = integer && typeof fallback === 'string' ? Number(fallback) : fallback
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      schema: value === undefined ? rest : { ...rest, default: value },
    }
  })
}

function idempotencyHeader(mode: 'required' | 'optional'): Parameter {
  return {
    name: 'Idempotency-Key',
    in: 'header',
    required: mode === 'required',
    description:
      'A key you make per logical request (8–255 visible ASCII characters). A retry with the ' +
      'same key and body gets the first answer; the same key with another body gets 422.',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{8,255}$' },
  }
}

const retryAfter = {
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
}

function errorResponseOf(status: ErrorStatus, route: RouteDoc): Response {
  const schema = status === 409 && route.conflict ? schemaOf(route.conflict) : ref('ErrorEnvelope')
  return {
    description: errorDescription(status, route),
    ...(status === 429 || status === 503 ? { headers: retryAfter } : {}),
    ...(status === 401 && route.auth === 'admin'
      ? {
          headers: {
            'WWW-Authenticate': { description: 'Bearer challenge.', schema: { type: 'string' } },
          },
        }
      : {}),
    content: { 'application/json': { schema } },
  }
}

function operationOf(route: RouteDoc): Operation {
  const parameters = [
    ...(route.params ? parametersOf(route.params, 'path') : []),
    ...(route.query ? parametersOf(route.query, 'query') : []),
    ...(route.idempotencyKey ? [idempotencyHeader(route.idempotencyKey)] : []),
  ]
  const { success } = route
  const responses: Record<string, Response> = {
    [success.status]: {
      description: success.description,
      ...(success.schema
        ? { content: { 'application/json': { schema: schemaOf(success.schema) } } }
        : success.contentType
          ? { content: { [success.contentType]: { schema: { type: 'string' } } } }
          : {}),
    },
  }
  for (const status of route.errors) responses[status] = errorResponseOf(status, route)
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    ...(route.auth === 'admin' ? { security: [{ [SECURITY_SCHEME]: [] }] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(route.body) } },
          },
        }
      : {}),
    responses,
  }
}

export interface BuildOptions {
  /** The API's base URL, e.g. `https://leadline.example`; omitted means relative to the document. */
  serverUrl?: string
  version?: string
}

/**
 * Builds the document for a route table.
 *
 * @example
 * const doc = buildOpenApi(ROUTES, { serverUrl: 'https://api.leadline.example' })
 * doc.paths['/v1/leads']?.post?.operationId // 'createLead'
 */
export function buildOpenApi(
  routes: RouteDoc[] = ROUTES,
  options: BuildOptions = {},
): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {}
  for (const route of routes) {
    const path = toOpenApiPath(route.path)
    const item = (paths[path] ??= {})
    if (item[route.method])
      throw new Error(`${route.method.toUpperCase()} ${route.path} is listed twice`)
    item[route.method] = operationOf(route)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Leadline API',
      version: options.version ?? '0.1.0',
      description:
        'The public API the Leadline widgets call (`/v1`) and the admin API for reps and owners ' +
        '(`/admin/api`). Every error is `{ "error": { "code", "message", "issues"? } }`.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    tags: [
      { name: 'Public', description: 'Called by the widgets from the store’s pages.' },
      { name: 'Admin', description: 'The admin key’s user and store.' },
      { name: 'Leads', description: 'Work the pipeline.' },
      { name: 'Contacts', description: 'The contact book.' },
      { name: 'Quiz', description: 'The qualification quiz: for visitors and for the store.' },
      { name: 'Booking', description: 'Demo booking: slots, bookings, availability, feeds.' },
      { name: 'Quotes', description: 'Quotes, their links, and the invoices they turn into.' },
      {
        name: 'Nurturing',
        description: 'Templates, sequences and their enrollments, tasks, messaging settings.',
      },
      { name: 'Delivery', description: 'Webhooks, the outbox and its delivery log.' },
      { name: 'Messages', description: 'Unsubscribe links and provider delivery reports.' },
      {
        name: 'Deals',
        description: 'Opportunities ranked by impact, win probabilities, pipelines.',
      },
      {
        name: 'Contact book',
        description: 'Tags and fields, merge and dedupe, import and export, privacy requests.',
      },
      {
        name: 'Analytics',
        description: 'Funnel, time in stage, win rates, lost reasons, forecast.',
      },
      { name: 'Console', description: 'The admin console for reps and owners, served at /admin.' },
      { name: 'Docs', description: 'This reference.' },
    ],
    paths,
    components: {
      schemas: toJsonSchemaDefs(NAMED_SCHEMAS, BASE_CONFIG) as unknown as Record<string, Schema>,
      securitySchemes: {
        [SECURITY_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          description: 'An admin API key `sk_…` of a user of the store.',
        },
      },
    },
  }
}
