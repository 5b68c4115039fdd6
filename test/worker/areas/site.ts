/**
 * The store settings' part of the route-wide tests: a request per documented route for
 * docs.test.ts, and the route that takes a JSON body for bad-input.test.ts.
 */
import { admin, type TestStore } from '../helpers'
import type { AreaContext, AreaRequests, JsonRoute } from './types'

/** The store as `GET /admin/api/site` answers it, made into the body that saves it unchanged. */
export async function siteUpdateBody(store: TestStore) {
  const {
    siteKey: _,
    version,
    updatedAt: __,
    ...site
  } = (await (await admin(store.owner.key, 'GET', '/site')).json()) as Record<string, unknown> & {
    version: number
  }
  return { ...site, expectedVersion: version }
}

export async function siteRequests({ store }: AreaContext): Promise<AreaRequests> {
  return {
    getSite: () => admin(store.rep.key, 'GET', '/site'),
    updateSite: async () => admin(store.owner.key, 'PUT', '/site', await siteUpdateBody(store)),
  }
}

export async function siteJsonRoutes({ store }: AreaContext): Promise<JsonRoute[]> {
  return [
    {
      name: 'PUT site',
      method: 'PUT',
      path: '/admin/api/site',
      headers: { Authorization: `Bearer ${store.owner.key}` },
      valid: await siteUpdateBody(store),
    },
  ]
}
