/**
 * The analytics area's part of the route-wide tests: a request per documented route for
 * docs.test.ts, and the routes that take a JSON body for bad-input.test.ts.
 */
import type { AreaContext, AreaRequests, JsonRoute } from './types'

export async function analyticsRequests(_ctx: AreaContext): Promise<AreaRequests> {
  return {}
}

export async function analyticsJsonRoutes(_ctx: AreaContext): Promise<JsonRoute[]> {
  return []
}
