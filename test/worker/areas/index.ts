/** Every area's requests for the route-wide tests. */
import { analyticsJsonRoutes, analyticsRequests } from './analytics'
import { consoleRequests } from './console'
import { contactsJsonRoutes, contactsRequests } from './contacts'
import { dealsJsonRoutes, dealsRequests } from './deals'
import { leadBookingJsonRoutes, leadBookingRequests } from './lead-booking'
import { deliveryJsonRoutes, deliveryRequests } from './delivery'
import { messagesJsonRoutes, messagesRequests } from './messages'
import { nurtureJsonRoutes, nurtureRequests } from './nurture'
import { siteJsonRoutes, siteRequests } from './site'
import { teamJsonRoutes, teamRequests } from './team'
import type { AreaContext, AreaRequests, JsonRoute } from './types'

export type { AreaContext, AreaRequests, JsonRoute } from './types'

export async function areaRequests(ctx: AreaContext): Promise<AreaRequests> {
  return {
    ...(await deliveryRequests(ctx)),
    ...(await nurtureRequests(ctx)),
    ...(await messagesRequests(ctx)),
    ...(await dealsRequests(ctx)),
    ...(await contactsRequests(ctx)),
    ...(await analyticsRequests(ctx)),
    ...(await teamRequests(ctx)),
    ...(await siteRequests(ctx)),
    ...(await leadBookingRequests(ctx)),
    ...(await consoleRequests()),
  }
}

export async function areaJsonRoutes(ctx: AreaContext): Promise<JsonRoute[]> {
  return [
    ...(await deliveryJsonRoutes(ctx)),
    ...(await nurtureJsonRoutes(ctx)),
    ...(await messagesJsonRoutes(ctx)),
    ...(await dealsJsonRoutes(ctx)),
    ...(await contactsJsonRoutes(ctx)),
    ...(await analyticsJsonRoutes(ctx)),
    ...(await teamJsonRoutes(ctx)),
    ...(await siteJsonRoutes(ctx)),
    ...(await leadBookingJsonRoutes(ctx)),
  ]
}
