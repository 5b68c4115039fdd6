/**
 * Renders the OpenAPI document as one self-contained HTML page for `/docs`: no script, no
 * external resources, every value escaped. Pure: document in, HTML string out.
 */
import { escapeHtml } from '../lib/html'
import type { OpenApiDocument, Operation, Parameter, Schema } from './build'

export { escapeHtml }

/** Escaped text with `code spans` from the document's descriptions. */
const prose = (text: string | undefined) =>
  text ? escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>') : ''

const refName = (schema: Schema) =>
  typeof schema.$ref === 'string' ? schema.$ref.replace('#/components/schemas/', '') : undefined

const anchor = (kind: string, name: string) => `${kind}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`

/** A short type label: a link for a named schema, `a | b` for unions, the values of an enum. */
function typeLabel(schema: Schema): string {
  const name = refName(schema)
  if (name) return `<a href="#${anchor('schema', name)}">${escapeHtml(name)}</a>`
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Schema[]).map(typeLabel).join(' | ')
  if ('const' in schema) return `<code>${escapeHtml(JSON.stringify(schema.const))}</code>`
  if (Array.isArray(schema.enum)) {
    return (schema.enum as unknown[])
      .map((e) => `<code>${escapeHtml(JSON.stringify(e))}</code>`)
      .join(' | ')
  }
  if (schema.type === 'array') return `array of ${typeLabel((schema.items ?? {}) as Schema)}`
  if (schema.type === 'object' && !schema.properties && schema.additionalProperties) {
    const values =
      schema.additionalProperties === true
        ? 'any'
        : typeLabel(schema.additionalProperties as Schema)
    return `map of ${values}`
  }
  if (typeof schema.type === 'string') return escapeHtml(schema.type)
  return 'any'
}

const CONSTRAINTS: [string, string][] = [
  ['minLength', 'min length'],
  ['maxLength', 'max length'],
  ['minimum', 'min'],
  ['maximum', 'max'],
  ['minItems', 'min items'],
  ['maxItems', 'max items'],
  ['pattern', 'pattern'],
  ['format', 'format'],
  ['default', 'default'],
]

function constraints(schema: Schema): string {
  const parts: string[] = []
  const all = [schema, ...((schema.anyOf as Schema[] | undefined) ?? [])]
  for (const s of all) {
    for (const [key, label] of CONSTRAINTS) {
      if (s[key] !== undefined)
        parts.push(`${label} <code>${escapeHtml(JSON.stringify(s[key]))}</code>`)
    }
    const keys = s.propertyNames as Schema | undefined
    if (keys?.pattern) parts.push(`keys match <code>${escapeHtml(keys.pattern)}</code>`)
  }
  if (schema.additionalProperties === false && schema.properties) parts.push('no other fields')
  return parts.join(', ')
}

interface Row {
  name: string
  type: string
  required: boolean
  notes: string
}

/** The fields of an object schema, nested inline objects flattened as `parent.child`. */
function fieldRows(schema: Schema, prefix = '', depth = 0): Row[] {
  const properties = (schema.properties ?? {}) as Record<string, Schema>
  const required = new Set((schema.required as string[] | undefined) ?? [])
  const rows: Row[] = []
  for (const [name, property] of Object.entries(properties)) {
    const path = prefix + name
    const nested = property.type === 'object' && property.properties && depth < 4
    rows.push({
      name: path,
      type: nested ? 'object' : typeLabel(property),
      required: required.has(name),
      notes: prose(property.description as string | undefined) + constraints(property),
    })
    if (nested) rows.push(...fieldRows(property, `${path}.`, depth + 1))
  }
  return rows
}

function fieldTable(rows: Row[]): string {
  if (rows.length === 0) return '<p class="muted">No fields.</p>'
  const body = rows
    .map(
      (r) =>
        `<tr><td><code>${escapeHtml(r.name)}</code></td><td>${r.type}</td>` +
        `<td>${r.required ? 'required' : 'optional'}</td><td>${r.notes}</td></tr>`,
    )
    .join('')
  return `<table><thead><tr><th>Field</th><th>Type</th><th></th><th>Constraints</th></tr></thead><tbody>${body}</tbody></table>`
}

function parameterTable(parameters: Parameter[]): string {
  const body = parameters
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td>` +
        `<td>${typeLabel(p.schema)}</td><td>${p.required ? 'required' : 'optional'}</td>` +
        `<td>${[prose(p.description), constraints(p.schema)].filter(Boolean).join('<br>')}</td></tr>`,
    )
    .join('')
  return `<table><thead><tr><th>Name</th><th>In</th><th>Type</th><th></th><th>Notes</th></tr></thead><tbody>${body}</tbody></table>`
}

function bodySection(doc: OpenApiDocument, operation: Operation): string {
  const schema = operation.requestBody?.content['application/json']?.schema
  if (!schema) return ''
  const name = refName(schema)
  const resolved = name ? doc.components.schemas[name] : schema
  const title = name ? ` (${typeLabel(schema)})` : ''
  return `<h4>Request body: <code>application/json</code>${title}</h4>${fieldTable(fieldRows(resolved ?? {}))}`
}

function responseTable(operation: Operation): string {
  const body = Object.entries(operation.responses)
    .map(([status, r]) => {
      const content = Object.entries(r.content ?? {})
        .map(([type, c]) => `${typeLabel(c.schema)} <span class="muted">${escapeHtml(type)}</span>`)
        .join('<br>')
      const headers = Object.keys(r.headers ?? {})
        .map((h) => `header <code>${escapeHtml(h)}</code>`)
        .join(', ')
      return (
        `<tr><td class="status s${escapeHtml(status[0])}">${escapeHtml(status)}</td>` +
        `<td>${prose(r.description)}${headers ? `<br>${headers}` : ''}</td><td>${content}</td></tr>`
      )
    })
    .join('')
  return `<table><thead><tr><th>Status</th><th>Meaning</th><th>Body</th></tr></thead><tbody>${body}</tbody></table>`
}

function operationSection(
  doc: OpenApiDocument,
  path: string,
  method: string,
  op: Operation,
): string {
  const auth = op.security?.length
    ? '<p class="auth">Needs <code>Authorization: Bearer sk_…</code> (an admin key).</p>'
    : ''
  const parameters = op.parameters?.length
    ? `<h4>Parameters</h4>${parameterTable(op.parameters)}`
    : ''
  return (
    `<section class="op" id="${anchor('op', op.operationId)}">` +
    `<h3><span class="method ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span> ` +
    `<code>${escapeHtml(path)}</code></h3>` +
    `<p class="summary">${prose(op.summary)}</p>` +
    (op.description ? `<p>${prose(op.description)}</p>` : '') +
    auth +
    parameters +
    bodySection(doc, op) +
    `<h4>Responses</h4>${responseTable(op)}</section>`
  )
}

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#fafbfc}
main{max-width:1100px;margin:0 auto;padding:1.5rem}
h1{margin:.2rem 0}h2{margin-top:2.5rem;border-bottom:2px solid #dde2ea}
nav ul{columns:2;padding-left:1.2rem}
.op{background:#fff;border:1px solid #dde2ea;border-radius:8px;padding:.5rem 1.2rem 1rem;margin:1.2rem 0}
.method{display:inline-block;min-width:4.2em;text-align:center;border-radius:4px;color:#fff;font-size:.8em;padding:.1em .4em;background:#555}
.get{background:#1f6feb}.post{background:#1a7f37}.patch{background:#9a6700}.put{background:#8250df}.delete{background:#cf222e}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;font-size:.92em}
th,td{border-bottom:1px solid #e6e9ef;text-align:left;padding:.3rem .5rem;vertical-align:top}
code{font-family:ui-monospace,monospace;font-size:.92em;background:#eef1f5;border-radius:3px;padding:0 .25em;overflow-wrap:anywhere}
.muted{color:#667085}.auth{color:#9a6700}.status{font-weight:600}.s2{color:#1a7f37}.s4{color:#9a6700}.s5{color:#cf222e}
`

/** The whole reference page. */
export function renderDocsHtml(doc: OpenApiDocument): string {
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op })),
  )
  const byTag = new Map<string, typeof operations>()
  for (const o of operations) {
    const tag = o.op.tags[0] ?? 'Other'
    byTag.set(tag, [...(byTag.get(tag) ?? []), o])
  }
  const toc = operations
    .map(
      ({ path, method, op }) =>
        `<li><a href="#${anchor('op', op.operationId)}">${escapeHtml(method.toUpperCase())} ${escapeHtml(path)}</a> ` +
        `<span class="muted">${prose(op.summary)}</span></li>`,
    )
    .join('')
  const tags = doc.tags.filter((t) => byTag.has(t.name))
  const sections = tags
    .map(
      (t) =>
        `<h2 id="${anchor('tag', t.name)}">${escapeHtml(t.name)}</h2><p>${prose(t.description)}</p>` +
        byTag
          .get(t.name)!
          .map(({ path, method, op }) => operationSection(doc, path, method, op))
          .join(''),
    )
    .join('')
  const schemas = Object.entries(doc.components.schemas)
    .map(
      ([name, schema]) =>
        `<section id="${anchor('schema', name)}"><h3>${escapeHtml(name)}</h3>${fieldTable(fieldRows(schema))}</section>`,
    )
    .join('')
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${escapeHtml(doc.info.title)} ${escapeHtml(doc.info.version)}</title><style>${STYLE}</style></head>` +
    `<body><main><h1>${escapeHtml(doc.info.title)}</h1>` +
    `<p class="muted">Version ${escapeHtml(doc.info.version)} · OpenAPI ${escapeHtml(doc.openapi)} · ` +
    '<a href="/openapi.json">openapi.json</a></p>' +
    `<p>${prose(doc.info.description)}</p><nav><h2>Routes</h2><ul>${toc}</ul></nav>` +
    `${sections}<h2 id="schemas">Schemas</h2>${schemas}</main></body></html>`
  )
}
