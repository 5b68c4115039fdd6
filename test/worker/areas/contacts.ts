/**
 * The contacts area's part of the route-wide tests: a request per documented route for
 * docs.test.ts, and the routes that take a JSON body for bad-input.test.ts. Also helpers the
 * contacts tests share.
 */
import { admin, call, captureLead, idemKey, seedStore, type TestStore } from '../helpers'
import type { AreaContext, AreaRequests, JsonRoute } from './types'

const BASE = 'https://leadline.test'

interface Detail {
  contact: { version: number }
}

/** Captures a lead and returns its id and its contact's id. */
export async function captureContact(
  store: TestStore,
  fields: Record<string, string>,
): Promise<{ leadId: string; contactId: string }> {
  const leadId = await captureLead(store, { fields })
  const detail = (await (await admin(store.rep.key, 'GET', `/leads/${leadId}`)).json()) as {
    contact: { id: string }
  }
  return { leadId, contactId: detail.contact.id }
}

/** Posts an import (or its preview) as JSON with an optional Idempotency-Key. */
export function postImport(
  store: TestStore,
  body: unknown,
  opts: { preview?: boolean; key?: string; userKey?: string } = {},
) {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${opts.userKey ?? store.rep.key}`,
    'Content-Type': 'application/json',
  }
  if (opts.key) headers['Idempotency-Key'] = opts.key
  return call(
    new Request(`${BASE}/admin/api/contacts/import${opts.preview ? '/preview' : ''}`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  )
}

export async function contactsRequests(_ctx: AreaContext): Promise<AreaRequests> {
  // A store of its own: merges and erasures stay out of the shared store.
  const store = await seedStore()
  const a = await captureContact(store, { name: 'Zeynep Kaya', email: 'zeynep@example.com' })
  const b = await captureContact(store, { name: 'Zeynep Kaya', email: 'zkaya@example.com' })
  const gone = await captureContact(store, { name: 'Silinecek Kişi', email: 'sil@example.com' })
  const version = async (id: string) =>
    ((await (await admin(store.rep.key, 'GET', `/contacts/${id}`)).json()) as Detail).contact
      .version
  const csv = 'Ad Soyad;E-posta;Telefon\nAli Veli;ali@example.com;0532 111 22 33\n'
  return {
    listDuplicateContacts: () => admin(store.rep.key, 'GET', '/contacts/duplicates'),
    exportContacts: () => admin(store.rep.key, 'GET', '/contacts/export?format=csv'),
    previewContactImport: () => postImport(store, { csv }, { preview: true }),
    importContacts: () => postImport(store, { csv, createLeads: true }, { key: idemKey() }),
    mergeContacts: async () =>
      admin(store.rep.key, 'POST', `/contacts/${a.contactId}/merge`, {
        from: b.contactId,
        expectedVersion: await version(a.contactId),
      }),
    exportContactData: () => admin(store.rep.key, 'GET', `/contacts/${a.contactId}/export`),
    eraseContact: () =>
      admin(store.owner.key, 'POST', `/contacts/${gone.contactId}/erase`, { reason: 'asked' }),
    getPrivacySettings: () => admin(store.rep.key, 'GET', '/privacy/settings'),
    updatePrivacySettings: () =>
      admin(store.owner.key, 'PUT', '/privacy/settings', { retentionMonths: 24 }),
  }
}

export async function contactsJsonRoutes(ctx: AreaContext): Promise<JsonRoute[]> {
  const other = await captureContact(ctx.store, { name: 'Başka Kişi', email: 'baska@example.com' })
  const auth = { Authorization: `Bearer ${ctx.store.owner.key}` }
  const csv = 'name,email\nAli,ali-bad-input@example.com\n'
  return [
    {
      name: 'POST contacts merge',
      method: 'POST',
      path: `/admin/api/contacts/${ctx.contactId}/merge`,
      headers: auth,
      valid: { from: other.contactId, expectedVersion: 1 },
    },
    {
      name: 'POST contacts import preview',
      method: 'POST',
      path: '/admin/api/contacts/import/preview',
      headers: auth,
      valid: { csv },
    },
    {
      name: 'POST contacts import',
      method: 'POST',
      path: '/admin/api/contacts/import',
      headers: { ...auth, 'Idempotency-Key': idemKey() },
      valid: { csv, createLeads: true },
    },
    {
      name: 'POST contact erase',
      method: 'POST',
      path: `/admin/api/contacts/${ctx.contactId}/erase`,
      headers: auth,
      valid: { reason: 'asked' },
    },
    {
      name: 'PUT privacy settings',
      method: 'PUT',
      path: '/admin/api/privacy/settings',
      headers: auth,
      valid: { retentionMonths: 12 },
    },
  ]
}
