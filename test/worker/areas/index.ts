/** Every area's requests for the route-wide tests. */
import { deliveryJsonRoutes, deliveryRequests } from './delivery'
import { messagesJsonRoutes, messagesRequests } from './messages'
import { nurtureJsonRoutes, nurtureRequests } from './nurture'
import type { AreaContext, AreaRequests, JsonRoute } from './types'

export type { AreaContext, AreaRequests, JsonRoute } from './types'

export async function areaRequests(ctx: AreaContext): Promise<AreaRequests> {
  return {
    ...(await deliveryRequests(ctx)),
    ...(await nurtureRequests(ctx)),
    ...(await messagesRequests(ctx)),
  }
}

export async function areaJsonRoutes(ctx: AreaContext): Promise<JsonRoute[]> {
  return [
    ...(await deliveryJsonRoutes(ctx)),
    ...(await nurtureJsonRoutes(ctx)),
    ...(await messagesJsonRoutes(ctx)),
  ]
}
