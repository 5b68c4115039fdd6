/** `/openapi.json` and the readable API reference at `/docs`. */
import { Hono } from 'hono'
import type { RouterRoute } from 'hono/types'
import type { AppEnv } from '../env'
import { buildOpenApi, documentedRoutes, renderDocsHtml, type OpenApiDocument } from '../openapi'
import { describeRoute } from '../openapi/describe'

/**
 * The document and page for the routes `routes()` returns (the whole app's), at the origin
 * they were asked on. Built once per isolate and origin: they depend only on the code.
 *
 * @example app.route('/', docsRoutes(() => app.routes))
 */
export function docsRoutes(routes: () => readonly RouterRoute[]): Hono<AppEnv> {
  const cached = new Map<string, { doc: OpenApiDocument; html: string }>()
  const docs = (origin: string) => {
    let built = cached.get(origin)
    if (!built) {
      const doc = buildOpenApi(documentedRoutes(routes()), { serverUrl: origin })
      built = { doc, html: renderDocsHtml(doc) }
      cached.set(origin, built)
    }
    return built
  }
  return new Hono<AppEnv>()
    .get(
      '/openapi.json',
      describeRoute({
        operationId: 'getOpenApi',
        summary: 'This OpenAPI 3.1 document',
        tag: 'Docs',
        success: { status: 200, description: 'The document.' },
        errors: [],
      }),
      (c) => {
        c.header('Cache-Control', 'public, max-age=300')
        c.header('Access-Control-Allow-Origin', '*')
        return c.json(docs(new URL(c.req.url).origin).doc)
      },
    )
    .get(
      '/docs',
      describeRoute({
        operationId: 'getDocs',
        summary: 'The API reference as a web page',
        tag: 'Docs',
        success: { status: 200, description: 'An HTML page.', contentType: 'text/html' },
        errors: [],
      }),
      (c) => {
        c.header('Cache-Control', 'public, max-age=300')
        // No script and no external resource; only the page's own <style>.
        c.header(
          'Content-Security-Policy',
          "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        )
        return c.html(docs(new URL(c.req.url).origin).html)
      },
    )
}
