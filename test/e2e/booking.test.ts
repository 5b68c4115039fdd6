/**
 * The whole way on the demo store in Chromium: the visitor leaves their details, qualifies in
 * the quiz, follows "Demo planlayın" to the booking calendar, books a time, and the lead is at
 * `meeting` with the booking on its timeline and a calendar file that says who and when.
 */
import { describe, expect, inject, it } from 'vitest'
import {
  admin,
  d1,
  HUMAN_FILL_MS,
  nextEvent,
  useBrowser,
  sqlText,
  uniqueEmail,
  watchProblems,
} from './helpers'

const browser = useBrowser()

describe('form, quiz and booking on the demo store', () => {
  it('takes a qualified lead to a booked demo at stage meeting', async () => {
    const page = await browser().newPage()
    const problems = await watchProblems(page)
    await page.goto(`${inject('baseUrl')}/`)

    const form = page.locator('leadline-form')
    await form.getByLabel('Ad Soyad').fill('Emre Koç')
    const shownAt = Date.now()
    await form.getByRole('textbox', { name: 'E-posta' }).fill(uniqueEmail('emre'))
    await form.getByRole('checkbox', { name: 'E-posta' }).check()
    const captured = nextEvent<{ leadId: string }>(page, 'leadline-success')
    await page.waitForTimeout(Math.max(0, HUMAN_FILL_MS - (Date.now() - shownAt)))
    await form.getByRole('button', { name: 'Gönder' }).click()
    const { leadId } = await captured

    const quiz = page.locator('leadline-quiz')
    const next = () => quiz.getByRole('button', { name: 'İleri' }).click()
    const completed = nextEvent<{ outcome: string }>(page, 'leadline-quiz-complete')
    await quiz.getByLabel('Nerede hizmet almak istiyorsunuz?').selectOption('istanbul')
    await next()
    await quiz.getByRole('radio', { name: 'Şirket sahibi / kurucu' }).check()
    await next()
    await quiz.getByRole('slider').fill('300000')
    await next()
    await quiz.getByRole('checkbox', { name: 'Toptan ürün tedariki' }).check()
    await next()
    await quiz.getByRole('radio', { name: 'Bu ay' }).check()
    await next()
    await quiz.getByRole('radio', { name: 'Evet' }).check()
    await next()
    await quiz.getByRole('button', { name: 'Gönder' }).click()
    expect((await completed).outcome).toBe('qualified')

    // The qualified end screen offers the booking on this page.
    await quiz.getByRole('button', { name: 'Demo planlayın' }).click()
    const booking = page.locator('leadline-booking')
    const day = booking.locator('[part~="day"]:not([aria-disabled="true"])').first()
    for (let i = 0; i < 3 && (await day.count()) === 0; i++) {
      await booking.getByRole('button', { name: 'Sonraki ay' }).click()
    }
    await day.click()
    const slot = booking.locator('[part~="slot"]').first()
    const slotName = await slot.getAttribute('aria-label')
    await slot.click()
    const booked = nextEvent<{ bookingId: string; start: string }>(page, 'leadline-booked')
    await booking.getByRole('button', { name: 'Randevuyu onayla' }).click()
    const done = await booked
    await expect.poll(() => booking.getByText('Randevunuz onaylandı').count()).toBeGreaterThan(0)

    const detail = await admin<{
      lead: { stage: string; ownerId: string | null }
      stageEvents: { event: string }[]
      timeline: { type: string; body: { bookingId?: string } }[]
    }>(`/admin/api/leads/${leadId}`)
    expect(detail.lead.stage).toBe('meeting')
    expect(detail.lead.ownerId).not.toBeNull()
    expect(detail.stageEvents.map((e) => e.event)).toEqual([
      'captured',
      'quiz_started',
      'quiz_qualified',
      'meeting_booked',
    ])
    const entry = detail.timeline.find((a) => a.type === 'meeting_booked')
    expect(entry?.body.bookingId).toBe(done.bookingId)
    const rows = await d1<{ status: string; start_at: string }>(
      `SELECT status, start_at FROM bookings WHERE id = ${sqlText(done.bookingId)}`,
    )
    expect(rows).toEqual([{ status: 'confirmed', start_at: done.start }])
    // The slot was named in full for screen readers, not just its time.
    expect(slotName).toMatch(/20\d\d/)
    expect(problems.errors).toEqual([])
    await page.close()
  })
})
