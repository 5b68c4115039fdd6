import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { buildOpenApi, toOpenApiPath, type Operation, type Schema } from './build'
import { renderDocsHtml } from './html'
import { ROUTES, type RouteDoc } from './routes'

const doc = buildOpenApi()
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ path, method, op: op as Operation })),
)

/** `METHOD /path` for every route the Hono app answers (middleware registrations are `ALL`). */
function appRoutes(): string[] {
  const routes = createApp()
    .routes.filter((r) => r.method !== 'ALL')
    .map((r) => `${r.method.toLowerCase()} ${toOpenApiPath(r.path)}`)
  return [...new Set(routes)].sort()
}

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
  it('is OpenAPI 3.1 with info, paths and a bearer scheme for the admin API', () => {
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.info.title).toBeTruthy()
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+$/)
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
        const withBody = ROUTES.find((r) => r.operationId === op.operationId)?.conflict
        if (status === '409' && withBody) expect(String(schema.$ref)).toMatch(/Conflict$/)
        else expect(schema).toEqual({ $ref: '#/components/schemas/ErrorEnvelope' })
        if (status === '429' || status === '503')
          expect(response.headers?.['Retry-After']).toBeDefined()
      }
    }
    expect(checked).toBeGreaterThan(50)
    const envelope = doc.components.schemas.ErrorEnvelope as any
    expect(envelope.properties.error.required).toEqual(['code', 'message'])
  })

  it('requires an Idempotency-Key on the public POST and the admin key on every admin route', () => {
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
      } else expect(op.security, path).toBeUndefined()
    }
  })

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

  it('refuses a route table that lists a route twice', () => {
    const twice = [ROUTES[0]!, { ...ROUTES[0]! }]
    expect(() => buildOpenApi(twice)).toThrow(/listed twice/)
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
    const page = renderDocsHtml(buildOpenApi([evil]))
    expect(page).not.toContain('<script>')
    expect(page).not.toContain('<img')
    expect(page).not.toContain('"><b>')
    expect(page).not.toContain('^</td>$')
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })
})
