/**
 * Builds the OpenAPI 3.1 document from the app's own route list: each route's `describeRoute`
 * and `validate` declarations (see describe.ts), with the contract's valibot schemas converted
 * by `@valibot/to-json-schema`. Pure: the same routes always give the same document.
 * https://spec.openapis.org/oas/v3.1.0
 */
import type { RouterRoute } from 'hono/types'
import { findTargetHandler } from 'hono/utils/handler'
import { toJsonSchema, toJsonSchemaDefs, type ConversionConfig } from '@valibot/to-json-schema'
import type * as v from 'valibot'
import * as contract from '../../../contract'
import { ErrorEnvelopeSchema, MAX_BODY_BYTES, WebhookPayloadSchema } from '../../../contract'
import {
  declarationOf,
  isValidation,
  TAGS,
  type ErrorStatus,
  type RouteDescription,
  type Validation,
} from './describe'
import * as answers from './schemas'

/** One documented operation: its declaration, who may call it, and the request parts it reads. */
export interface RouteDoc extends RouteDescription {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete'
  /** The path as Hono writes it (`/admin/api/leads/:id`). */
  path: string
  /** `admin` routes sit behind the admin-auth middleware: `Authorization: Bearer sk_…`. */
  auth: 'none' | 'admin'
  params?: v.GenericSchema
  query?: v.GenericSchema
  body?: v.GenericSchema
}

const METHODS = new Set(['get', 'post', 'patch', 'put', 'delete'])

/**
 * Reads the documented routes back from an app's route list. Hono keeps one entry per handler;
 * the entries of one method and path are one route. A route without `describeRoute` throws, so
 * an undocumented route fails the document's test (and `/openapi.json`) instead of going missing.
 * Admin routes are those under a path the admin-auth middleware guards.
 */
export function documentedRoutes(routes: readonly RouterRoute[]): RouteDoc[] {
  const adminPrefixes = routes
    .filter(
      (r) => r.method === 'ALL' && findTargetHandler(r.handler).name === 'adminAuthMiddleware',
    )
    .map((r) => r.path.replace(/\*$/, ''))
  type Found = {
    method: RouteDoc['method']
    path: string
    parts: (RouteDescription | Validation)[]
  }
  const found = new Map<string, Found>()
  for (const r of routes) {
    const method = r.method.toLowerCase() as RouteDoc['method']
    if (!METHODS.has(method)) continue
    const key = `${method} ${r.path}`
    const entry = found.get(key) ?? { method, path: r.path, parts: [] }
    found.set(key, entry)
    const declared = declarationOf(findTargetHandler(r.handler))
    if (declared) entry.parts.push(declared)
  }
  return [...found.values()].map(({ method, path, parts }) => {
    const where = `${method.toUpperCase()} ${path}`
    const descriptions = parts.filter((d): d is RouteDescription => !isValidation(d))
    // Two sub-apps declaring one route: only the first would ever answer.
    if (descriptions.length > 1) throw new Error(`${where} is declared twice`)
    const [description] = descriptions
    if (!description) throw new Error(`${where} has no describeRoute`)
    const doc: RouteDoc = {
      ...description,
      ...description.request,
      method,
      path,
      auth: adminPrefixes.some((prefix) => path.startsWith(prefix)) ? 'admin' : 'none',
    }
    for (const { target, schema } of parts.filter(isValidation)) {
      if (target === 'param') doc.params = schema
      else if (target === 'query') doc.query = schema
      else if (target === 'json') doc.body = schema
      else throw new Error(`${where}: validates ${target}, which the document cannot show`)
    }
    return doc
  })
}

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
  security: Record<string, string[]>[]
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
  servers: { url: string }[]
  tags: { name: string; description: string }[]
  paths: Record<string, Record<string, Operation>>
  /** What Leadline sends: the events it posts to stores' webhook endpoints (OpenAPI 3.1). */
  webhooks: Record<string, Record<string, Omit<Operation, 'parameters'>>>
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

type Definitions = Record<string, v.GenericSchema>

let names: Map<unknown, string> | undefined

/**
 * A schema's component name: the name the contract (or schemas.ts) exports it under, without
 * `Schema` (`LeadCreateSchema` → `LeadCreate`); the first export wins when one schema has two.
 */
function nameOf(schema: unknown): string | undefined {
  if (!names) {
    names = new Map()
    for (const [key, value] of [...Object.entries(answers), ...Object.entries(contract)]) {
      const isSchema = typeof value === 'object' && value !== null && 'kind' in value
      if (isSchema && key.endsWith('Schema') && !names.has(value))
        names.set(value, key.slice(0, -'Schema'.length))
    }
  }
  return names.get(schema)
}

/**
 * The components: the error envelope and every named schema a route takes as its body or
 * answers with. Schemas inside them that are components too become `$ref`s.
 */
function definitionsOf(routes: RouteDoc[]): Definitions {
  const defs: Definitions = {
    ErrorEnvelope: ErrorEnvelopeSchema,
    WebhookPayload: WebhookPayloadSchema,
  }
  for (const route of routes) {
    for (const schema of [route.body, route.success.schema, route.conflict]) {
      const name = schema && nameOf(schema)
      if (schema && name) defs[name] = schema
    }
  }
  return defs
}

/** The schema for a valibot schema: a `$ref` when it is a component, else inline with refs inside. */
function schemaOf(schema: v.GenericSchema, defs: Definitions): Schema {
  const name = nameOf(schema)
  if (name && defs[name] === schema) return ref(name)
  const {
    $schema: _,
    $defs: __,
    ...json
  } = toJsonSchema(schema, { ...BASE_CONFIG, definitions: defs }) as Schema
  return json
}

/** One parameter per property of an object schema (path or query). */
function parametersOf(
  schema: v.GenericSchema,
  where: 'path' | 'query',
  defs: Definitions,
): Parameter[] {
  const object = schemaOf(schema, defs)
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

function errorResponseOf(status: ErrorStatus, route: RouteDoc, defs: Definitions): Response {
  const schema =
    status === 409 && route.conflict ? schemaOf(route.conflict, defs) : ref('ErrorEnvelope')
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

/** Path parameters a route reads without validating (`/admin/*` has none; pages may). */
function plainPathParameters(path: string, declared: Parameter[]): Parameter[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)]
    .map((m) => m[1]!)
    .filter((name) => !declared.some((p) => p.in === 'path' && p.name === name))
    .map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }))
}

function operationOf(route: RouteDoc, defs: Definitions): Operation {
  const validated = route.params ? parametersOf(route.params, 'path', defs) : []
  const parameters = [
    ...validated,
    ...plainPathParameters(route.path, validated),
    ...(route.query ? parametersOf(route.query, 'query', defs) : []),
    ...(route.idempotencyKey ? [idempotencyHeader(route.idempotencyKey)] : []),
  ]
  const { success } = route
  const responses: Record<string, Response> = {
    [success.status]: {
      description: success.description,
      ...(success.schema
        ? { content: { 'application/json': { schema: schemaOf(success.schema, defs) } } }
        : success.contentType
          ? { content: { [success.contentType]: { schema: { type: 'string' } } } }
          : {}),
    },
  }
  for (const status of route.errors) responses[status] = errorResponseOf(status, route, defs)
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    // Every operation says how it is called: the admin key, or nothing (an empty list).
    security: route.auth === 'admin' ? [{ [SECURITY_SCHEME]: [] }] : [],
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(route.body, defs) } },
          },
        }
      : {}),
    responses,
  }
}

export interface BuildOptions {
  /** The API's base URL, e.g. `https://leadline.example` (the origin `/openapi.json` was asked on). */
  serverUrl: string
  version?: string
}

/**
 * Builds the document for the documented routes of an app.
 *
 * @example
 * const doc = buildOpenApi(documentedRoutes(app.routes), { serverUrl: 'https://leadline.test' })
 * doc.paths['/v1/leads']?.post?.operationId // 'createLead'
 */
export function buildOpenApi(routes: RouteDoc[], options: BuildOptions): OpenApiDocument {
  const defs = definitionsOf(routes)
  const paths: OpenApiDocument['paths'] = {}
  for (const route of routes) {
    const path = toOpenApiPath(route.path)
    const item = (paths[path] ??= {})
    if (item[route.method])
      throw new Error(`${route.method.toUpperCase()} ${route.path} is listed twice`)
    item[route.method] = operationOf(route, defs)
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
    servers: [{ url: options.serverUrl }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    webhooks: {
      pipelineEvent: {
        post: {
          operationId: 'receivePipelineEvent',
          summary: 'A pipeline event, posted to a store’s webhook endpoint',
          description:
            'Signed the Standard Webhooks way (`webhook-id`, `webhook-timestamp`, ' +
            '`webhook-signature`); see `createWebhook`.',
          tags: ['Delivery'],
          security: [],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('WebhookPayload') } },
          },
          responses: {
            '200': { description: 'Received. Any other answer is retried with backoff.' },
            '410': { description: 'Gone: three in a row disable the endpoint.' },
          },
        },
      },
    },
    components: {
      schemas: toJsonSchemaDefs(defs, BASE_CONFIG) as unknown as Record<string, Schema>,
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
