/**
 * The deals area's part of the route-wide tests: a request per documented route for
 * docs.test.ts, and the routes that take a JSON body for bad-input.test.ts.
 */
import type { AreaContext, AreaRequests, JsonRoute } from './types'

export async function dealsRequests(_ctx: AreaContext): Promise<AreaRequests> {
  return {}
}

export async function dealsJsonRoutes(_ctx: AreaContext): Promise<JsonRoute[]> {
  return []
}
