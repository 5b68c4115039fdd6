/**
 * Contacts: tags and custom fields, one timeline, dedupe, merge, CSV import and export,
 * subject access export, erasure, retention, and tenant isolation on every route of it.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { IMPORT_MAX_ROWS, MAX_BODY_BYTES } from '../../contract'
import { anonymiseInactive, retentionCutoff } from '../../worker/src/jobs/retention'
import { captureContact, postImport } from './areas/contacts'
import { createWebhook, queueEmail } from './areas/delivery'
import {
  admin,
  call,
  captureLead,
  count,
  idemKey,
  recordRowsRead,
  seedBulkContacts,
  seedStore,
  type TestStore,
} from './helpers'

const BASE = 'https://leadline.test'
const json = async (res: Response) => (await res.json()) as any

const contactOf = async (store: TestStore, id: string) =>
  json(await admin(store.rep.key, 'GET', `/contacts/${id}`))

/** Row counts of a store in the tables a contacts write touches. */
async function counts(siteId: string) {
  const tables = [
    'contacts',
    'leads',
    'activities',
    'consents',
    'contact_tags',
    'contact_merges',
    'audit_log',
    'events',
    'stage_events',
    'outbox',
    'idempotency_keys',
  ]
  return Object.fromEntries(
    await Promise.all(
      tables.map(async (t) => [
        t,
        await count(`SELECT count(*) AS n FROM ${t} WHERE site_id = ?1`, siteId),
      ]),
    ),
  )
}

describe('tags, custom fields and the timeline', () => {
  it('sets tags and custom fields through PATCH and filters the list by tag', async () => {
    const store = await seedStore()
    const a = await captureContact(store, { name: 'Ayşe', email: 'ayse@example.com' })
    await captureContact(store, { name: 'Berk', email: 'berk@example.com' })
    const res = await admin(store.rep.key, 'PATCH', `/contacts/${a.contactId}`, {
      tags: ['vip', 'fuar-2026'],
      custom: { sektor: 'tekstil', calisan: 40 },
      expectedVersion: 1,
    })
    expect(res.status).toBe(200)
    expect(await json(res)).toMatchObject({
      tags: ['fuar-2026', 'vip'],
      custom: { sektor: 'tekstil', calisan: 40 },
      version: 2,
    })
    const vip = await json(await admin(store.rep.key, 'GET', '/contacts?tag=vip'))
    expect(vip.items.map((c: any) => c.id)).toEqual([a.contactId])
    const none = await json(await admin(store.rep.key, 'GET', '/contacts?tag=yok'))
    expect(none.items).toEqual([])
    // Replacing the tags drops the old ones.
    await admin(store.rep.key, 'PATCH', `/contacts/${a.contactId}`, {
      tags: ['bayi'],
      expectedVersion: 2,
    })
    expect((await contactOf(store, a.contactId)).contact.tags).toEqual(['bayi'])
    const bad = await admin(store.rep.key, 'PATCH', `/contacts/${a.contactId}`, {
      tags: ['x', 'x'],
      expectedVersion: 3,
    })
    expect(bad.status).toBe(422)
  })

  it('shows one timeline across the contact and all their leads, rows without contact_id too', async () => {
    const store = await seedStore()
    const a = await captureContact(store, { name: 'Can', email: 'can@example.com' })
    const second = await captureLead(store, { fields: { name: 'Can', email: 'can@example.com' } })
    await admin(store.rep.key, 'POST', `/leads/${second}/activities`, {
      type: 'call',
      body: 'aradı',
    })
    // A booking or quote row written with only the lead id.
    await env.DB.prepare(
      `INSERT INTO activities (id, site_id, lead_id, contact_id, type, body, actor_type, created_at)
       VALUES ('ac_quote_only', ?1, ?2, NULL, 'quote_sent', '{"quoteId":"qt_1"}', 'user', ?3)`,
    )
      .bind(store.siteId, second, new Date().toISOString())
      .run()
    const detail = await contactOf(store, a.contactId)
    expect(detail.leads).toHaveLength(2)
    expect(detail.timeline.map((t: any) => t.type).sort()).toEqual(
      ['call', 'form_submitted', 'form_submitted', 'quote_sent'].sort(),
    )
  })
})

describe('duplicates', () => {
  it('suggests contacts with the same phone, the same mailbox and similar names', async () => {
    const store = await seedStore()
    const p1 = await captureContact(store, {
      name: 'Ahmet',
      email: 'a1@example.com',
      phone: '0532 999 88 77',
    })
    const p2 = await captureContact(store, {
      name: 'Mehmet',
      email: 'a2@example.com',
      phone: '+90 532 999 88 77',
    })
    const g1 = await captureContact(store, { name: 'Deniz', email: 'deniz.ay@gmail.com' })
    const g2 = await captureContact(store, { name: 'D', email: 'denizay+shop@gmail.com' })
    const n1 = await captureContact(store, { name: 'Şükrü Öztürk', email: 's1@example.com' })
    const n2 = await captureContact(store, { name: 'Ozturk Sukru', email: 's2@example.com' })
    await captureContact(store, { name: 'Başka Biri', email: 'b@example.com' })
    const { items } = await json(await admin(store.rep.key, 'GET', '/contacts/duplicates'))
    const groups = items.map((g: any) => [g.reason, g.contacts.map((c: any) => c.id).sort()])
    expect(groups).toHaveLength(3)
    expect(groups).toContainEqual(['phone', [p1.contactId, p2.contactId].sort()])
    expect(groups).toContainEqual(['email', [g1.contactId, g2.contactId].sort()])
    expect(groups).toContainEqual(['name', [n1.contactId, n2.contactId].sort()])
  })
})

describe('merge', () => {
  it('moves leads, timeline, consents, messages and tags into the surviving contact in one go', async () => {
    const store = await seedStore()
    const into = await captureContact(store, { name: 'Zeynep Kaya', email: 'zeynep@example.com' })
    const from = await captureContact(store, {
      name: 'Z. Kaya',
      email: 'zk@example.com',
      phone: '0532 123 45 67',
      company: 'Kaya Tekstil',
    })
    await admin(store.rep.key, 'PATCH', `/contacts/${from.contactId}`, {
      tags: ['fuar'],
      custom: { sektor: 'tekstil' },
      expectedVersion: 1,
    })
    await admin(store.rep.key, 'POST', `/leads/${from.leadId}/activities`, {
      type: 'note',
      body: 'not',
    })
    const message = await queueEmail(store, 'zk@example.com', {
      contactId: from.contactId,
      leadId: from.leadId,
    })
    const fromConsents = await count(
      'SELECT count(*) AS n FROM consents WHERE site_id = ?1 AND contact_id = ?2',
      store.siteId,
      from.contactId,
    )
    expect(fromConsents).toBeGreaterThan(0)

    const res = await admin(store.rep.key, 'POST', `/contacts/${into.contactId}/merge`, {
      from: from.contactId,
      expectedVersion: 1,
    })
    expect(res.status).toBe(200)
    const body = await json(res)
    expect(body.contact).toMatchObject({
      id: into.contactId,
      name: 'Zeynep Kaya',
      email: 'zeynep@example.com',
      phone: '+905321234567',
      company: 'Kaya Tekstil',
      tags: ['fuar'],
      custom: { sektor: 'tekstil' },
      version: 2,
    })
    expect(body.merge).toMatchObject({
      intoId: into.contactId,
      fromId: from.contactId,
      from: { name: 'Z. Kaya', email: 'zk@example.com' },
      moved: { leads: 1 },
    })
    expect(body.merge.moved.consents).toHaveLength(fromConsents)

    const detail = await contactOf(store, into.contactId)
    expect(detail.leads.map((l: any) => l.id).sort()).toEqual([into.leadId, from.leadId].sort())
    expect(detail.timeline.map((t: any) => t.type)).toEqual(
      expect.arrayContaining(['note', 'contact_merged', 'form_submitted']),
    )
    const moved = detail.consents.filter((c: any) => c.givenByContactId === from.contactId)
    expect(moved).toHaveLength(fromConsents)
    expect(moved.every((c: any) => c.textVersion === '2026-01' && c.leadId === from.leadId)).toBe(
      true,
    )
    expect(detail.merges).toHaveLength(1)
    expect(
      await count(
        'SELECT count(*) AS n FROM outbox WHERE id = ?1 AND contact_id = ?2',
        message,
        into.contactId,
      ),
    ).toBe(1)
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE site_id = ?1 AND action = 'contact_merged' AND target_id = ?2`,
        store.siteId,
        into.contactId,
      ),
    ).toBe(1)

    const merged = await contactOf(store, from.contactId)
    expect(merged.contact).toMatchObject({ mergedInto: into.contactId, email: null, tags: [] })
    expect(merged.timeline.map((t: any) => t.type)).toEqual(['contact_merged'])
    const list = await json(await admin(store.rep.key, 'GET', '/contacts?limit=100'))
    expect(list.items.map((c: any) => c.id)).toEqual([into.contactId])
    // The lead's detail now names the surviving contact.
    const lead = await json(await admin(store.rep.key, 'GET', `/leads/${from.leadId}`))
    expect(lead.contact.id).toBe(into.contactId)
  })

  it('refuses itself, other stores, merged or erased contacts and stale versions, writing nothing', async () => {
    const store = await seedStore()
    const other = await seedStore()
    const a = await captureContact(store, { name: 'A', email: 'a@example.com' })
    const b = await captureContact(store, { name: 'B', email: 'b@example.com' })
    const c = await captureContact(store, { name: 'C', email: 'c@example.com' })
    const foreign = await captureContact(other, { name: 'F', email: 'f@example.com' })
    const merge = (into: string, from: string, expectedVersion = 1) =>
      admin(store.rep.key, 'POST', `/contacts/${into}/merge`, { from, expectedVersion })

    const before = await counts(store.siteId)
    const self = await merge(a.contactId, a.contactId)
    expect(self.status).toBe(422)
    expect((await json(self)).error.issues[0].path).toBe('from')
    expect((await merge(a.contactId, foreign.contactId)).status).toBe(404)
    expect((await merge(foreign.contactId, a.contactId)).status).toBe(404)
    const stale = await merge(a.contactId, b.contactId, 7)
    expect(stale.status).toBe(409)
    expect((await json(stale)).current).toMatchObject({ id: a.contactId, version: 1 })
    expect(await counts(store.siteId)).toEqual(before)

    expect((await merge(a.contactId, b.contactId)).status).toBe(200)
    const again = await merge(a.contactId, b.contactId, 2)
    expect(again.status).toBe(409)
    expect((await json(again)).error.message).toMatch(/already merged/)
    expect((await merge(b.contactId, c.contactId)).status).toBe(409)
    await admin(store.owner.key, 'POST', `/contacts/${c.contactId}/erase`, { reason: 'asked' })
    expect((await merge(a.contactId, c.contactId, 2)).status).toBe(409)
    expect(
      await count('SELECT count(*) AS n FROM contact_merges WHERE site_id = ?1', store.siteId),
    ).toBe(1)
  })
})

describe('CSV import', () => {
  const csv = [
    'Ad Soyad;E-posta;Telefon;Şirket;Etiketler;Favori Renk',
    'Şule Öztürk;sule@example.com;0532 111 22 33;Öztürk Gıda;vip|fuar;mavi',
    'Mevcut Kişi;ZEYNEP@example.com;;;;',
    'Bozuk;not-an-email;;;;',
    'Tekrar;sule@example.com;;;;',
    '"Kırık;kirik@example.com;;;;',
    'Formül;=cmd@example.com;;;;',
    'Hücre;hucre@example.com;;"=HYPERLINK(""http://x"")";;',
  ].join('\r\n')

  it('previews separators, columns, per-row errors and duplicates without writing', async () => {
    const store = await seedStore()
    const existing = await captureContact(store, { name: 'Zeynep', email: 'zeynep@example.com' })
    const before = await counts(store.siteId)
    const res = await postImport(store, { csv }, { preview: true })
    expect(res.status).toBe(200)
    const preview = await json(res)
    expect(await counts(store.siteId)).toEqual(before)
    expect(preview.separator).toBe(';')
    expect(preview.unknownColumns).toEqual(['Favori Renk'])
    expect(preview.columns.map((c: any) => c.field)).toEqual([
      'name',
      'email',
      'phone',
      'company',
      'tags',
      null,
    ])
    const byLine = Object.fromEntries(preview.rows.map((r: any) => [r.line, r]))
    expect(byLine[2]).toMatchObject({
      values: {
        name: 'Şule Öztürk',
        email: 'sule@example.com',
        phone: '+905321112233',
        tags: ['vip', 'fuar'],
      },
      errors: [],
      existing: null,
    })
    expect(byLine[3].existing).toEqual({ contactId: existing.contactId, by: 'email' })
    expect(byLine[4].errors).toEqual([{ field: 'email', message: 'not a valid e-mail address' }])
    expect(byLine[5].duplicateOfLine).toBe(2)
    // The quote opened on line 6 closes on line 8, and text follows it there.
    expect(byLine[6].errors[0].message).toMatch(/closing quote/)
    expect(byLine[7].errors[0].field).toBe('email')
    expect(preview.totals).toEqual({
      rows: 7,
      valid: 4,
      invalid: 3,
      existing: 1,
      duplicatesInFile: 1,
    })
  })

  it('reads a handful of rows per imported row, however many contacts the store has', async () => {
    const store = await seedStore()
    await seedBulkContacts(store.siteId, 400)
    const { DB, rowsRead } = recordRowsRead(env.DB)
    const rows = [
      'Ad Soyad;E-posta;Telefon',
      'Yeni Kişi;yeni@example.com;0532 999 99 99',
      'Bilinen E-posta;p2@example.com;',
      'Bilinen Telefon;;0532 000 00 03',
    ].join('\r\n')
    const res = await call(
      new Request(`${BASE}/admin/api/contacts/import`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${store.rep.key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ csv: rows, createLeads: true }),
      }),
      { DB },
    )
    expect(res.status).toBe(200)
    expect(await json(res)).toMatchObject({ created: 1, updated: 2, leadsCreated: 3 })
    // Each contact match is an index search; searching the store's contacts would read 400 rows
    // per match, several matches per row.
    expect(rowsRead.length).toBeGreaterThan(0)
    for (const n of rowsRead) expect(n).toBeLessThan(200)
    expect(await count('SELECT count(*) AS n FROM contacts WHERE site_id = ?1', store.siteId)).toBe(
      401,
    )
  })

  it('writes valid rows with leads, fills the existing contact, skips the rest, and a retry writes nothing', async () => {
    const store = await seedStore()
    const existing = await captureContact(store, { name: 'Zeynep', email: 'zeynep@example.com' })
    const key = idemKey()
    const res = await postImport(store, { csv, createLeads: true }, { key })
    expect(res.status).toBe(200)
    const result = await json(res)
    expect(result).toMatchObject({ created: 2, updated: 1, skipped: 4, leadsCreated: 3 })
    const status = Object.fromEntries(result.rows.map((r: any) => [r.line, r.status]))
    expect(status).toEqual({
      2: 'created',
      3: 'updated',
      4: 'skipped',
      5: 'skipped',
      6: 'skipped',
      7: 'skipped',
      8: 'created',
    })
    const sule = result.rows.find((r: any) => r.line === 2)
    const detail = await contactOf(store, sule.contactId)
    expect(detail.contact).toMatchObject({
      name: 'Şule Öztürk',
      company: 'Öztürk Gıda',
      tags: ['fuar', 'vip'],
    })
    expect(detail.leads).toEqual([expect.objectContaining({ id: sule.leadId, stage: 'lead' })])
    expect(detail.consents).toEqual([])
    expect(detail.timeline.map((t: any) => t.type).sort()).toEqual([
      'contact_imported',
      'lead_imported',
    ])
    const hucre = result.rows.find((r: any) => r.line === 8)
    expect((await contactOf(store, hucre.contactId)).contact.company).toBe('=HYPERLINK("http://x")')
    expect(
      await count(
        `SELECT count(*) AS n FROM events WHERE site_id = ?1 AND type = 'lead.created' AND lead_id = ?2`,
        store.siteId,
        sule.leadId,
      ),
    ).toBe(1)
    expect(
      await count(
        'SELECT count(*) AS n FROM stage_events WHERE site_id = ?1 AND lead_id = ?2',
        store.siteId,
        sule.leadId,
      ),
    ).toBe(1)
    const zeynep = await contactOf(store, existing.contactId)
    expect(zeynep.contact.name).toBe('Zeynep')
    expect(zeynep.leads).toHaveLength(2)

    const before = await counts(store.siteId)
    const retry = await postImport(store, { csv, createLeads: true }, { key })
    expect(retry.status).toBe(200)
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true')
    expect(await json(retry)).toEqual(result)
    expect(await counts(store.siteId)).toEqual(before)
  })

  it('answers 413 for huge files, 422 for the wrong encoding, and writes nothing', async () => {
    const store = await seedStore()
    const before = await counts(store.siteId)
    const huge = `name,email\n${'Ali,ali@example.com\n'.repeat(Math.ceil(MAX_BODY_BYTES / 20))}`
    const big = await postImport(store, { csv: huge })
    expect(big.status).toBe(413)
    const manyRows = `e\n${Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => `a${i}@x.co`).join('\n')}`
    const many = await postImport(store, { csv: manyRows })
    expect(many.status).toBe(413)
    expect((await json(many)).error.message).toMatch(new RegExp(`${IMPORT_MAX_ROWS} rows`))
    const win1254 = new TextDecoder().decode(
      new Uint8Array([0x61, 0x64, 0x0a, 0xde, 0x75, 0x6c, 0x65]),
    )
    const wrong = await postImport(store, { csv: win1254 })
    expect(wrong.status).toBe(422)
    expect((await json(wrong)).error.message).toMatch(/UTF-8/)
    expect(await counts(store.siteId)).toEqual(before)
  })

  it('answers a file without a valid row with every row skipped, and keeps its key alone', async () => {
    const store = await seedStore()
    const invalid = 'Ad Soyad;E-posta\nAli;ali-at-example\nVeli;veli@\n'
    const before = await counts(store.siteId)
    const plain = await postImport(store, { csv: invalid })
    expect(plain.status).toBe(200)
    expect(await json(plain)).toMatchObject({ created: 0, updated: 0, skipped: 2, leadsCreated: 0 })
    expect(await counts(store.siteId)).toEqual(before)

    const key = idemKey()
    const first = await postImport(store, { csv: invalid }, { key })
    expect(first.status).toBe(200)
    const answer = await json(first)
    expect(await counts(store.siteId)).toEqual({ ...before, idempotency_keys: 1 })
    const retry = await postImport(store, { csv: invalid }, { key })
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true')
    expect(await json(retry)).toEqual(answer)
    const reused = await postImport(store, { csv: `${invalid}Can;can@\n` }, { key })
    expect(reused.status).toBe(422)
    expect((await json(reused)).error.code).toBe('idempotency_key_reused')
  })
})

describe('export', () => {
  it('exports CSV with a BOM, neutralised formulas and safe quoting, and NDJSON, with filters', async () => {
    const store = await seedStore()
    const evil = await captureContact(store, {
      name: '=HYPERLINK("http://evil","x")',
      email: 'evil@example.com',
      company: 'Kaya; Ortakları',
    })
    await captureContact(store, { name: 'Şule Öztürk', email: 'sule@example.com' })
    await admin(store.rep.key, 'PATCH', `/contacts/${evil.contactId}`, {
      tags: ['vip'],
      expectedVersion: 1,
    })
    const res = await admin(store.rep.key, 'GET', '/contacts/export?format=csv&separator=semicolon')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/csv/)
    expect(res.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="contacts-.*\.csv"$/,
    )
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    const lines = text.split('\r\n')
    expect(lines[0]).toBe(
      'id;name;email;phone;company;location;ownerId;tags;custom;createdAt;updatedAt',
    )
    expect(text).toContain(
      `"'=HYPERLINK(""http://evil"",""x"")";evil@example.com;;"Kaya; Ortakları"`,
    )
    expect(text).toContain('Şule Öztürk;sule@example.com')
    expect(lines.filter((l) => l !== '')).toHaveLength(3)

    const nd = await admin(store.rep.key, 'GET', '/contacts/export?format=ndjson&tag=vip')
    expect(nd.headers.get('Content-Type')).toMatch(/^application\/x-ndjson/)
    const rows = (await nd.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(rows).toEqual([expect.objectContaining({ id: evil.contactId, tags: ['vip'] })])
  })

  it('pages through more contacts than one page', async () => {
    const store = await seedStore()
    // Two imports (one takes at most IMPORT_MAX_ROWS rows); the export pages by 100.
    for (const part of [0, 1]) {
      const emails = Array.from({ length: 65 }, (_, i) => `p${part * 65 + i}@example.com`)
      expect((await postImport(store, { csv: `email\n${emails.join('\n')}` })).status).toBe(200)
    }
    const nd = await (await admin(store.rep.key, 'GET', '/contacts/export?format=ndjson')).text()
    expect(
      new Set(
        nd
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).email),
      ).size,
    ).toBe(130)
  })

  it('exports everything held about one person as a file, and records the export', async () => {
    const store = await seedStore()
    const a = await captureContact(store, { name: 'Ela', email: 'ela@example.com' })
    await admin(store.rep.key, 'POST', `/leads/${a.leadId}/activities`, {
      type: 'note',
      body: 'aradım',
    })
    await queueEmail(store, 'ela@example.com', { contactId: a.contactId, leadId: a.leadId })
    const res = await admin(store.rep.key, 'GET', `/contacts/${a.contactId}/export`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Disposition')).toBe(
      `attachment; filename="contact-${a.contactId}.json"`,
    )
    const data = await json(res)
    expect(data.contact).toMatchObject({ id: a.contactId, email: 'ela@example.com' })
    expect(data.consents.length).toBeGreaterThan(0)
    expect(data.leads.map((l: any) => l.id)).toEqual([a.leadId])
    expect(data.stageEvents).toEqual([expect.objectContaining({ leadId: a.leadId, to: 'lead' })])
    expect(data.activities.map((t: any) => t.type).sort()).toEqual(['form_submitted', 'note'])
    expect(data.messages).toEqual([
      expect.objectContaining({ channel: 'email', recipient: 'ela@example.com' }),
    ])
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE site_id = ?1 AND action = 'contact_exported' AND target_id = ?2`,
        store.siteId,
        a.contactId,
      ),
    ).toBe(1)
  })
})

describe('erasure', () => {
  async function acceptedQuote(store: TestStore, leadId: string, fullName: string) {
    const draft = {
      title: 'Teklif',
      currency: 'TRY',
      validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      sections: { problems: [], solutions: [], timeline: [], faq: [] },
      lines: [
        { name: 'Havlu', unit: 'adet', quantityMilli: 1000, unitPriceMinor: 100, taxRateBps: 2000 },
      ],
    }
    const created = await json(await admin(store.rep.key, 'POST', `/leads/${leadId}/quotes`, draft))
    const sent = await json(await admin(store.rep.key, 'POST', `/quotes/${created.id}/send`))
    const token = String(sent.url).match(/[A-Za-z0-9]{32}$/)![0]
    const res = await call(
      new Request(`${BASE}/v1/quotes/${token}/accept`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': idemKey(),
          Origin: store.origin,
          'CF-Connecting-IP': '10.3.3.3',
        },
        body: JSON.stringify({ fullName, acceptTerms: true, revision: 1 }),
      }),
    )
    expect(res.status).toBe(200)
    return created.id as string
  }

  it('anonymises the person everywhere, keeps the numbers, and no route returns their data', async () => {
    const store = await seedStore()
    const person = await captureContact(store, {
      name: 'Zeynep Kaya',
      email: 'zeynep.kaya@example.com',
      phone: '0532 123 45 67',
      company: 'Kaya Tekstil',
    })
    const second = await captureLead(store, {
      fields: { name: 'Zeynep Kaya', email: 'zeynep.kaya@example.com', message: 'Zeynep burada' },
    })
    const keeper = await captureContact(store, { name: 'Kalan Kişi', email: 'kalan@example.com' })
    await admin(store.rep.key, 'PATCH', `/contacts/${person.contactId}`, {
      tags: ['vip'],
      custom: { not: 'Zeynep özel' },
      expectedVersion: 2,
    })
    await admin(store.rep.key, 'POST', `/leads/${person.leadId}/activities`, {
      type: 'note',
      body: 'Zeynep Kaya aradı',
    })
    const quoteId = await acceptedQuote(store, second, 'Zeynep Kaya')
    const at = new Date(Date.now() + 86_400_000).toISOString()
    await env.DB.prepare(
      `INSERT INTO bookings (id, site_id, lead_id, rep_id, type, start_at, end_at, rep_day, day_seq, max_per_day,
         visitor_tz, status, token_hash, note, created_at, updated_at)
       VALUES ('bk_erase_test', ?1, ?2, ?3, 'demo', ?4, ?4, '2030-01-01', 1, 5, 'Europe/Istanbul', 'confirmed',
         'hash-erase-test', 'Zeynep için not', ?4, ?4)`,
    )
      .bind(store.siteId, person.leadId, store.rep.id, at)
      .run()
    const pending = await queueEmail(store, 'zeynep.kaya@example.com', {
      contactId: person.contactId,
      leadId: person.leadId,
    })
    // Before: the routes below do show the person.
    for (const path of [
      `/contacts/${person.contactId}`,
      `/leads/${second}`,
      `/quotes/${quoteId}`,
      '/contacts/export?format=csv',
    ]) {
      expect(await (await admin(store.owner.key, 'GET', path)).text(), path).toMatch(/zeynep/i)
    }
    const stageEventsBefore = await count(
      'SELECT count(*) AS n FROM stage_events WHERE site_id = ?1',
      store.siteId,
    )
    const valueBefore = await count(
      'SELECT sum(value_minor) + count(*) AS n FROM leads WHERE site_id = ?1',
      store.siteId,
    )

    expect(
      (await admin(store.rep.key, 'POST', `/contacts/${person.contactId}/erase`, { reason: 'x' }))
        .status,
    ).toBe(403)
    const res = await admin(store.owner.key, 'POST', `/contacts/${person.contactId}/erase`, {
      reason: 'KVKK başvurusu',
    })
    expect(res.status).toBe(200)
    expect(await json(res)).toMatchObject({ contactId: person.contactId, erasedBy: store.owner.id })
    const twice = await admin(store.owner.key, 'POST', `/contacts/${person.contactId}/erase`, {
      reason: 'again',
    })
    expect(twice.status).toBe(409)
    const patch = await admin(store.rep.key, 'PATCH', `/contacts/${person.contactId}`, {
      name: 'Zeynep Kaya',
      expectedVersion: 4,
    })
    expect(patch.status).toBe(409)

    // Nothing personal comes back from any route that could show it.
    const needles = /zeynep|kaya|\+905321234567|0532/i
    const reads = [
      `/contacts/${person.contactId}`,
      `/contacts/${person.contactId}/export`,
      `/leads/${person.leadId}`,
      `/leads/${second}`,
      '/leads?limit=100',
      '/leads?q=zeynep',
      '/contacts?limit=100',
      '/contacts?q=zeynep',
      '/contacts/export?format=csv',
      '/contacts/export?format=ndjson',
      '/contacts/duplicates',
      `/leads/${second}/quotes`,
      `/quotes/${quoteId}`,
      '/bookings?limit=100',
      '/invoices',
      '/outbox?limit=100',
    ]
    for (const path of reads) {
      const r = await admin(store.owner.key, 'GET', path)
      expect(r.status, path).toBe(200)
      expect(await r.text(), path).not.toMatch(needles)
    }
    const leads = await json(await admin(store.rep.key, 'GET', '/leads?q=zeynep'))
    expect(leads.items).toEqual([])
    const contact = (await contactOf(store, person.contactId)).contact
    expect(contact).toMatchObject({
      name: null,
      email: null,
      phone: null,
      company: null,
      tags: [],
      custom: {},
    })
    expect(contact.erasedAt).not.toBeNull()
    const detail = await contactOf(store, person.contactId)
    expect(detail.consents.length).toBeGreaterThan(0)
    expect(detail.leads).toHaveLength(2)
    expect((await contactOf(store, keeper.contactId)).contact.name).toBe('Kalan Kişi')

    // Aggregates stay: history and amounts.
    expect(
      await count('SELECT count(*) AS n FROM stage_events WHERE site_id = ?1', store.siteId),
    ).toBe(stageEventsBefore)
    expect(
      await count(
        'SELECT sum(value_minor) + count(*) AS n FROM leads WHERE site_id = ?1',
        store.siteId,
      ),
    ).toBe(valueBefore)
    const message = await env.DB.prepare('SELECT status, recipient FROM outbox WHERE id = ?1')
      .bind(pending)
      .first()
    expect(message).toEqual({ status: 'cancelled', recipient: 'erased' })
    const audit = await env.DB.prepare(
      `SELECT actor_type, actor_id, detail FROM audit_log WHERE site_id = ?1 AND action = 'contact_erased'`,
    )
      .bind(store.siteId)
      .all()
    expect(audit.results).toEqual([
      {
        actor_type: 'user',
        actor_id: store.owner.id,
        detail: JSON.stringify({ reason: 'KVKK başvurusu' }),
      },
    ])
    expect(
      await count(
        `SELECT count(*) AS n FROM events WHERE site_id = ?1 AND type = 'contact.erased' AND contact_id = ?2`,
        store.siteId,
        person.contactId,
      ),
    ).toBe(1)
    // The raw tables hold none of it either.
    for (const table of [
      'contacts',
      'leads',
      'activities',
      'quotes',
      'quote_events',
      'bookings',
      'outbox',
      'events',
      'audit_log',
    ]) {
      const { results } = await env.DB.prepare(`SELECT * FROM ${table} WHERE site_id = ?1`)
        .bind(store.siteId)
        .all()
      const personal = results.filter((r) => needles.test(JSON.stringify(r)))
      expect(personal, table).toEqual([])
    }
  })

  it("queues contact.erased to the store's webhooks as raised, and redacts the person's earlier ones", async () => {
    const store = await seedStore()
    await createWebhook(store, 'erasure')
    const person = await captureContact(store, { name: 'Deniz Ak', email: 'deniz@example.com' })
    const res = await admin(store.owner.key, 'POST', `/contacts/${person.contactId}/erase`, {
      reason: 'KVKK başvurusu',
    })
    expect(res.status).toBe(200)
    const { erasedAt } = await json(res)
    const { results } = await env.DB.prepare(
      `SELECT json_extract(payload, '$.type') AS type, json_extract(payload, '$.data') AS data
         FROM outbox WHERE site_id = ?1 AND channel = 'webhook' ORDER BY created_at, id`,
    )
      .bind(store.siteId)
      .all<{ type: string; data: string }>()
    const data = Object.fromEntries(results.map((r) => [r.type, JSON.parse(r.data)]))
    expect(data['contact.erased']).toEqual({ contactId: person.contactId, erasedAt, by: 'user' })
    expect(data['lead.created']).toMatchObject({ leadId: person.leadId, redacted: true })
  })

  it('erases what was merged into the person too, and refuses erasing the merged contact itself', async () => {
    const store = await seedStore()
    const into = await captureContact(store, { name: 'Ana Kişi', email: 'ana@example.com' })
    const from = await captureContact(store, { name: 'Eski Kayıt', email: 'eski@example.com' })
    await admin(store.rep.key, 'POST', `/contacts/${into.contactId}/merge`, {
      from: from.contactId,
      expectedVersion: 1,
    })
    expect(
      (await admin(store.owner.key, 'POST', `/contacts/${from.contactId}/erase`, { reason: 'x' }))
        .status,
    ).toBe(409)
    expect(
      (await admin(store.owner.key, 'POST', `/contacts/${into.contactId}/erase`, { reason: 'x' }))
        .status,
    ).toBe(200)
    const merges = await env.DB.prepare(
      'SELECT from_snapshot FROM contact_merges WHERE site_id = ?1',
    )
      .bind(store.siteId)
      .all()
    expect(merges.results).toEqual([{ from_snapshot: '{}' }])
    const detail = await contactOf(store, into.contactId)
    expect(JSON.stringify(detail)).not.toMatch(/eski|ana@/i)
  })
})

describe('retention', () => {
  it('keeps settings per store, owners only', async () => {
    const store = await seedStore()
    expect(await json(await admin(store.rep.key, 'GET', '/privacy/settings'))).toEqual({
      retentionMonths: null,
      updatedAt: null,
    })
    expect(
      (await admin(store.rep.key, 'PUT', '/privacy/settings', { retentionMonths: 6 })).status,
    ).toBe(403)
    const res = await admin(store.owner.key, 'PUT', '/privacy/settings', { retentionMonths: 6 })
    expect(await json(res)).toMatchObject({ retentionMonths: 6 })
    expect(
      (await admin(store.owner.key, 'PUT', '/privacy/settings', { retentionMonths: 0 })).status,
    ).toBe(422)
  })

  it('anonymises contacts inactive past the period and leaves active ones', async () => {
    const store = await seedStore()
    const off = await seedStore()
    const old = await captureContact(store, { name: 'Eski Müşteri', email: 'old@example.com' })
    const active = await captureContact(store, { name: 'Yeni Müşteri', email: 'new@example.com' })
    const noPolicy = await captureContact(off, { name: 'Kuralsız', email: 'none@example.com' })
    const longAgo = '2020-01-01T00:00:00.000Z'
    for (const c of [old, noPolicy]) {
      await env.DB.batch([
        env.DB.prepare('UPDATE contacts SET updated_at = ?2, created_at = ?2 WHERE id = ?1').bind(
          c.contactId,
          longAgo,
        ),
        env.DB.prepare('UPDATE leads SET updated_at = ?2 WHERE id = ?1').bind(c.leadId, longAgo),
        env.DB.prepare('UPDATE activities SET created_at = ?2 WHERE lead_id = ?1').bind(
          c.leadId,
          longAgo,
        ),
      ])
    }
    await admin(store.owner.key, 'PUT', '/privacy/settings', { retentionMonths: 12 })
    const erased = await anonymiseInactive(env.DB, new Date())
    expect(erased).toBeGreaterThanOrEqual(1)
    expect((await contactOf(store, old.contactId)).contact).toMatchObject({
      name: null,
      email: null,
    })
    expect((await contactOf(store, active.contactId)).contact.name).toBe('Yeni Müşteri')
    expect((await contactOf(off, noPolicy.contactId)).contact.name).toBe('Kuralsız')
    const audit = await env.DB.prepare(
      `SELECT actor_type, actor_id FROM audit_log WHERE site_id = ?1 AND action = 'contact_erased' AND target_id = ?2`,
    )
      .bind(store.siteId, old.contactId)
      .all()
    expect(audit.results).toEqual([{ actor_type: 'system', actor_id: null }])
    // A second run finds nothing more to do for this store.
    await anonymiseInactive(env.DB, new Date())
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE site_id = ?1 AND action = 'contact_erased'`,
        store.siteId,
      ),
    ).toBe(1)
  })

  it('computes the cutoff in calendar months', () => {
    expect(retentionCutoff(new Date('2026-03-31T10:00:00Z'), 1)).toBe('2026-02-28T10:00:00.000Z')
    expect(retentionCutoff(new Date('2026-01-15T00:00:00Z'), 24)).toBe('2024-01-15T00:00:00.000Z')
  })
})

describe('tenant isolation', () => {
  it('hides and protects every contacts route from another store', async () => {
    const victim = await seedStore()
    const intruder = await seedStore()
    const a = await captureContact(victim, {
      name: 'Gizli Kişi',
      email: 'gizli@example.com',
      phone: '0532 555 44 33',
    })
    const b = await captureContact(victim, {
      name: 'Gizli Kisi',
      email: 'gizli2@example.com',
      phone: '0532 555 44 33',
    })
    const own = await captureContact(intruder, { name: 'Kendi', email: 'kendi@example.com' })
    await admin(victim.owner.key, 'PUT', '/privacy/settings', { retentionMonths: 36 })
    const before = await counts(victim.siteId)
    for (const key of [intruder.owner.key, intruder.rep.key]) {
      const attempts: [string, string, unknown?][] = [
        ['POST', `/contacts/${a.contactId}/merge`, { from: b.contactId, expectedVersion: 1 }],
        ['POST', `/contacts/${own.contactId}/merge`, { from: a.contactId, expectedVersion: 1 }],
        ['GET', `/contacts/${a.contactId}/export`],
        ['POST', `/contacts/${a.contactId}/erase`, { reason: 'x' }],
      ]
      for (const [method, path, body] of attempts) {
        const res = await admin(key, method, path, body)
        expect(res.status, `${method} ${path}`).toBe(404)
      }
      for (const path of [
        '/contacts/duplicates',
        '/contacts/export?format=ndjson',
        '/contacts?tag=vip',
      ]) {
        expect(await (await admin(key, 'GET', path)).text(), path).not.toMatch(/gizli/i)
      }
      const preview = await json(
        await postImport(
          intruder,
          { csv: 'email,phone\ngizli@example.com,05325554433' },
          { preview: true, userKey: key },
        ),
      )
      expect(preview.rows[0].existing).toBeNull()
      expect(await json(await admin(key, 'GET', '/privacy/settings'))).toMatchObject({
        retentionMonths: null,
      })
    }
    expect(await counts(victim.siteId)).toEqual(before)
    // The intruder's import writes into its own store only.
    const imported = await json(
      await postImport(
        intruder,
        { csv: 'email\ngizli@example.com' },
        { userKey: intruder.owner.key },
      ),
    )
    expect(imported.created).toBe(1)
    expect(await counts(victim.siteId)).toEqual(before)
    expect((await contactOf(victim, a.contactId)).contact.email).toBe('gizli@example.com')
  })
})
