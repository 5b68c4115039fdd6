/** `/openapi.json` and the readable API reference at `/docs`. */
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { buildOpenApi, renderDocsHtml, type OpenApiDocument } from '../openapi'

let cached: { doc: OpenApiDocument; html: string } | undefined

/** Built once per isolate: the document depends only on the code. */
function docs() {
  if (!cached) {
    const doc = buildOpenApi()
    cached = { doc, html: renderDocsHtml(doc) }
  }
  return cached
}

export const docsRoutes: Hono<AppEnv> = new Hono<AppEnv>()
  .get('/openapi.json', (c) => {
    c.header('Cache-Control', 'public, max-age=300')
    c.header('Access-Control-Allow-Origin', '*')
    return c.json(docs().doc)
  })
  .get('/docs', (c) => {
    c.header('Cache-Control', 'public, max-age=300')
    // No script and no external resource; only the page's own <style>.
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    )
    return c.html(docs().html)
  })
