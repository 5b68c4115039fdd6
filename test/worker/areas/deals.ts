/**
 * The deals area's part of the route-wide tests: a request per documented route for
 * docs.test.ts, and the routes that take a JSON body for bad-input.test.ts.
 */
import { admin, captureLead } from '../helpers'
import type { AreaContext, AreaRequests, JsonRoute } from './types'

const json = async <T>(res: Promise<Response>) => (await (await res).json()) as T

export async function dealsRequests({ store }: AreaContext): Promise<AreaRequests> {
  const lead = await captureLead(store, {
    fields: { name: 'Deal Kişi', email: 'deal.docs@example.com', company: 'Docs A.Ş.' },
  })
  const version = async () =>
    (await json<{ lead: { version: number } }>(admin(store.rep.key, 'GET', `/leads/${lead}`))).lead
      .version
  await admin(store.rep.key, 'POST', `/leads/${lead}/move`, {
    to: 'proposal',
    reason: 'teklif istendi',
    expectedVersion: await version(),
  })
  const wholesale = await json<{ id: string }>(
    admin(store.owner.key, 'POST', '/pipelines', { name: 'Toptan' }),
  )
  return {
    listDeals: () => admin(store.rep.key, 'GET', '/deals?limit=5'),
    getDealProbabilities: () => admin(store.rep.key, 'GET', '/deals/probabilities'),
    updateDeal: async () =>
      admin(store.rep.key, 'PATCH', `/leads/${lead}/deal`, {
        valueMinor: 250_000,
        expectedClose: '2030-06-30',
        probability: 70,
        expectedVersion: await version(),
      }),
    moveLeadToPipeline: async () =>
      admin(store.rep.key, 'POST', `/leads/${lead}/pipeline`, {
        pipelineId: wholesale.id,
        expectedVersion: await version(),
      }),
    listPipelines: () => admin(store.rep.key, 'GET', '/pipelines'),
    createPipeline: () => admin(store.owner.key, 'POST', '/pipelines', { name: 'Perakende' }),
    updatePipeline: () =>
      admin(store.owner.key, 'PUT', `/pipelines/${wholesale.id}`, {
        stages: {
          proposal: { label: { tr: 'Teklif', en: 'Quote' }, probability: 55, rotDays: 10 },
        },
      }),
  }
}

export async function dealsJsonRoutes({ store, leadId }: AreaContext): Promise<JsonRoute[]> {
  const pipelines = await json<{ items: { id: string }[] }>(
    admin(store.rep.key, 'GET', '/pipelines'),
  )
  const defaultId = pipelines.items[0]!.id
  const rep = { Authorization: `Bearer ${store.rep.key}` }
  const owner = { Authorization: `Bearer ${store.owner.key}` }
  return [
    {
      name: 'PATCH deal',
      method: 'PATCH',
      path: `/admin/api/leads/${leadId}/deal`,
      headers: rep,
      valid: { valueMinor: 1000, expectedVersion: 1 },
    },
    {
      name: 'POST lead pipeline',
      method: 'POST',
      path: `/admin/api/leads/${leadId}/pipeline`,
      headers: rep,
      valid: { pipelineId: defaultId, expectedVersion: 1 },
    },
    {
      name: 'POST pipelines',
      method: 'POST',
      path: '/admin/api/pipelines',
      headers: owner,
      valid: { name: 'Toptan' },
    },
    {
      name: 'PUT pipeline',
      method: 'PUT',
      path: `/admin/api/pipelines/${defaultId}`,
      headers: owner,
      valid: { name: 'Ana hat' },
    },
  ]
}
