/**
 * The admin console against the real `wrangler dev`: served at /admin with its CSP, signed in
 * with the owner's key, a board with leads captured through the public API, moves by keyboard
 * and by drag that the admin API then reports, the 409 when the lead changed elsewhere first,
 * and sign-out forgetting the key.
 */
import { describe, expect, inject, it } from 'vitest'
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  admin,
  adminCall,
  captureLead,
  d1,
  freshStore,
  openConsole,
  sqlText,
  useBrowser,
  watchProblems,
} from './helpers'

const browser = useBrowser()

interface LeadDetail {
  lead: { id: string; stage: string; version: number }
}

/** Moves a lead through the admin API as the owner (someone else, as far as the board knows). */
async function moveByApi(id: string, to: string): Promise<void> {
  const { lead } = await admin<LeadDetail>(`/admin/api/leads/${id}`)
  const res = await fetch(`${inject('baseUrl')}/admin/api/leads/${id}/move`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${inject('ownerKey')}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ to, reason: 'Moved elsewhere', expectedVersion: lead.version }),
  })
  expect(res.status).toBe(200)
}

const stageOf = async (id: string) => (await admin<LeadDetail>(`/admin/api/leads/${id}`)).lead.stage

describe('the admin console', () => {
  it('is served at /admin with a strict CSP, a page that is never cached and immutable assets', async () => {
    const base = inject('baseUrl')
    for (const path of ['/admin/', '/admin/pipeline']) {
      const res = await fetch(base + path)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
      const csp = res.headers.get('Content-Security-Policy')!
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("style-src 'self'")
      expect(csp).toContain("connect-src 'self'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("base-uri 'none'")
      expect(csp).not.toContain('unsafe-inline')
      expect(res.headers.get('X-Frame-Options')).toBe('DENY')
      expect(res.headers.get('Referrer-Policy')).toBe('no-referrer')
      expect(res.headers.get('Cache-Control')).toBe('no-store')
      const html = await res.text()
      const script = html.match(/src="(\/admin\/assets\/[^"]+\.js)"/)![1]!
      const asset = await fetch(base + script)
      expect(asset.status).toBe(200)
      expect(asset.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
    }
    // The admin API keeps its own answers: no console page under /admin/api.
    const api = await fetch(`${base}/admin/api/nope`)
    expect(api.status).toBe(401)
    expect(await api.json()).toMatchObject({ error: { code: 'unauthorized' } })
    const missing = await fetch(`${base}/admin/assets/missing-0000.js`)
    expect(missing.status).toBe(404)
  })

  it('signs in, moves cards by keyboard and drag, shows a conflict, and signs out', async () => {
    const stamp = Date.now().toString(36)
    const nameA = `Konsol Ayşe ${stamp}`
    const nameB = `Konsol Burak ${stamp}`
    const a = await captureLead(nameA, 'console')
    const b = await captureLead(nameB, 'console')
    await moveByApi(b, 'qualification')

    const page = await browser().newPage()
    const problems = await watchProblems(page)
    await page.goto(`${inject('baseUrl')}/admin`)
    await page.getByLabel('Yönetim anahtarı').fill(inject('ownerKey'))
    await page.getByRole('button', { name: 'Giriş yap' }).click()

    const card = (stage: string, id: string) =>
      page.locator(`section[data-stage="${stage}"] [data-lead="${id}"]`)
    await expect.poll(() => card('lead', a).textContent()).toContain(nameA)
    await expect.poll(() => card('qualification', b).textContent()).toContain(nameB)
    expect(await page.evaluate(() => sessionStorage.length)).toBe(1)
    // The default pipeline's own label for the first stage.
    expect(await page.locator('section[data-stage="lead"] h3').textContent()).toBe('Müşteri adayı')

    // Keyboard: Space picks up, → chooses the next stage, Enter drops; the reason, then Taşı.
    await card('lead', a).focus()
    await page.keyboard.press('Space')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    await page.getByLabel('Taşıma nedeni').fill('Telefonda ihtiyaçları konuşuldu')
    await page.getByRole('button', { name: 'Taşı', exact: true }).click()
    await card('qualification', a).waitFor()
    await expect.poll(() => stageOf(a)).toBe('qualification')

    // Drag and drop: Burak from qualification to meeting. The move above refreshes the board in
    // the background; its status line coming and going shifts the columns, so the drag waits for
    // it to end (a drop computed before the shift can land on the next column), and the dialog
    // must name the column dropped on.
    // The drop goes on the column's heading: on a board with many cards (a full test run) the
    // column's middle, where a drop on the column itself would go, can be below the fold.
    await expect.poll(() => page.locator('leadline-board [role="status"]').textContent()).toBe('')
    const meetingHeading = page.locator('section[data-stage="meeting"] h3')
    await card('qualification', b).dragTo(meetingHeading)
    const meeting = await meetingHeading.textContent()
    await expect
      .poll(async () => (await page.locator('#dialog-h').textContent())?.trim())
      .toBe(`${nameB} → ${meeting!.trim()}`)
    await page.getByLabel('Taşıma nedeni').fill('Demo günü belirlendi')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await card('meeting', b).waitFor()
    await expect.poll(() => stageOf(b)).toBe('meeting')

    // Someone else moves Ayşe first; the board still shows her at qualification.
    await moveByApi(a, 'nurturing')
    await card('qualification', a).focus()
    await page.keyboard.press('Space')
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    await page.getByLabel('Taşıma nedeni').fill('Teklif hazırlanıyor')
    await page.getByRole('button', { name: 'Taşı', exact: true }).click()
    await expect
      .poll(() => page.locator('[role="alert"]').allTextContents())
      .toContainEqual(expect.stringContaining('şimdi Besleme aşamasında. Hiçbir şey taşınmadı'))
    await card('nurturing', a).waitFor()
    expect(await stageOf(a)).toBe('nurturing')

    await page.getByRole('button', { name: 'Çıkış yap' }).click()
    await page.getByLabel('Yönetim anahtarı').waitFor()
    expect(await page.evaluate(() => sessionStorage.getItem('leadline:console:key'))).toBeNull()
    expect(await page.locator('leadline-board').count()).toBe(0)

    // The only failed request is the stale move's 409; no CSP violation, no script error.
    const expected = [/^http 409: POST .*\/move$/, /^console: Failed to load .* 409 \(Conflict\)$/]
    expect(problems.errors.filter((e) => !expected.some((re) => re.test(e)))).toEqual([])
    await page.close()
  })

  it("shows another store's key nothing of this store: not on the board, not by the lead's address", async () => {
    const name = `Konsol Gizli ${Date.now().toString(36)}`
    const id = await captureLead(name, 'console')
    const other = await freshStore('Başka Mağaza')
    const page = await browser().newPage()
    await openConsole(page, '/admin/', other.ownerKey)
    await expect.poll(() => page.locator('leadline-board [role="status"]').textContent()).toBe('')
    expect(await page.locator('leadline-board').textContent()).not.toContain(name)

    await page.goto(`${inject('baseUrl')}/admin/leads/${id}`)
    await expect
      .poll(() => page.locator('leadline-lead-page [role="alert"]').first().textContent())
      .toContain('Bu kayıt bulunamadı')
    expect(await page.locator('leadline-lead-page').textContent()).not.toContain(name)

    await page.goto(`${inject('baseUrl')}/admin/leads?q=${encodeURIComponent(name)}`)
    await expect
      .poll(() => page.locator('leadline-leads-list [role="status"]').first().textContent())
      .not.toBe('')
    expect(await page.locator('leadline-leads-list').textContent()).not.toContain(name)
    await page.close()
  })

  it('closes a lead as lost from the board by keyboard, with the reason', async () => {
    const name = `Konsol Kapanan ${Date.now().toString(36)}`
    const id = await captureLead(name, 'console')
    const page = await browser().newPage()
    await openConsole(page)
    const card = page.locator(`section[data-stage="lead"] [data-lead="${id}"]`)
    await card.waitFor()
    await card.focus()
    await page.keyboard.press('Space')
    // lead → … → deal is five steps, then Won, then Lost.
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    await page.getByLabel('Kapatma nedeni').fill('Bütçe bu yıl ayrılmadı')
    await page.getByRole('button', { name: 'Taşı', exact: true }).click()
    await card.waitFor({ state: 'detached' })
    const { lead } = await admin<{ lead: { status: string; closeReason: string } }>(
      `/admin/api/leads/${id}`,
    )
    expect(lead).toMatchObject({ status: 'lost', closeReason: 'Bütçe bu yıl ayrılmadı' })
    await page.close()
  })

  // The README's picture of the board: `LEADLINE_SCREENSHOTS=1 npx vitest run --project e2e
  // test/e2e/console.test.ts` writes docs/screenshots/board.png from a store of its own.
  it.runIf(process.env.LEADLINE_SCREENSHOTS === '1')(
    'takes the board screenshot',
    async () => {
      const store = await freshStore('Anadolu Tekstil')
      const people: [string, string, string, number, number][] = [
        // name, company, stage, value (TRY), days in stage
        ['Zeynep Arslan', 'Arslan Ev Tekstili', 'lead', 0, 0],
        ['Murat Öztürk', 'Öztürk Otel', 'lead', 0, 1],
        ['Elif Kaya', 'Kaya Butik', 'lead', 0, 3],
        ['Hakan Çelik', 'Çelik Mobilya', 'qualification', 45_000, 2],
        ['Selin Aydın', 'Aydın Kafe', 'qualification', 18_000, 6],
        ['Burak Doğan', 'Doğan Spa', 'nurturing', 72_000, 12],
        ['Ayşe Koç', 'Koç Pansiyon', 'nurturing', 30_000, 40],
        ['Emre Şahin', 'Şahin Restoran', 'meeting', 95_000, 1],
        ['Deniz Yıldız', 'Yıldız Otelcilik', 'meeting', 240_000, 4],
        ['Can Aksoy', 'Aksoy Tekstil', 'proposal', 180_000, 5],
        ['Gizem Polat', 'Polat Konak Otel', 'proposal', 410_000, 21],
        ['Oğuz Kara', 'Kara Hastanesi', 'deal', 650_000, 3],
      ]
      const aged: string[] = []
      for (const [name, company, stage, value, days] of people) {
        const id = await captureLead(name, 'shot', { siteKey: store.siteKey, company })
        let version = 1
        if (stage !== 'lead') {
          const moved = await adminCall<{ version: number }>(
            'POST',
            `/admin/api/leads/${id}/move`,
            { to: stage, reason: 'Görüşme notlarına göre', expectedVersion: version },
            store.ownerKey,
          )
          expect(moved.status).toBe(200)
          version = moved.body.version
        }
        if (value) {
          const deal = await adminCall(
            'PATCH',
            `/admin/api/leads/${id}/deal`,
            { valueMinor: value * 100, expectedVersion: version },
            store.ownerKey,
          )
          expect(deal.status).toBe(200)
        }
        const since = new Date(Date.now() - days * 86_400_000).toISOString()
        aged.push(`WHEN ${sqlText(id)} THEN ${sqlText(since)}`)
      }
      // How long each has been in its stage, in one statement (each d1() call starts wrangler).
      await d1(
        `UPDATE leads SET stage_entered_at = CASE id ${aged.join(' ')} ELSE stage_entered_at END`,
      )
      const page = await browser().newPage({ viewport: { width: 1440, height: 900 } })
      await openConsole(page, '/admin/', store.ownerKey)
      await page.locator('section[data-stage="deal"] [data-lead]').waitFor()
      await expect.poll(() => page.locator('leadline-board [role="status"]').textContent()).toBe('')
      const dir = resolve(import.meta.dirname, '../../docs/screenshots')
      mkdirSync(dir, { recursive: true })
      await page.screenshot({ path: resolve(dir, 'board.png'), fullPage: true })
      await page.close()
    },
    180_000,
  )
})
