/**
 * The store, form, theme and team settings sections against the real `wrangler dev`, on a store
 * of their own (the other tests use the demo store's name, fields and keys): saves reach the
 * admin API and the widget config, the theme preview is the real widget under the console's
 * CSP, a key created in the console works until it is revoked there, and axe finds nothing
 * serious or critical on any of the four sections.
 */
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { SiteAdmin, SiteConfig } from '../../contract'
import { audit, expectNoBlocking } from './axe'
import { adminCall, freshStore, openConsole, useBrowser, watchProblems } from './helpers'

const browser = useBrowser()

describe('the store settings sections', () => {
  let store: { siteKey: string; ownerKey: string }
  let context: BrowserContext
  beforeAll(async () => {
    store = await freshStore(`Ayarlar Mağazası ${Date.now().toString(36)}`)
    context = await browser().newContext()
  })
  afterAll(async () => {
    await context?.close()
  })

  /** Opens a section signed in as the store's owner; fails on any CSP violation or error. */
  async function section(name: string): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage()
    const { errors } = await watchProblems(page)
    await openConsole(page, `/admin/settings/${name}`, store.ownerKey)
    await page.locator(`leadline-settings-${name} h3`).waitFor()
    return { page, errors }
  }

  const status = (page: Page, name: string) =>
    page.locator(`leadline-settings-${name} #status`).textContent()
  const saved = (page: Page, name: string) =>
    expect.poll(() => status(page, name), { timeout: 10_000 }).toContain('Kaydedildi')

  it('saves the store name and a new origin', async () => {
    const { page, errors } = await section('store')
    await page.getByLabel('Mağaza adı').fill('Anadolu Ayar Tekstil')
    await page.getByRole('button', { name: 'Adres ekle' }).click()
    await page.getByLabel('Adres 2').fill('https://www.anadolu-ayar.example')
    await page.getByRole('button', { name: 'Kaydet' }).click()
    await saved(page, 'store')

    const site = await adminCall<SiteAdmin>('GET', '/admin/api/site', undefined, store.ownerKey)
    expect(site.body).toMatchObject({ name: 'Anadolu Ayar Tekstil', version: 2 })
    expect(site.body.origins).toContain('https://www.anadolu-ayar.example')
    expect(errors).toEqual([])
    await page.close()
  })

  it('renames a form field and the widget config shows the new label', async () => {
    const { page, errors } = await section('form')
    await page.locator('#in-settings-fields-0-label-tr').fill('Adınız ve soyadınız')
    await page.getByRole('button', { name: 'Kaydet' }).click()
    await saved(page, 'form')

    // The worker keeps a store 30 s per isolate; the one that saved forgets it at once, and
    // `wrangler dev` runs one isolate. Polled up to the cache time all the same.
    const base = inject('baseUrl')
    const label = async () => {
      const res = await fetch(`${base}/v1/sites/${store.siteKey}/config`, {
        headers: { Origin: new URL(base).origin },
      })
      return ((await res.json()) as SiteConfig).fields[0]?.label.tr
    }
    await expect.poll(label, { timeout: 35_000, interval: 1_000 }).toBe('Adınız ve soyadınız')
    expect(errors).toEqual([])
    await page.close()
  })

  it('previews the real form widget with the colour being typed', async () => {
    const { page, errors } = await section('theme')
    const button = page.locator('leadline-form [part="submit-button"]')
    await button.waitFor()
    await page.getByLabel('Ana renk (düğme, odak)', { exact: true }).fill('#b4232c')
    await expect
      .poll(() => button.evaluate((b) => getComputedStyle(b).backgroundColor))
      .toBe('rgb(180, 35, 44)')
    expect(errors).toEqual([])
    await page.close()
  })

  it('creates a person and a key shown once that works, then revokes it', async () => {
    const { page, errors } = await section('team')
    const person = `E2E Temsilci ${Date.now().toString(36)}`
    await page.locator('#member-name').fill(person)
    await page.locator('#member-email').fill(`${Date.now().toString(36)}@temsilci.example`)
    await page.getByRole('button', { name: 'Ekle', exact: true }).click()
    const member = page.locator('fieldset', { has: page.locator('legend', { hasText: person }) })
    await member.locator('input[name="name"]').fill('E2E anahtarı')
    await member.locator('input[name="name"]').press('Enter')
    const secret = await page.locator('#secret').inputValue()
    expect(secret).toMatch(/^sk_[A-Za-z0-9]{40}$/)

    const me = await adminCall<{ user: { name: string } }>(
      'GET',
      '/admin/api/me',
      undefined,
      secret,
    )
    expect(me.status).toBe(200)
    expect(me.body.user.name).toBe(person)

    await page.getByRole('button', { name: 'Kaydettim, gizle' }).click()
    await expect.poll(() => page.locator('#secret').count()).toBe(0)
    await page.getByRole('button', { name: 'E2E anahtarı: iptal et' }).click()
    await page.locator('dialog[open]').getByRole('button', { name: 'Anahtarı iptal et' }).click()
    await expect.poll(() => status(page, 'team')).toContain('iptal edildi')
    expect((await adminCall('GET', '/admin/api/me', undefined, secret)).status).toBe(401)
    expect(errors).toEqual([])
    await page.close()
  })

  it('has no serious or critical accessibility violations on the four sections', async () => {
    // bypassCSP: the console's CSP would block the axe script that addScriptTag injects.
    const audited = await browser().newContext({ bypassCSP: true })
    const page = await audited.newPage()
    await openConsole(page, '/admin/settings/store', store.ownerKey)
    for (const name of ['store', 'form', 'theme', 'team']) {
      if (name !== 'store') {
        await page.getByRole('link', { name: SECTION_NAMES[name]!, exact: true }).click()
      }
      await page.locator(`leadline-settings-${name} h3`).waitFor()
      // Audit the section with its data in: its form arrives after the heading.
      await page.locator(`leadline-settings-${name} form`).first().waitFor()
      if (name === 'theme') await page.locator('leadline-form [part="submit-button"]').waitFor()
      expectNoBlocking(await audit(page), `the ${name} settings`, `leadline-settings-${name}`)
    }
    await audited.close()
  })
})

const SECTION_NAMES: Record<string, string> = {
  form: 'Form ve onay',
  theme: 'Görünüm',
  team: 'Ekip ve anahtarlar',
}
