/**
 * Form, then quiz, on the demo store in Chromium: the visitor leaves their details, answers the
 * qualification quiz below the form, and the lead ends at `nurturing` with its score breakdown,
 * through the admin API and in D1.
 */
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import {
  admin,
  d1,
  HUMAN_FILL_MS,
  useBrowser,
  sqlText,
  uniqueEmail,
  watchProblems,
  nextEvent,
} from './helpers'

const browser = useBrowser()

const quiz = (page: Page) => page.locator('leadline-quiz')
const next = (page: Page) => quiz(page).getByRole('button', { name: 'İleri' }).click()

interface LeadDetail {
  lead: {
    stage: string
    qualification: string | null
    score: number | null
    scoreBreakdown: { outcome: string; criteria: { id: string; percent: number }[] } | null
  }
  stageEvents: { event: string }[]
  timeline: { type: string }[]
}

describe('form then quiz on the demo store', () => {
  it('qualifies the lead the form captured and moves it to nurturing with its breakdown', async () => {
    const page = await browser().newPage()
    const problems = await watchProblems(page)
    await page.goto(`${inject('baseUrl')}/`)

    const form = page.locator('leadline-form')
    await form.getByLabel('Ad Soyad').fill('Selin Aydın')
    const shownAt = Date.now()
    await form.getByRole('textbox', { name: 'E-posta' }).fill(uniqueEmail('selin'))
    await form.getByRole('checkbox', { name: 'E-posta' }).check()
    const captured = nextEvent<{ leadId: string }>(page, 'leadline-success')
    await page.waitForTimeout(Math.max(0, HUMAN_FILL_MS - (Date.now() - shownAt)))
    await form.getByRole('button', { name: 'Gönder' }).click()
    const { leadId } = await captured

    const completed = nextEvent<{ outcome: string; leadId: string }>(page, 'leadline-quiz-complete')
    await quiz(page).getByLabel('Nerede hizmet almak istiyorsunuz?').selectOption('istanbul')
    await next(page)
    // Answering the first question is first two-way contact.
    await expect
      .poll(async () => (await admin<LeadDetail>(`/admin/api/leads/${leadId}`)).lead.stage)
      .toBe('qualification')
    await quiz(page).getByRole('radio', { name: 'Şirket sahibi / kurucu' }).check()
    await next(page)
    await quiz(page).getByRole('slider').fill('300000')
    await next(page)
    await quiz(page).getByRole('checkbox', { name: 'Toptan ürün tedariki' }).check()
    await quiz(page).getByRole('checkbox', { name: 'Özel üretim / kendi markam' }).check()
    await next(page)
    await quiz(page).getByRole('radio', { name: 'Bu ay' }).check()
    await next(page)
    await quiz(page).getByRole('radio', { name: 'Evet' }).check()
    await next(page)
    await quiz(page).getByRole('textbox').fill('Otel zincirimiz için.')
    await quiz(page).getByRole('button', { name: 'Gönder' }).click()

    const done = await completed
    expect(done).toEqual({ outcome: 'qualified', leadId, responseId: expect.any(String) })
    await expect.poll(() => quiz(page).getByText('Harika, birlikte çalışabiliriz!').count()).toBe(1)
    // A <leadline-booking> is on the demo page, so the qualified end screen offers it.
    expect(await quiz(page).getByRole('button', { name: 'Demo planlayın' }).count()).toBe(1)

    const detail = await admin<LeadDetail>(`/admin/api/leads/${leadId}`)
    expect(detail.lead).toMatchObject({ stage: 'nurturing', qualification: 'qualified' })
    expect(detail.lead.score).toBeGreaterThanOrEqual(60)
    expect(detail.lead.scoreBreakdown?.criteria.map((c) => c.id)).toEqual([
      'location',
      'budget',
      'authority',
      'need',
      'timeline',
    ])
    expect(detail.stageEvents.map((e) => e.event)).toEqual([
      'captured',
      'quiz_started',
      'quiz_qualified',
    ])
    expect(detail.timeline.map((a) => a.type)).toContain('quiz_completed')

    const rows = await d1<{ status: string; outcome: string; answers: string }>(
      `SELECT status, outcome, answers FROM quiz_responses WHERE lead_id = ${sqlText(leadId)}`,
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ status: 'completed', outcome: 'qualified' })
    expect(JSON.parse(rows[0]!.answers)).toMatchObject({ location: 'istanbul', budget: 300000 })
    expect(problems.errors).toEqual([])
    await page.close()
  })
})
