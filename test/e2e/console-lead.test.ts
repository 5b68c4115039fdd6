/**
 * The lead page against the real `wrangler dev` in Chromium: a captured lead opened signed in,
 * a note added with the keyboard, a call logged, an owner assigned, a meeting booked from the
 * free slots and the lead closed lost; each checked through the admin API and D1. Then the axe
 * audit of the page and of an open action dialog.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Booking, LeadDetail, Team } from '../../contract'
import { audit, expectNoBlocking } from './axe'
import { admin, captureLead, d1, openConsole, sqlText, useBrowser, watchProblems } from './helpers'

const browser = useBrowser()

const detail = (id: string) => admin<LeadDetail>(`/admin/api/leads/${id}`)

/** Opens a lead's page signed in as the owner and waits for its name. */
async function openLead(page: Page, id: string, name: string) {
  await openConsole(page, `/admin/leads/${id}`)
  await page.locator('leadline-lead-page h2', { hasText: name }).waitFor()
}

describe('the lead page', () => {
  it('adds a note, logs a call, assigns, books a meeting and closes the lead lost', async () => {
    const name = `Sayfa Selin ${Date.now().toString(36)}`
    const id = await captureLead(name, 'lead-page')
    const page = await browser().newPage()
    const problems = await watchProblems(page)
    await openLead(page, id, name)

    // A note, by keyboard only.
    await page.locator('leadline-lead-page #note').focus()
    await page.keyboard.type('Katalog istedi, fiyatları soracak')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect
      .poll(async () => (await detail(id)).timeline.find((a) => a.type === 'note')?.body)
      .toEqual({ body: 'Katalog istedi, fiyatları soracak' })
    await expect
      .poll(() => page.locator('leadline-lead-page ol.timeline').textContent())
      .toContain('Katalog istedi')

    // A call, from its dialog.
    await page.getByRole('button', { name: 'Arama kaydet' }).click()
    const dialog = page.locator('leadline-lead-page #action-dialog')
    await dialog.getByLabel('Gelen').check()
    await dialog.getByLabel('Süre (dakika)').fill('7')
    await dialog.getByLabel('Notlar').fill('Teslim süresini sordu')
    await dialog.getByRole('button', { name: 'Kaydet' }).click()
    await expect
      .poll(async () => (await detail(id)).timeline.find((a) => a.type === 'call')?.body)
      .toEqual({ body: 'Teslim süresini sordu', direction: 'inbound', durationMinutes: 7 })

    // An owner: the store's rep.
    const rep = (await admin<Team>('/admin/api/team')).items.find((u) => u.role === 'rep')!
    await page.getByRole('button', { name: 'Sahip ata' }).click()
    await dialog.getByLabel('Yeni sahip').selectOption(rep.id)
    await dialog.getByRole('button', { name: 'Kaydet' }).click()
    await expect.poll(async () => (await detail(id)).lead.ownerId).toBe(rep.id)
    await expect.poll(() => page.locator('leadline-lead-page .owner').textContent()).toBe(rep.name)

    // A meeting, from the free slots.
    const bookings = page.locator('leadline-lead-bookings')
    await bookings.getByRole('button', { name: 'Görüşme ayarla' }).click()
    const slot = bookings.locator('dialog input[name=start]').first()
    await slot.waitFor()
    const start = await slot.getAttribute('value')
    await slot.check()
    await bookings.getByRole('button', { name: 'Görüşmeyi ayarla' }).click()
    await expect.poll(async () => (await detail(id)).lead.stage).toBe('meeting')
    const listed = await admin<{ items: Booking[] }>(`/admin/api/bookings?lead=${id}`)
    expect(listed.items).toMatchObject([{ leadId: id, start, status: 'confirmed' }])
    const rows = await d1<{ status: string; lead_id: string }>(
      `SELECT status, lead_id FROM bookings WHERE lead_id = ${sqlText(id)}`,
    )
    expect(rows).toEqual([{ status: 'confirmed', lead_id: id }])
    await expect.poll(() => page.locator('leadline-lead-page .stage').textContent()).toBe('Görüşme')
    await expect.poll(() => bookings.locator('[data-booking]').count()).toBe(1)

    // Closed lost, with a reason from the list.
    await page.getByRole('button', { name: 'Kaybedildi olarak kapat' }).click()
    await dialog.getByLabel('Kayıp nedeni').selectOption('competitor')
    await dialog.getByRole('button', { name: 'Kaydet' }).click()
    await expect
      .poll(async () => {
        const { lead } = await detail(id)
        return [lead.status, lead.closeReason]
      })
      .toEqual(['lost', 'competitor'])
    await expect
      .poll(() => page.locator('leadline-lead-page .stage').textContent())
      .toBe('Kaybedildi')
    expect(problems.errors).toEqual([])
    await page.close()
  })

  it('has no serious or critical violations on the page and in an open action dialog', async () => {
    const name = `Denetim Deniz ${Date.now().toString(36)}`
    const id = await captureLead(name, 'lead-a11y')
    // bypassCSP: the CSP would block the axe script that addScriptTag injects inline.
    const context = await browser().newContext({ bypassCSP: true })
    const page = await context.newPage()
    await openLead(page, id, name)
    await page.locator('leadline-lead-bookings').getByText('Bu aday için görüşme yok.').waitFor()
    expectNoBlocking(await audit(page), 'the lead page', 'leadline-lead-page')

    await page.getByRole('button', { name: 'Aşamayı değiştir' }).focus()
    await page.keyboard.press('Enter')
    await page.locator('leadline-lead-page #action-dialog[open]').waitFor()
    expectNoBlocking(await audit(page), 'the move dialog', '#reason')

    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Görüşme ayarla' }).click()
    await page.locator('leadline-lead-bookings dialog input[name=start]').first().waitFor()
    expectNoBlocking(await audit(page), 'the booking dialog', '#from')
    await context.close()
  })
})
