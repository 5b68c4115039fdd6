/**
 * The quote library through the worker: each store's products and FAQ entries, created, listed,
 * changed and removed; bad input (tax rates neither KDV nor the store's, script links) refused
 * with nothing written; the size cap; and tenant isolation.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { LIBRARY_MAX } from '../../contract'
import { admin, count, seedStore } from './helpers'

const json = async (res: Response) => (await res.json()) as any

const PRODUCT = {
  name: 'Kurulum',
  description: 'Yerinde kurulum ve ayar',
  unit: 'saat',
  unitPriceMinor: 100_000,
  currency: 'TRY',
  taxRateBps: 2000,
}
const FAQ = {
  question: 'Destek var mı?',
  answer: [{ type: 'p', children: [{ text: 'Evet, ', bold: true }, { text: 'bir yıl.' }] }],
}

const products = (siteId: string) =>
  count('SELECT count(*) AS n FROM products WHERE site_id = ?1', siteId)
const faqs = (siteId: string) => count('SELECT count(*) AS n FROM faqs WHERE site_id = ?1', siteId)

describe('products', () => {
  it('creates, lists by name, changes and removes a product', async () => {
    const store = await seedStore()
    const created = await admin(store.rep.key, 'POST', '/products', PRODUCT)
    expect(created.status).toBe(201)
    const product = await json(created)
    expect(product).toMatchObject({ ...PRODUCT, id: expect.stringMatching(/^pr_/) })
    const other = await json(
      await admin(store.owner.key, 'POST', '/products', {
        ...PRODUCT,
        name: 'Eğitim',
        description: undefined,
        unit: 'adet',
        taxRateBps: 1000,
      }),
    )
    expect(other.description).toBeNull()
    const list = await json(await admin(store.rep.key, 'GET', '/products'))
    expect(list.items.map((p: any) => p.name)).toEqual(['Eğitim', 'Kurulum'])

    const changed = await admin(store.rep.key, 'PUT', `/products/${product.id}`, {
      ...PRODUCT,
      unitPriceMinor: 120_000,
      taxRateBps: 0,
    })
    expect(changed.status).toBe(200)
    const after = await json(changed)
    expect(after).toMatchObject({ id: product.id, unitPriceMinor: 120_000, taxRateBps: 0 })
    expect(after.createdAt).toBe(product.createdAt)

    expect((await admin(store.rep.key, 'DELETE', `/products/${product.id}`)).status).toBe(204)
    expect((await admin(store.rep.key, 'DELETE', `/products/${product.id}`)).status).toBe(404)
    expect((await admin(store.rep.key, 'PUT', `/products/${product.id}`, PRODUCT)).status).toBe(404)
    expect(await products(store.siteId)).toBe(1)
  })

  it.each([
    ['a tax rate neither KDV nor the store’s', { taxRateBps: 1800 }, 'taxRateBps'],
    ['a tax rate above 100 %', { taxRateBps: 10_001 }, 'taxRateBps'],
    ['a fractional tax rate', { taxRateBps: 8.5 }, 'taxRateBps'],
    ['a negative price', { unitPriceMinor: -1 }, 'unitPriceMinor'],
    ['a fractional price', { unitPriceMinor: 10.5 }, 'unitPriceMinor'],
    ['a bad currency', { currency: 'tl' }, 'currency'],
    ['an empty name', { name: '  ' }, 'name'],
    ['an over-long unit', { unit: 'x'.repeat(21) }, 'unit'],
    ['an unknown field', { productId: 'pr_x' }, undefined],
  ])('refuses %s with 422 and writes nothing', async (_, change, path) => {
    const store = await seedStore()
    const res = await admin(store.rep.key, 'POST', '/products', { ...PRODUCT, ...change })
    expect(res.status).toBe(422)
    const body = await json(res)
    expect(body.error.code).toBe('validation_failed')
    if (path) expect(body.error.issues.map((i: any) => i.path)).toContain(path)
    expect(await products(store.siteId)).toBe(0)
  })

  it(`holds at most ${LIBRARY_MAX} products per store`, async () => {
    const store = await seedStore()
    const at = new Date().toISOString()
    const insert = env.DB.prepare(
      `INSERT INTO products (id, site_id, name, unit, unit_price_minor, currency, tax_rate_bps,
         created_at, updated_at) VALUES (?1, ?2, 'P', 'adet', 1, 'TRY', 0, ?3, ?3)`,
    )
    await env.DB.batch(
      Array.from({ length: LIBRARY_MAX }, (_, i) =>
        insert.bind(`pr_cap_${store.siteId}_${i}`, store.siteId, at),
      ),
    )
    const res = await admin(store.rep.key, 'POST', '/products', PRODUCT)
    expect(res.status).toBe(409)
    expect(await products(store.siteId)).toBe(LIBRARY_MAX)
    // Another store's library is its own.
    const other = await seedStore()
    expect((await admin(other.rep.key, 'POST', '/products', PRODUCT)).status).toBe(201)
  })
  it('takes the store’s own tax rates; a store without them gets 422', async () => {
    const store = await seedStore()
    const eight = { ...PRODUCT, taxRateBps: 800 }
    expect((await admin(store.rep.key, 'POST', '/products', eight)).status).toBe(422)
    await admin(store.owner.key, 'PUT', '/quote-settings', {
      invoiceOnAccept: true,
      taxRatesBps: [800],
    })
    const created = await admin(store.rep.key, 'POST', '/products', eight)
    expect(created.status).toBe(201)
    const product = await json(created)
    expect(product.taxRateBps).toBe(800)
    const changed = await admin(store.rep.key, 'PUT', `/products/${product.id}`, {
      ...eight,
      taxRateBps: 1800,
    })
    expect(changed.status).toBe(422)
    expect((await json(changed)).error.issues.map((i: any) => i.path)).toEqual(['taxRateBps'])
    expect((await json(await admin(store.rep.key, 'GET', '/products'))).items).toEqual([product])

    const other = await seedStore()
    expect((await admin(other.rep.key, 'POST', '/products', eight)).status).toBe(422)
    expect(await products(other.siteId)).toBe(0)
  })
})

describe('FAQ entries', () => {
  it('creates, lists by question, changes and removes an entry', async () => {
    const store = await seedStore()
    const created = await admin(store.rep.key, 'POST', '/faqs', FAQ)
    expect(created.status).toBe(201)
    const faq = await json(created)
    expect(faq).toMatchObject({ ...FAQ, id: expect.stringMatching(/^fq_/) })
    await admin(store.rep.key, 'POST', '/faqs', { ...FAQ, question: 'Ağırlık?' })
    const list = await json(await admin(store.rep.key, 'GET', '/faqs'))
    expect(list.items.map((f: any) => f.question)).toEqual(['Ağırlık?', 'Destek var mı?'])
    const answer = [{ type: 'ul', items: [[{ text: 'Belge', href: 'https://x.example/doc' }]] }]
    const changed = await admin(store.rep.key, 'PUT', `/faqs/${faq.id}`, { ...FAQ, answer })
    expect(changed.status).toBe(200)
    expect((await json(changed)).answer).toEqual(answer)
    expect((await admin(store.rep.key, 'DELETE', `/faqs/${faq.id}`)).status).toBe(204)
    expect((await admin(store.rep.key, 'DELETE', `/faqs/${faq.id}`)).status).toBe(404)
    expect(await faqs(store.siteId)).toBe(1)
  })

  it('refuses script links and markup-like shapes, writing nothing', async () => {
    const store = await seedStore()
    const bad = [
      { ...FAQ, answer: [{ type: 'p', children: [{ text: 'x', href: 'javascript:alert(1)' }] }] },
      { ...FAQ, answer: [{ type: 'script', children: [{ text: 'x' }] }] },
      { ...FAQ, answer: '<b>x</b>' },
      { ...FAQ, question: 'q'.repeat(501) },
    ]
    for (const body of bad) {
      const res = await admin(store.rep.key, 'POST', '/faqs', body)
      expect(res.status).toBe(422)
    }
    expect(await faqs(store.siteId)).toBe(0)
  })
})

describe('tenant isolation', () => {
  it('another store’s keys neither see nor change this store’s library', async () => {
    const store = await seedStore()
    const product = await json(await admin(store.rep.key, 'POST', '/products', PRODUCT))
    const faq = await json(await admin(store.rep.key, 'POST', '/faqs', FAQ))
    const other = await seedStore()
    expect((await json(await admin(other.owner.key, 'GET', '/products'))).items).toEqual([])
    expect((await json(await admin(other.owner.key, 'GET', '/faqs'))).items).toEqual([])
    const routes: [string, string, unknown?][] = [
      ['PUT', `/products/${product.id}`, { ...PRODUCT, name: 'Ele geçirildi' }],
      ['DELETE', `/products/${product.id}`],
      ['PUT', `/faqs/${faq.id}`, { ...FAQ, question: 'Ele geçirildi' }],
      ['DELETE', `/faqs/${faq.id}`],
    ]
    for (const [method, path, body] of routes) {
      const res = await admin(other.owner.key, method, path, body)
      expect(res.status, `${method} ${path}`).toBe(404)
    }
    expect((await json(await admin(store.rep.key, 'GET', '/products'))).items).toEqual([product])
    expect((await json(await admin(store.rep.key, 'GET', '/faqs'))).items).toEqual([faq])
  })

  it('needs an admin key', async () => {
    for (const path of ['/products', '/faqs']) {
      expect((await admin('sk_notAKeyOfAnyStore000', 'GET', path)).status).toBe(401)
    }
  })
})
