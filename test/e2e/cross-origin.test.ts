/**
 * A store on its own domain: the page's origin differs from Leadline's. Here a small server of
 * this test serves the store page on another port, so the loader, its ES-module chunks and the
 * API calls all cross origins, as they do in production, with CORS grants from the worker and
 * the static assets' `_headers`.
 */
import { createServer, type Server } from 'node:http'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  admin,
  HUMAN_FILL_MS,
  launchChromium,
  uniqueEmail,
  watchProblems,
  nextEvent,
} from './helpers'

let browser: Browser
let server: Server
const leadline = new URL(inject('baseUrl'))
const store = `http://127.0.0.1:${inject('storePort')}`

const STORE_PAGE = `<!doctype html><html lang="tr"><head><meta charset="utf-8"><title>Mağaza</title>
<script src="${leadline.origin}/embed.js" data-site="${inject('siteKey')}" async></script>
</head><body><h1>Başka bir mağaza</h1><leadline-form></leadline-form></body></html>`

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(STORE_PAGE)
  })
  await new Promise<void>((resolve) => server.listen(inject('storePort'), '127.0.0.1', resolve))
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
})

describe('a store on another origin', () => {
  it('loads the widget across origins and captures a lead', async () => {
    expect(store).not.toBe(leadline.origin)
    const page = await browser.newPage()
    const problems = await watchProblems(page)
    await page.goto(`${store}/magaza.html`)

    const email = uniqueEmail('cross')
    await page.getByLabel('Ad Soyad').fill('Deniz Aksoy')
    const shownAt = Date.now()
    await page.getByRole('textbox', { name: 'E-posta' }).fill(email)
    const success = nextEvent<{ leadId: string }>(page, 'leadline-success')
    await page.waitForTimeout(Math.max(0, HUMAN_FILL_MS - (Date.now() - shownAt)))
    await page.getByRole('button', { name: 'Gönder' }).click()
    const { leadId } = await success

    const detail = await admin<{
      lead: { stage: string; source: { pageUrl: string } }
      contact: { email: string }
    }>(`/admin/api/leads/${leadId}`)
    expect(detail.lead.stage).toBe('lead')
    expect(detail.lead.source.pageUrl).toBe(`${store}/magaza.html`)
    expect(detail.contact.email).toBe(email)
    expect(problems.errors).toEqual([])
    await page.close()
  })
})
