/**
 * The whole way on the demo store in Chromium: the visitor leaves their details, qualifies in
 * the quiz and is enrolled in the store's nurturing sequence, whose first e-mail reaches the
 * (fake) e-mail provider on the next cron run; then follows "Demo planlayın" to the booking
 * calendar and books a time: the lead is at `meeting` with the booking on its timeline, out of
 * the sequence, and the confirmation with its calendar file goes out.
 */
import { describe, expect, inject, it } from 'vitest'
import type { FakeEmail, FakeInspection } from '../fakes/providers.mjs'
import { runMinuteCron } from '../../scripts/lib/dev-server.mjs'
import {
  admin,
  d1,
  HUMAN_FILL_MS,
  nextEvent,
  openFirstFreeDay,
  sqlText,
  uniqueEmail,
  useBrowser,
  watchProblems,
} from './helpers'

const browser = useBrowser()

/** The e-mails the fake provider accepted for `to`, once at least `n` arrived. */
async function inbox(to: string, n: number): Promise<FakeEmail[]> {
  let mails: FakeEmail[] = []
  await expect
    .poll(async () => {
      const seen = (await (await fetch(`${inject('fakesUrl')}/_inspect`)).json()) as FakeInspection
      mails = seen.emails.filter((m) => m.to.includes(to))
      return mails.length
    })
    .toBeGreaterThanOrEqual(n)
  return mails
}

const enrollments = (leadId: string) =>
  d1<{ status: string; exit_reason: string | null }>(
    `SELECT status, exit_reason FROM enrollments WHERE lead_id = ${sqlText(leadId)}`,
  )

describe('form, quiz and booking on the demo store', () => {
  it('takes a qualified lead to a booked demo at stage meeting', async () => {
    const page = await browser().newPage()
    const problems = await watchProblems(page)
    await page.goto(`${inject('baseUrl')}/`)

    const form = page.locator('leadline-form')
    await form.getByLabel('Ad Soyad').fill('Emre Koç')
    const shownAt = Date.now()
    const email = uniqueEmail('emre')
    await form.getByRole('textbox', { name: 'E-posta' }).fill(email)
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

    // Qualified: enrolled in the store's nurturing sequence; the next cron run sends its first
    // e-mail, with the unsubscribe headers of a commercial message.
    expect(await enrollments(leadId)).toEqual([{ status: 'active', exit_reason: null }])
    await runMinuteCron(inject('baseUrl'))
    const [welcome] = await inbox(email.toLowerCase(), 1)
    expect(welcome!.subject).toContain('Emre')
    expect(welcome!.html).toContain('Emre')
    expect(welcome!.headers).toMatchObject({
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    })

    // The qualified end screen offers the booking on this page.
    await quiz.getByRole('button', { name: 'Demo planlayın' }).click()
    const booking = page.locator('leadline-booking')
    await openFirstFreeDay(booking)
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

    // Booking a meeting takes the lead out of the sequence; the confirmation goes out.
    expect(await enrollments(leadId)).toEqual([{ status: 'exited', exit_reason: 'meeting_booked' }])
    await runMinuteCron(inject('baseUrl'))
    const mails = await inbox(email.toLowerCase(), 2)
    const confirmation = mails.find((m) => m.subject.includes('onaylandı'))
    expect(confirmation?.attachments).toMatchObject([{ filename: 'invite.ics' }])
    expect(problems.errors).toEqual([])
    await page.close()
  })
})
