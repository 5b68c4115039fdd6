/**
 * The store's own settings: `GET`/`PUT /admin/api/site`, what widgets and CORS see after a save,
 * the consent version rule, the version guard, owners only, tenant isolation and bad input.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { MAX_BODY_BYTES, ORIGINS_MAX, type SiteAdmin, type SiteConfig } from '../../contract'
import { siteUpdateBody } from './areas/site'
import { admin, call, count, leadBody, postLead, seedStore, type TestStore } from './helpers'

const BASE = 'https://leadline.test'

const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T

const getSite = (store: TestStore, key = store.owner.key) =>
  json<SiteAdmin>(admin(key, 'GET', '/site'))

type Body = Awaited<ReturnType<typeof siteUpdateBody>> & SiteAdmin

async function save(store: TestStore, change: (body: Body) => void, key = store.owner.key) {
  const body = (await siteUpdateBody(store)) as Body
  change(body)
  return admin(key, 'PUT', '/site', body)
}

const config = (store: TestStore, origin = store.origin) =>
  call(new Request(`${BASE}/v1/sites/${store.siteKey}/config`, { headers: { Origin: origin } }))

const issuePaths = async (res: Response) => {
  expect(res.status, await res.clone().text()).toBe(422)
  const { error } = await json<{ error: { code: string; issues: { path: string }[] } }>(res)
  expect(error.code).toBe('validation_failed')
  return error.issues.map((i) => i.path)
}

const siteAudits = async (siteId: string) =>
  (
    await env.DB.prepare(
      `SELECT actor_id AS actorId, action, detail FROM audit_log
        WHERE site_id = ?1 AND target_type = 'site' ORDER BY at, rowid`,
    )
      .bind(siteId)
      .all<{ actorId: string; action: string; detail: string }>()
  ).results

describe('GET /admin/api/site', () => {
  it('shows owners and reps the store with its default settings and version 1', async () => {
    const store = await seedStore()
    for (const key of [store.owner.key, store.rep.key]) {
      const res = await admin(key, 'GET', '/site')
      expect(res.status).toBe(200)
      const site = await json<SiteAdmin>(res)
      expect(site).toMatchObject({
        siteKey: store.siteKey,
        name: 'Test Mağaza',
        locale: 'tr',
        currency: 'TRY',
        timeZone: 'Europe/Istanbul',
        defaultRegion: 'TR',
        origins: [store.origin],
        version: 1,
        updatedAt: expect.any(String),
      })
      expect(site.settings.consent.version).toBe('2026-01')
      expect(site.settings.fields.map((f) => f.name)).toEqual([
        'name',
        'email',
        'phone',
        'company',
        'message',
      ])
    }
  })
})

describe('PUT /admin/api/site', () => {
  it('saves profile, origins and settings, bumps the version and audits the change', async () => {
    const store = await seedStore()
    const res = await save(store, (b) => {
      b.name = 'Anadolu Tekstil'
      b.locale = 'en'
      b.currency = 'EUR'
      b.timeZone = 'Europe/Berlin'
      b.defaultRegion = 'DE'
      b.origins = [...b.origins, 'HTTPS://WWW.Anadolu.Example:443/']
      b.settings.fields[0]!.label.tr = 'Adınız'
      b.settings.theme = { '--leadline-color-primary': '#b4232c' }
      b.settings.minFillMs = 3000
    })
    expect(res.status, await res.clone().text()).toBe(200)
    const saved = await json<SiteAdmin>(res)
    expect(saved).toMatchObject({
      name: 'Anadolu Tekstil',
      locale: 'en',
      currency: 'EUR',
      timeZone: 'Europe/Berlin',
      defaultRegion: 'DE',
      origins: ['https://www.anadolu.example', store.origin].sort(),
      version: 2,
    })
    expect(saved.settings.fields[0]!.label.tr).toBe('Adınız')
    expect(saved.settings.theme).toEqual({ '--leadline-color-primary': '#b4232c' })
    expect(await getSite(store, store.rep.key)).toEqual(saved)

    const audits = await siteAudits(store.siteId)
    expect(audits).toHaveLength(1)
    expect(audits[0]!.actorId).toBe(store.owner.id)
    expect(audits[0]!.action).toBe('site.updated')
    expect(JSON.parse(audits[0]!.detail)).toMatchObject({
      version: 2,
      changed: [
        'name',
        'locale',
        'currency',
        'timeZone',
        'defaultRegion',
        'origins',
        'settings.fields',
        'settings.theme',
        'settings.minFillMs',
      ],
      originsAdded: ['https://www.anadolu.example'],
      originsRemoved: [],
      before: { name: 'Test Mağaza' },
      after: { name: 'Anadolu Tekstil' },
    })
  })

  it('reaches the widget config at once on this isolate, after it was cached', async () => {
    const store = await seedStore()
    const before = await json<SiteConfig>(config(store))
    expect(before.fields[0]!.label.tr).toBe('Ad Soyad')
    const res = await save(store, (b) => {
      b.name = 'Yeni Ad'
      b.settings.fields[0]!.label.tr = 'Adınız'
      b.settings.theme = { '--leadline-radius': '2px' }
    })
    expect(res.status).toBe(200)
    const after = await json<SiteConfig>(config(store))
    expect(after.name).toBe('Yeni Ad')
    expect(after.fields[0]!.label.tr).toBe('Adınız')
    expect(after.theme).toEqual({ '--leadline-radius': '2px' })
  })

  it('lets CORS and the public API follow the new origins', async () => {
    const store = await seedStore()
    const added = `https://new-${store.siteId.slice(3, 11).toLowerCase()}.example`
    const preflight = (origin: string) =>
      call(
        new Request(`${BASE}/v1/leads`, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
        }),
      )
    expect((await preflight(added)).status).toBe(403)
    expect((await config(store, added)).status).toBe(403)

    expect((await save(store, (b) => (b.origins = [added]))).status).toBe(200)
    const granted = await preflight(added)
    expect(granted.status).toBe(204)
    expect(granted.headers.get('Access-Control-Allow-Origin')).toBe(added)
    const read = await config(store, added)
    expect(read.status).toBe(200)
    expect(read.headers.get('Access-Control-Allow-Origin')).toBe(added)
    // The origin taken off the list is refused from now on.
    expect((await config(store)).status).toBe(403)
    expect((await postLead(store, leadBody(store))).status).toBe(403)
    expect((await postLead(store, leadBody(store), { origin: added })).status).toBe(201)
  })

  it('refuses origins that are not https (or local http), carry a path, repeat or are too many', async () => {
    const store = await seedStore()
    const paths = await issuePaths(
      await save(store, (b) => {
        b.origins = [
          'http://shop.example',
          'https://shop.example/iletisim',
          'https://ok.example',
          'https://OK.example/',
          'http://localhost:5173',
        ]
      }),
    )
    expect(paths).toEqual(['origins.0', 'origins.1'])
    expect(
      await issuePaths(
        await save(store, (b) => {
          b.origins = ['https://ok.example', 'https://OK.example/']
        }),
      ),
    ).toEqual(['origins.1'])
    const tooMany = Array.from({ length: ORIGINS_MAX + 1 }, (_, i) => `https://s${i}.example`)
    expect(await issuePaths(await save(store, (b) => (b.origins = tooMany)))).toEqual(['origins'])
    expect((await getSite(store)).origins).toEqual([store.origin])
    expect((await save(store, (b) => (b.origins = ['http://localhost:5173']))).status).toBe(200)
  })

  it('asks for a new consent version when the consent text changes', async () => {
    const store = await seedStore()
    const reworded = await save(store, (b) => {
      b.settings.consent.text.tr = 'Yeni onay metni.'
    })
    const body = await json<{ error: { issues: { path: string; message: string }[] } }>(
      reworded.clone(),
    )
    expect(await issuePaths(reworded)).toEqual(['settings.consent.version'])
    expect(body.error.issues[0]!.message).toMatch(/new version/)

    const res = await save(store, (b) => {
      b.settings.consent.text.tr = 'Yeni onay metni.'
      b.settings.consent.version = '2026-02'
    })
    expect(res.status).toBe(200)
    expect((await json<SiteConfig>(config(store))).consent).toMatchObject({
      version: '2026-02',
      text: { tr: 'Yeni onay metni.' },
    })
    // A form still showing the built-in text, never kept (no capture was made under it), is
    // told to reload; channels alone need no new version.
    expect((await postLead(store, leadBody(store))).status).toBe(422)
    const channels = await save(store, (b) => (b.settings.consent.channels = ['email']))
    expect(channels.status).toBe(200)
  })

  it('answers a stale version with 409 and the store as it is now, writing nothing', async () => {
    const store = await seedStore()
    const stale = (await siteUpdateBody(store)) as Body
    expect((await save(store, (b) => (b.name = 'First'))).status).toBe(200)
    stale.name = 'Second'
    const res = await admin(store.owner.key, 'PUT', '/site', stale)
    expect(res.status).toBe(409)
    const body = await json<{ error: { code: string }; current: SiteAdmin }>(res)
    expect(body.error.code).toBe('conflict')
    expect(body.current).toMatchObject({ name: 'First', version: 2 })
    expect(await getSite(store)).toMatchObject({ name: 'First', version: 2 })
    expect(await siteAudits(store.siteId)).toHaveLength(1)
  })

  it('lets exactly one of two concurrent saves of the same version win', async () => {
    const store = await seedStore()
    const body = (await siteUpdateBody(store)) as Body
    const results = await Promise.all(
      ['https://a.example', 'https://b.example'].map((origin) =>
        admin(store.owner.key, 'PUT', '/site', { ...body, origins: [origin] }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    const site = await getSite(store)
    expect(site.version).toBe(2)
    expect(site.origins).toHaveLength(1)
    expect(
      await count('SELECT count(*) AS n FROM site_origins WHERE site_id = ?1', store.siteId),
    ).toBe(1)
  })

  it('refuses reps with 403 and changes nothing', async () => {
    const store = await seedStore()
    const res = await save(store, (b) => (b.name = 'Rep was here'), store.rep.key)
    expect(res.status).toBe(403)
    expect(await getSite(store)).toMatchObject({ name: 'Test Mağaza', version: 1 })
    expect(await siteAudits(store.siteId)).toHaveLength(0)
  })

  it("keeps stores apart: a key reads and saves only its own store's settings", async () => {
    const a = await seedStore()
    const b = await seedStore()
    expect((await getSite(a)).siteKey).toBe(a.siteKey)
    expect((await getSite(b)).siteKey).toBe(b.siteKey)
    // B's owner saves B with the version A happens to share; A is untouched.
    expect((await save(b, (body) => (body.name = 'Store B'))).status).toBe(200)
    expect(await getSite(a)).toMatchObject({ name: 'Test Mağaza', origins: [a.origin], version: 1 })
    expect(await getSite(b)).toMatchObject({ name: 'Store B', origins: [b.origin], version: 2 })
    expect(await siteAudits(a.siteId)).toHaveLength(0)
  })

  it('refuses unknown properties, bad profile values and broken field rules, naming where', async () => {
    const store = await seedStore()
    expect(await issuePaths(await save(store, (b) => Object.assign(b, { plan: 'gold' })))).toEqual([
      'plan',
    ])
    expect(
      await issuePaths(
        await save(store, (b) => {
          b.currency = 'TL'
          b.timeZone = 'Istanbul'
          b.locale = 'de' as 'tr'
        }),
      ),
    ).toEqual(['locale', 'currency', 'timeZone'])
    expect(await issuePaths(await save(store, (b) => (b.defaultRegion = 'ZZ')))).toEqual([
      'defaultRegion',
    ])
    expect(
      await issuePaths(
        await save(store, (b) => {
          b.settings.fields[1] = { ...b.settings.fields[0]! }
          b.settings.fields.push({
            name: 'sector',
            kind: 'custom',
            type: 'select',
            required: false,
            label: { tr: 'Sektör', en: '' },
          })
        }),
      ),
    ).toEqual(['settings.fields.1.name', 'settings.fields.5.label.en', 'settings.fields.5.options'])
    const res = await admin(store.owner.key, 'PUT', '/site', {
      ...(await siteUpdateBody(store)),
      name: 'x'.repeat(MAX_BODY_BYTES),
    })
    expect(res.status).toBe(413)
    expect(await getSite(store)).toMatchObject({ name: 'Test Mağaza', version: 1 })
  })
})
