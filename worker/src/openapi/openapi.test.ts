import { createConfig, lintFromString } from '@redocly/openapi-core'
import { Hono } from 'hono'
import { findTargetHandler } from 'hono/utils/handler'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import * as contract from '../../../contract'
import { createApp } from '../app'
import {
  buildOpenApi,
  documentedRoutes,
  toOpenApiPath,
  type Operation,
  type RouteDoc,
  type Schema,
} from './build'
import { declarationOf, describeRoute, isValidation, validate, type Validation } from './describe'
import { renderDocsHtml } from './html'
import * as answers from './schemas'

const SERVER = 'https://leadline.test'
const app = createApp()
const routes = documentedRoutes(app.routes)
const doc = buildOpenApi(routes, { serverUrl: SERVER })
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ path, method, op: op as Operation })),
)

/** `METHOD /path` for every route the Hono app answers (middleware registrations are `ALL`). */
function appRoutes(): string[] {
  const all = app.routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => `${r.method.toLowerCase()} ${toOpenApiPath(r.path)}`)
  return [...new Set(all)].sort()
}

/** What each route validates, read straight from its handlers (not through the builder). */
function validatorsOf(method: string, path: string): Validation[] {
  return app.routes
    .filter((r) => r.method.toLowerCase() === method && toOpenApiPath(r.path) === path)
    .map((r) => declarationOf(findTargetHandler(r.handler)))
    .filter((d): d is Validation => d !== undefined && isValidation(d))
}

/** The schema a component name stands for: the export `<Name>Schema` of the contract or schemas.ts. */
function exportNamed(name: string): unknown {
  const key = `${name}Schema`
  return (answers as Record<string, unknown>)[key] ?? (contract as Record<string, unknown>)[key]
}

const componentOf = (schema: Schema | undefined) =>
  String(schema?.$ref ?? '').replace('#/components/schemas/', '')

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((x) => refsIn(x, found))
  else if (value && typeof value === 'object') {
    for (const [k, x] of Object.entries(value)) {
      if (k === '$ref' && typeof x === 'string') found.push(x)
      else refsIn(x, found)
    }
  }
  return found
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with info, the server it was asked on and a bearer scheme', () => {
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.info.title).toBeTruthy()
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+$/)
    expect(doc.servers).toEqual([{ url: SERVER }])
    expect(doc.components.securitySchemes.adminKey).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    })
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc)
  })

  it('documents every route the app answers, and no route it does not', () => {
    const documented = operations.map(({ method, path }) => `${method} ${path}`).sort()
    expect(documented).toEqual(appRoutes())
    expect(appRoutes()).toContain('post /admin/api/leads/{id}/move')
    expect(operations.length).toBeGreaterThan(130)
  })

  it('documents for every route the request schemas its validators use', () => {
    let checked = 0
    for (const { path, method, op } of operations) {
      const validators = validatorsOf(method, path)
      const body = validators.find((x) => x.target === 'json')
      const documented = op.requestBody?.content['application/json']?.schema
      const route = routes.find((r) => r.operationId === op.operationId)!
      const parsedInHandler = route.request?.body
      if (body) {
        expect(exportNamed(componentOf(documented)), op.operationId).toBe(body.schema)
        checked++
      } else if (parsedInHandler) {
        expect(exportNamed(componentOf(documented)), op.operationId).toBe(parsedInHandler)
      } else expect(documented, op.operationId).toBeUndefined()
      for (const [target, where] of [
        ['param', 'path'],
        ['query', 'query'],
      ] as const) {
        const schema =
          validators.find((x) => x.target === target)?.schema ??
          route.request?.[target === 'param' ? 'params' : 'query']
        const names = (op.parameters ?? []).filter((p) => p.in === where).map((p) => p.name)
        const keys = Object.keys((schema as { entries?: object } | undefined)?.entries ?? {})
        if (where === 'path' && !schema) {
          expect(
            names.every((n) => path.includes(`{${n}}`)),
            op.operationId,
          ).toBe(true)
        } else expect(names.sort(), `${op.operationId} ${where}`).toEqual(keys.sort())
      }
    }
    expect(checked).toBeGreaterThan(50)
  })

  it('documents for every route the answer schema it declares, by the name it is exported as', () => {
    for (const route of routes) {
      const op = doc.paths[toOpenApiPath(route.path)]![route.method]!
      const success = op.responses[route.success.status]!
      if (!route.success.schema) {
        expect(success.content?.['application/json'], route.operationId).toBeUndefined()
        continue
      }
      const schema = success.content?.['application/json']?.schema
      expect(exportNamed(componentOf(schema)), route.operationId).toBe(route.success.schema)
      if (route.conflict) {
        const conflict = op.responses['409']?.content?.['application/json']?.schema
        expect(exportNamed(componentOf(conflict)), route.operationId).toBe(route.conflict)
      }
    }
  })

  it('refuses a route without describeRoute, and reads a new route from its declaration', () => {
    const Body = v.object({ name: v.pipe(v.string(), v.maxLength(10)) })
    const described = new Hono().post(
      '/things/:id',
      describeRoute({
        operationId: 'makeThing',
        summary: 'Make a thing',
        tag: 'Admin',
        success: { status: 201, description: 'Made.', schema: contract.LeadSchema },
        errors: [422],
      }),
      validate('param', v.object({ id: contract.IdSchema })),
      validate('json', Body),
      (c) => c.body(null, 201),
    )
    const [thing] = documentedRoutes(described.routes)
    expect(thing).toMatchObject({ method: 'post', path: '/things/:id', body: Body, auth: 'none' })
    const op = buildOpenApi([thing!], { serverUrl: SERVER }).paths['/things/{id}']!.post!
    expect(op.requestBody?.content['application/json']?.schema).toMatchObject({
      type: 'object',
      properties: { name: { type: 'string', maxLength: 10 } },
    })
    expect(op.responses['201']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/Lead',
    })
    expect(op.security).toEqual([])
    const bare = new Hono().get('/x', (c) => c.text('x'))
    expect(() => documentedRoutes(bare.routes)).toThrow(/GET \/x has no describeRoute/)
    const twice = new Hono()
      .route('/things', described)
      .route('/things', new Hono().route('/', described))
    expect(() => documentedRoutes(twice.routes)).toThrow(
      /POST \/things\/things\/:id is declared twice/,
    )
  })

  it('resolves every $ref to a component schema and leaves no $defs behind', () => {
    const refs = refsIn(doc)
    expect(refs.length).toBeGreaterThan(20)
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//)
      expect(doc.components.schemas[ref.slice('#/components/schemas/'.length)], ref).toBeDefined()
    }
    expect(JSON.stringify(doc)).not.toContain('$defs')
    expect(JSON.stringify(doc)).not.toContain('"$schema"')
  })

  it('declares each path template parameter exactly once, as required', () => {
    for (const { path, op } of operations) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path')
      expect(declared.map((p) => p.name).sort(), path).toEqual(inPath)
      expect(declared.every((p) => p.required)).toBe(true)
    }
  })

  it('answers every error status with the error envelope, and 429 and 503 with Retry-After', () => {
    let checked = 0
    for (const { op } of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue
        checked++
        const schema = response.content?.['application/json']?.schema as Schema
        const withBody = routes.find((r) => r.operationId === op.operationId)?.conflict
        if (status === '409' && withBody) expect(exportNamed(componentOf(schema))).toBe(withBody)
        else expect(schema).toEqual({ $ref: '#/components/schemas/ErrorEnvelope' })
        if (status === '429' || status === '503')
          expect(response.headers?.['Retry-After']).toBeDefined()
      }
    }
    expect(checked).toBeGreaterThan(50)
    const envelope = doc.components.schemas.ErrorEnvelope as any
    expect(envelope.properties.error.required).toEqual(['code', 'message'])
  })

  it('declares security on every operation: the admin key under /admin/api, none elsewhere', () => {
    const capture = doc.paths['/v1/leads']!.post!
    expect(capture.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
    )
    expect(capture.requestBody?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/LeadCreate',
    })
    for (const { path, op } of operations) {
      if (path.startsWith('/admin/api/')) {
        expect(op.security, path).toEqual([{ adminKey: [] }])
        expect(op.responses['401'], path).toBeDefined()
      } else expect(op.security, path).toEqual([])
    }
  })

  it('passes the Redocly linter’s recommended rules (no errors; four known warnings)', async () => {
    const config = await createConfig({ extends: ['recommended'] })
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: 'openapi.json',
      config,
    })
    const found = problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}`)
    expect(found.sort()).toEqual(
      [
        // The project has chosen no licence to declare.
        'warn info-license #/info',
        // The document and the reference page answer 200 whatever the request; the console's
        // page 200, or 503 when it is not built.
        'warn operation-4xx-response #/paths/~1admin/get/responses',
        'warn operation-4xx-response #/paths/~1openapi.json/get/responses',
        'warn operation-4xx-response #/paths/~1docs/get/responses',
      ].sort(),
    )
  }, 30_000)

  it('describes request bodies as clients send them: strict objects, bounds, enums', () => {
    const create = doc.components.schemas.LeadCreate as any
    expect(create.additionalProperties).toBe(false)
    expect(create.required).toEqual(['siteKey', 'fields', 'consent'])
    expect(create.properties.fields.properties.message).toEqual({ type: 'string', maxLength: 5000 })
    const move = doc.components.schemas.LeadMove as any
    expect(move.properties.to.enum).toEqual([
      'lead',
      'qualification',
      'nurturing',
      'meeting',
      'proposal',
      'deal',
    ])
    expect(move.properties.reason).toMatchObject({ type: 'string', minLength: 1, maxLength: 500 })
    expect(move.properties.expectedVersion).toEqual({ type: 'integer', minimum: 1 })
  })

  it('documents query integers as bounded integers and lists the allowed sort columns', () => {
    const params = doc.paths['/admin/api/leads']!.get!.parameters!
    expect(params.find((p) => p.name === 'limit')).toEqual({
      name: 'limit',
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
    })
    expect(params.find((p) => p.name === 'sort')?.schema.enum).toEqual([
      'created_at',
      'updated_at',
      'stage_entered_at',
      'value',
    ])
  })

  it('refuses a route list that has a route twice', () => {
    const twice = [routes[0]!, { ...routes[0]! }]
    expect(() => buildOpenApi(twice, { serverUrl: SERVER })).toThrow(/listed twice/)
  })
})

describe('the API reference page', () => {
  const html = renderDocsHtml(doc)

  it('lists every route with its method, path and summary', () => {
    for (const { path, method, op } of operations) {
      expect(html).toContain(`${method.toUpperCase()}</span> <code>${path}</code>`)
      expect(html).toContain(op.summary.replace(/'/g, '&#39;'))
    }
    expect(html).toContain('<code>expectedVersion</code>')
    expect(html).toContain('<code>Idempotency-Key</code>')
    expect(html).toContain('id="schema-LeadCreate"')
  })

  it('has no script and loads nothing from elsewhere', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|https?:\/\//i)
  })

  it('escapes everything taken from the document', () => {
    const evil: RouteDoc = {
      method: 'get',
      path: '/x/:id',
      operationId: 'evil"><b>',
      summary: '<script>alert(1)</script>',
      description: '`<img src=x onerror=alert(1)>`',
      tag: 'Public',
      auth: 'none',
      params: v.object({ id: v.pipe(v.string(), v.regex(/^<\/td>$/)) }),
      success: { status: 200, description: '</table>', schema: v.object({ '<i>': v.string() }) },
      errors: [],
    }
    const page = renderDocsHtml(buildOpenApi([evil], { serverUrl: '"><script>' }))
    expect(page).not.toContain('<script>')
    expect(page).not.toContain('<img')
    expect(page).not.toContain('"><b>')
    expect(page).not.toContain('^</td>$')
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })
})
