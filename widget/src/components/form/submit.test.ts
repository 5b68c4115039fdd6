/**
 * However `<leadline-form>` is submitted (the store's own script, an autofill tool, the keyboard,
 * twice in a row, offline), the lead is handed to the outbox exactly once and nothing escapes
 * into the host page.
 */
import { describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { outbox, OUTBOX_STORAGE_KEY } from '../../internal/api'
import { $, created, fakeApi, field, mount } from '../../test-helpers'
import { settle, useSubmitHarness } from '../../test-submit'
import type { LeadlineForm } from './form'
import './define'

// The first submit of a file may wait for vite to transform the validation chunk.
const WAIT = { timeout: 8000 }

const harness = useSubmitHarness()

const form = (el: LeadlineForm) => $<HTMLFormElement>(el, 'form')
const button = (el: LeadlineForm) => $<HTMLButtonElement>(el, '[part="submit-button"]')
const status = (el: LeadlineForm) => $(el, '[part="status"]').textContent?.trim()

async function fillValid(el: LeadlineForm, email = 'ayse@example.com') {
  await userEvent.fill(field(el, 'name'), 'Ayşe Yılmaz')
  await userEvent.fill(field(el, 'email'), email)
}

/** One lead handed to the outbox and posted under one key, the visitor thanked, nothing thrown. */
async function expectOneLead(el: LeadlineForm, api: ReturnType<typeof fakeApi>, email: string) {
  await vi.waitUntil(() => status(el) === 'Teşekkürler! Bilgileriniz bize ulaştı.', WAIT)
  const handed = await harness.expectSentOnce('/v1/leads', api.posts)
  expect(handed.body).toMatchObject({ fields: { email } })
}

describe('<leadline-form> submitted any way', () => {
  it("sends once when the store's script calls form.requestSubmit()", async () => {
    const api = fakeApi()
    const el = await mount()
    await fillValid(el)
    form(el).requestSubmit()
    await expectOneLead(el, api, 'ayse@example.com')
  })

  it("sends once when the store's script clicks the submit button", async () => {
    const api = fakeApi()
    const el = await mount()
    await fillValid(el)
    button(el).click()
    await expectOneLead(el, api, 'ayse@example.com')
  })

  it('sends once when the visitor presses Enter in a field', async () => {
    const api = fakeApi()
    const el = await mount()
    await fillValid(el)
    await userEvent.click(field(el, 'email'))
    await userEvent.keyboard('{Enter}')
    await expectOneLead(el, api, 'ayse@example.com')
  })

  it('sends once when page code submits twice in a row', async () => {
    const api = fakeApi()
    const el = await mount()
    await fillValid(el)
    form(el).requestSubmit()
    form(el).requestSubmit()
    button(el).click()
    await expectOneLead(el, api, 'ayse@example.com')
  })

  it('sends once for a double click while the first submit is on its way', async () => {
    const api = fakeApi()
    // An answer that takes a while: the second click lands while the first is on its way.
    api.api.lead = () => new Promise((resolve) => setTimeout(() => resolve(created()), 300))
    const el = await mount()
    await fillValid(el)
    await userEvent.dblClick(button(el))
    await expectOneLead(el, api, 'ayse@example.com')
  })

  it('sends what an autofill tool or script put in the fields without input events', async () => {
    const api = fakeApi()
    const el = await mount()
    field(el, 'name').value = 'Otomatik Doldurulan'
    field(el, 'email').value = 'autofill@example.com'
    field(el, 'consent_email').checked = true
    form(el).requestSubmit()
    await expectOneLead(el, api, 'autofill@example.com')
    expect(api.posts()[0]!.body).toMatchObject({
      fields: { name: 'Otomatik Doldurulan', email: 'autofill@example.com' },
      consent: { channels: { email: true, sms: false, phone: false } },
    })
  })

  it('queues one submission offline and delivers it once when back online', async () => {
    const api = fakeApi()
    api.api.lead = () => Promise.reject(new TypeError('Failed to fetch'))
    const el = await mount()
    await fillValid(el, 'offline@example.com')
    form(el).requestSubmit()
    form(el).requestSubmit()
    await vi.waitUntil(() => status(el) === 'Gönderiliyor… bağlantı bekleniyor', WAIT)
    const queued = JSON.parse(localStorage.getItem(OUTBOX_STORAGE_KEY) ?? '[]')
    expect(queued).toHaveLength(1)
    expect(JSON.parse(queued[0].body)).toMatchObject({ fields: { email: 'offline@example.com' } })
    expect(button(el).disabled).toBe(true)
    // A submit while it waits (the visitor, impatient, or a script) adds nothing.
    form(el).requestSubmit()
    await settle()
    expect(JSON.parse(localStorage.getItem(OUTBOX_STORAGE_KEY) ?? '[]')).toHaveLength(1)

    api.api.lead = created
    window.dispatchEvent(new Event('online'))
    await vi.waitUntil(() => status(el) === 'Teşekkürler! Bilgileriniz bize ulaştı.', WAIT)
    await settle()
    harness.expectDeliveredOnce('/v1/leads', api.posts, queued[0].key)
    expect(localStorage.getItem(OUTBOX_STORAGE_KEY)).toBeNull()
  })

  it('tells the visitor, and throws nothing into the page, when the submit itself fails', async () => {
    const api = fakeApi()
    const el = await mount({ lang: 'en' })
    await fillValid(el)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    vi.mocked(outbox().send).mockImplementationOnce(() => {
      throw new Error('storage exploded')
    })
    form(el).requestSubmit()
    await vi.waitUntil(() => status(el) === 'The form could not be sent. Please try again later.')
    expect(warn).toHaveBeenCalledWith('[leadline]', expect.any(Error))
    warn.mockRestore()
    expect(harness.page.escaped).toEqual([])
    // The visitor can try again, and this time it goes.
    expect(button(el).disabled).toBe(false)
    await userEvent.click(button(el))
    await vi.waitUntil(() => status(el) === 'Thank you! We have received your details.', WAIT)
    expect(harness.box.to('/v1/leads')).toHaveLength(2)
    expect(api.posts()).toHaveLength(1)
  })

  it('keeps a submit cancelled by leadline-before-submit from leaving "sending" behind', async () => {
    const api = fakeApi()
    const el = await mount()
    el.addEventListener('leadline-before-submit', (e) => e.preventDefault(), { once: true })
    await fillValid(el)
    form(el).requestSubmit()
    await settle()
    expect(api.posts()).toHaveLength(0)
    expect(button(el).disabled).toBe(false)
    form(el).requestSubmit()
    await expectOneLead(el, api, 'ayse@example.com')
  })
})
