/**
 * The console's lists against the real `wrangler dev` (issue 8): search the leads and open one,
 * edit a contact from the contacts list, merge two contacts, erase one, and see a deal with its
 * value in the ranking; each outcome checked through the admin API. Then an axe audit of the
 * four screens and of the erase dialog.
 */
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { audit, expectNoBlocking } from './axe'
import { admin, captureLead, openConsole, useBrowser, watchProblems } from './helpers'

const browser = useBrowser()

interface Contact {
  id: string
  name: string | null
  email: string | null
  company: string | null
  mergedInto: string | null
  erasedAt: string | null
}
interface LeadDetail {
  lead: { id: string; contactId: string; version: number }
}

/** Sends a change to the admin API as the owner; returns the answer's JSON. */
async function send<T = unknown>(method: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(inject('baseUrl') + path, {
    method,
    headers: { Authorization: `Bearer ${inject('ownerKey')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`)
  return (await res.json()) as T
}

const leadOf = (id: string) => admin<LeadDetail>(`/admin/api/leads/${id}`)
const contactOf = async (leadId: string) =>
  (
    await admin<{ contact: Contact }>(
      `/admin/api/contacts/${(await leadOf(leadId)).lead.contactId}`,
    )
  ).contact
const stamp = () => Date.now().toString(36)

describe('the console lists', () => {
  it('finds a lead by search, keeps the search in the address, and opens the lead', async () => {
    const s = stamp()
    const nameA = `Liste Ayşe ${s}`
    const nameB = `Liste Burak ${s}`
    await captureLead(nameA, 'lists')
    const b = await captureLead(nameB, 'lists')
    const page = await browser().newPage()
    const problems = await watchProblems(page)
    await openConsole(page, '/admin/leads')
    const list = page.locator('leadline-leads-list')
    await list.locator('#q').fill(`burak ${s}`)
    await list.locator('#q').press('Enter')
    const rows = list.locator('tbody tr')
    await expect.poll(() => rows.count()).toBe(1)
    expect(await rows.first().textContent()).toContain(nameB)
    expect(await list.locator('#results').textContent()).toBe('1. sayfa: 1 kayıt.')
    expect(new URL(page.url()).searchParams.get('q')).toBe(`burak ${s}`)

    await page.reload()
    await expect.poll(() => rows.count()).toBe(1)
    expect(await list.locator('#q').inputValue()).toBe(`burak ${s}`)
    expect(problems.errors).toEqual([])

    await rows.first().getByRole('link', { name: nameB }).click()
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/admin/leads/${b}`)
    await page.close()
  })

  it('edits a contact found in the contacts list', async () => {
    const name = `Kişi Cem ${stamp()}`
    const lead = await captureLead(name, 'lists')
    const page = await browser().newPage()
    const problems = await watchProblems(page)
    await openConsole(page, '/admin/contacts')
    const list = page.locator('leadline-contacts-list')
    await list.locator('#q').fill(name)
    await list.locator('#q').press('Enter')
    await list.locator('tbody').getByRole('link', { name }).click()

    const contact = page.locator('leadline-contact-page')
    await contact.getByRole('button', { name: 'Düzenle' }).click()
    await contact.locator('#f-company').fill('Cem Danışmanlık')
    await contact.locator('#f-company').press('Enter')
    await expect
      .poll(() => contact.locator('[role=status]').first().textContent())
      .toBe('Değişiklikler kaydedildi.')
    expect((await contactOf(lead)).company).toBe('Cem Danışmanlık')
    expect(problems.errors).toEqual([])
    await page.close()
  })

  it('merges another contact into this one', async () => {
    const s = stamp()
    const keep = await captureLead(`Birleşik Deniz ${s}`, 'lists')
    const gone = await captureLead(`Birleşecek Deniz ${s}`, 'lists')
    const into = await contactOf(keep)
    const from = await contactOf(gone)
    expect(from.email).not.toBe(into.email)
    const page = await browser().newPage()
    const problems = await watchProblems(page)
    await openConsole(page, `/admin/contacts/${into.id}`)
    const contact = page.locator('leadline-contact-page')
    await contact.locator('#merge-q').fill(`Birleşecek Deniz ${s}`)
    await contact.locator('#merge-q').press('Enter')
    await contact
      .getByRole('button', { name: `Birleşecek Deniz ${s} kişisini bununla birleştir` })
      .click()
    await contact.locator('#merge-dialog').getByRole('button', { name: 'Birleştir' }).click()
    await expect
      .poll(() => contact.locator('[role=status]').first().textContent())
      .toBe(`Birleşecek Deniz ${s}, Birleşik Deniz ${s} ile birleştirildi.`)

    const merged = await admin<{ contact: Contact }>(`/admin/api/contacts/${from.id}`)
    expect(merged.contact.mergedInto).toBe(into.id)
    const detail = await admin<{ leads: { id: string }[] }>(`/admin/api/contacts/${into.id}`)
    expect(detail.leads.map((l) => l.id).sort()).toEqual([keep, gone].sort())
    expect(problems.errors).toEqual([])
    await page.close()
  })

  it('erases a contact after typing their e-mail, and the API no longer gives out the person', async () => {
    const name = `Silinecek Ece ${stamp()}`
    const lead = await captureLead(name, 'lists')
    const person = await contactOf(lead)
    const page = await browser().newPage()
    const problems = await watchProblems(page)
    await openConsole(page, `/admin/contacts/${person.id}`)
    const contact = page.locator('leadline-contact-page')
    await contact.getByRole('button', { name: 'Kişisel verileri sil' }).click()
    const dialog = contact.locator('#erase-dialog')
    await dialog.locator('#erase-confirm').fill(person.email!)
    await dialog.locator('#erase-reason').fill('Kişi verilerinin silinmesini istedi')
    await dialog.getByRole('button', { name: 'Kalıcı olarak sil' }).click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/admin/contacts')
    await expect
      .poll(() => page.locator('leadline-contacts-list .notice').textContent())
      .toBe(`${name} kişisinin kişisel verileri silindi.`)

    const found = await admin<{ items: Contact[] }>(
      `/admin/api/contacts?q=${encodeURIComponent(name)}`,
    )
    expect(found.items).toEqual([])
    const erased = (await admin<{ contact: Contact }>(`/admin/api/contacts/${person.id}`)).contact
    expect(erased.erasedAt).not.toBeNull()
    expect([erased.name, erased.email]).toEqual([null, null])
    expect(problems.errors).toEqual([])
    await page.close()
  })

  it('ranks a deal with the value set through the API', async () => {
    const name = `Fırsat Fikret ${stamp()}`
    const id = await captureLead(name, 'lists')
    const moved = await send<{ version: number }>('POST', `/admin/api/leads/${id}/move`, {
      to: 'proposal',
      reason: 'Teklif istedi',
      expectedVersion: (await leadOf(id)).lead.version,
    })
    await send('PATCH', `/admin/api/leads/${id}/deal`, {
      valueMinor: 98_765_432_100,
      expectedVersion: moved.version,
    })
    const page = await browser().newPage()
    const problems = await watchProblems(page)
    await openConsole(page, '/admin/deals?sort=value')
    const row = page.locator(`leadline-deals-list tr[data-lead="${id}"]`)
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain(name)
    const text = (await row.textContent())!.replace(/\s+/g, ' ')
    expect(text).toContain('₺987.654.321')
    expect(text).toContain('Teklif')
    expect(text).toContain('Ağırlıklı değer')
    expect(await row.getByRole('link', { name }).getAttribute('href')).toBe(`/admin/leads/${id}`)
    expect(problems.errors).toEqual([])
    await page.close()
  })
})

describe('the console lists accessibility audit', () => {
  let context: BrowserContext
  beforeAll(async () => {
    // bypassCSP: the console's CSP would block the axe script; the CSP is checked above.
    context = await browser().newContext({ bypassCSP: true })
  })
  afterAll(async () => {
    await context?.close()
  })

  /** Opens a screen and waits until it finished loading. */
  async function screen(page: Page, path: string, tag: string, ready: string) {
    await openConsole(page, path)
    await page.locator(`${tag} ${ready}`).first().waitFor()
    await expect.poll(() => page.locator(`${tag} [aria-busy=true]`).count()).toBe(0)
  }

  it('has no serious or critical violations on the four screens and the erase dialog', async () => {
    const name = `Erişilebilir Liste ${stamp()}`
    const lead = await captureLead(name, 'lists-a11y')
    const { contactId } = (await leadOf(lead)).lead
    const page = await context.newPage()

    await screen(page, '/admin/leads', 'leadline-leads-list', 'tbody tr')
    expectNoBlocking(await audit(page), 'the leads list', 'leadline-leads-list')
    await screen(page, '/admin/contacts', 'leadline-contacts-list', 'tbody tr')
    expectNoBlocking(await audit(page), 'the contacts list', 'leadline-contacts-list')
    await screen(page, '/admin/deals', 'leadline-deals-list', '#results')
    expectNoBlocking(await audit(page), 'the deals list', 'leadline-deals-list')
    await screen(page, `/admin/contacts/${contactId}`, 'leadline-contact-page', 'h2')
    expectNoBlocking(await audit(page), 'the contact page', 'leadline-contact-page')

    await page.locator('leadline-contact-page #erase').focus()
    await page.keyboard.press('Enter')
    await page.locator('leadline-contact-page #erase-dialog[open]').waitFor()
    expectNoBlocking(await audit(page), 'the erase dialog', '#erase-confirm')
    await page.close()
  })
})
