/** `/openapi.json` and the readable API reference at `/docs`. */
import { Hono } from 'hono'
import type { RouterRoute } from 'hono/types'
import type { AppEnv } from '../env'
import { buildOpenApi, documentedRoutes, renderDocsHtml, type OpenApiDocument } from '../openapi'
import { describeRoute } from '../openapi/describe'

/**
 * The document and page for the routes `routes()` returns (the whole app's). Built once per
 * isolate: they depend only on the code. The document's `servers` is the origin it is asked on,
 * set per answer, so a request's Host header never makes the isolate build or keep another copy.
 *
 * @example app.route('/', docsRoutes(() => app.routes))
 */
export function docsRoutes(routes: () => readonly RouterRoute[]): Hono<AppEnv> {
  let built: { doc: OpenApiDocument; html: string } | undefined
  const docs = () => {
    if (!built) {
      const doc = buildOpenApi(documentedRoutes(routes()), { serverUrl: '/' })
      built = { doc, html: renderDocsHtml(doc) }
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
        return c.json({ ...docs().doc, servers: [{ url: new URL(c.req.url).origin }] })
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
        return c.html(docs().html)
      },
    )
}
