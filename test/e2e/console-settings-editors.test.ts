/**
 * The quiz, booking, nurture and webhook settings sections against the real `wrangler dev`,
 * on a store of their own (a new quiz version or webhook must not change what other tests
 * see): a quiz edit saved as a new version, the score preview matching the API's for the same
 * answers, a meeting type added, a template created and previewed, a webhook to the fake
 * receiver with a test delivery in its log, and axe on every section and the quiz preview.
 */
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type {
  BookingSettings,
  QuizDefinition,
  QuizVersion,
  ScoreResult,
  Template,
  Webhook,
} from '../../contract'
import { audit, expectNoBlocking } from './axe'
import {
  adminCall,
  captureLead,
  freshStore,
  openConsole,
  useBrowser,
  watchProblems,
} from './helpers'

const browser = useBrowser()

type Section = 'quiz' | 'booking' | 'nurture' | 'webhooks'

describe('the editor settings sections', () => {
  let store: { siteKey: string; ownerKey: string }
  let context: BrowserContext
  beforeAll(async () => {
    store = await freshStore(`Hat Ayarları ${Date.now().toString(36)}`)
    context = await browser().newContext()
  })
  afterAll(async () => {
    await context?.close()
  })

  const api = <T>(method: string, path: string, body?: unknown) =>
    adminCall<T>(method, `/admin/api${path}`, body, store.ownerKey)

  /** Opens a section signed in as the store's owner; its problems (CSP included) are recorded. */
  async function open(section: Section, on = context): Promise<{ page: Page; errors: string[] }> {
    const page = await on.newPage()
    const { errors } = await watchProblems(page)
    await openConsole(page, `/admin/settings/${section}`, store.ownerKey)
    return { page, errors }
  }

  /** Answers every question the preview shows, as a visitor would, until none is left. */
  async function answerPreview(page: Page, def: QuizDefinition) {
    const preview = page.locator('leadline-quiz-preview')
    const done = new Set<string>()
    for (let round = 0; round < def.questions.length; round++) {
      const shown = await preview
        .locator('[data-preview]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-preview')!))
      const next = shown.find((id) => !done.has(id))
      if (!next) return
      done.add(next)
      const q = def.questions.find((x) => x.id === next)!
      const block = preview.locator(`[data-preview="${next}"]`)
      if (q.kind === 'location') await block.locator('select').selectOption({ index: 1 })
      else if (q.kind === 'number') {
        const n = q.number!
        await block.locator('input').fill(String(Math.round((n.min + n.max) / 2)))
      } else if (q.kind === 'text') await block.locator('textarea').fill('Toptan satış')
      else await block.locator('input').first().check()
    }
  }

  it('saves a changed question and threshold as a new quiz version, and previews its score like the API', async () => {
    const before = (await api<QuizVersion>('GET', '/quiz')).body
    const { page, errors } = await open('quiz')
    const quiz = page.locator('leadline-settings-quiz')
    await quiz.locator('#q0-toggle').click()
    const text = `Hizmeti nerede istiyorsunuz? ${Date.now().toString(36)}`
    await quiz.locator('#q0-text-tr').fill(text)
    const qualified = before.definition.thresholds.qualified === 80 ? 81 : 80
    await quiz.locator('#th-qualified').fill(String(qualified))
    await quiz.locator('#quiz-save').click()
    await expect
      .poll(() => quiz.locator('p.status').first().textContent(), { timeout: 10_000 })
      .toContain(`sürüm ${before.version + 1}`)

    const after = (await api<QuizVersion>('GET', '/quiz')).body
    expect(after.version).toBe(before.version + 1)
    expect(after.definition.questions[0]!.text.tr).toBe(text)
    expect(after.definition.thresholds.qualified).toBe(qualified)
    const versions = (await api<{ items: { version: number }[] }>('GET', '/quiz/versions')).body
    expect(versions.items.map((v) => v.version)).toContain(after.version)
    await expect
      .poll(() => quiz.locator('.versions').textContent())
      .toContain(`Sürüm ${after.version}`)

    await answerPreview(page, after.definition)
    const sent = page.waitForRequest((r) => r.url().endsWith('/admin/api/quiz/preview'))
    await page.locator('leadline-quiz-preview button[type=submit]').click()
    const { answers } = (await sent).postDataJSON() as { answers: Record<string, unknown> }
    const total = page.locator('leadline-quiz-preview [data-total]')
    await total.waitFor()
    const server = (await api<ScoreResult>('POST', '/quiz/preview', { answers })).body
    expect(await total.textContent()).toBe(`Puan ${Math.round(server.total)} / 100`)
    const outcomes = { qualified: 'Nitelikli', review: 'İncelenecek', disqualified: 'Elendi' }
    expect(await page.locator('leadline-quiz-preview [data-outcome]').textContent()).toBe(
      outcomes[server.outcome],
    )
    expect(await page.locator('leadline-quiz-preview [data-criterion]').count()).toBe(
      server.criteria.length,
    )
    expect(errors).toEqual([])
    await page.close()
  })

  it('adds a meeting type that the API then lists', async () => {
    // With availability of their own, the owner's form loads without the API's 404 for none.
    const me = (await api<{ user: { id: string } }>('GET', '/me')).body
    const weekday = [{ start: '09:00', end: '17:00' }]
    const availability = await api('PUT', `/availability/${me.user.id}`, {
      timeZone: 'Europe/Istanbul',
      weekly: {
        mon: weekday,
        tue: weekday,
        wed: weekday,
        thu: weekday,
        fri: weekday,
        sat: [],
        sun: [],
      },
      overrides: [],
      bufferBeforeMin: 0,
      bufferAfterMin: 0,
      minNoticeMin: 60,
      maxDaysAhead: 30,
      maxPerDay: 5,
    })
    expect(availability.status).toBe(200)
    const { page, errors } = await open('booking')
    const form = page.locator('leadline-booking-settings')
    await form.locator('form').waitFor()
    const count = (await api<BookingSettings>('GET', '/booking/settings')).body.meetingTypes.length
    await form.getByRole('button', { name: 'Görüşme türü ekle' }).click()
    await form.locator(`#mt${count}-tr`).fill('Showroom ziyareti')
    await form.locator(`#mt${count}-en`).fill('Showroom visit')
    await form.locator(`#mt${count}-duration`).fill('60')
    await form.locator(`#mt${count}-kind`).selectOption('place')
    await form.locator(`#mt${count}-value`).fill('Levent, İstanbul')
    await form.locator('button[type=submit]').click()
    await expect
      .poll(() => form.locator('p[role="status"]').textContent(), { timeout: 10_000 })
      .toContain('kaydedildi')
    const settings = (await api<BookingSettings>('GET', '/booking/settings')).body
    expect(settings.meetingTypes.at(-1)).toMatchObject({
      name: { tr: 'Showroom ziyareti', en: 'Showroom visit' },
      durationMin: 60,
      location: { kind: 'place', value: 'Levent, İstanbul' },
    })
    expect(errors).toEqual([])
    await page.close()
  })

  it('creates a template and previews it for a lead, as text', async () => {
    await captureLead('Önizleme Elif', 'pipeline', { siteKey: store.siteKey })
    const { page, errors } = await open('nurture')
    const templates = page.locator('leadline-templates')
    await templates.locator('#tp-new').click()
    const name = `Tanışma ${Date.now().toString(36)}`
    await templates.locator('#tp-name').fill(name)
    await templates.locator('#tp-subject-tr').fill('Merhaba {{firstName}}')
    await templates.locator('#tp-subject-en').fill('Hello {{firstName}}')
    await templates
      .locator('#tp-body-tr')
      .fill('<p>Merhaba {{firstName}}, <b>{{store}}</b> sizi bekliyor.</p>')
    await templates.locator('#tp-body-en').fill('<p>Hello {{firstName}}, {{store}} is waiting.</p>')
    await templates.locator('form button[type=submit]').click()
    await expect
      .poll(() => templates.locator('p[role="status"]').textContent(), { timeout: 10_000 })
      .toContain(`“${name}” kaydedildi`)
    const stored = (await api<{ items: Template[] }>('GET', '/templates')).body.items
    expect(stored.find((t) => t.name === name)?.body.tr).toContain('{{firstName}}')

    await expect.poll(() => templates.locator('#tp-pv-lead option').count()).toBeGreaterThan(0)
    await templates.getByRole('button', { name: 'Önizle', exact: true }).click()
    const shown = templates.locator('[data-preview]')
    await shown.waitFor()
    expect(await shown.textContent()).toContain('Merhaba Önizleme')
    expect(await shown.locator('pre').textContent()).toContain('sizi bekliyor')
    expect(await shown.locator('b').count()).toBe(0)
    expect(errors).toEqual([])
    await page.close()
  })

  it('creates a webhook to the fake receiver, sends a test delivery and shows it in the log', async () => {
    const hook = `pipeline-${Date.now().toString(36)}`
    const url = `${inject('fakesUrl')}/hooks/${hook}`
    const { page, errors } = await open('webhooks')
    const section = page.locator('leadline-settings-webhooks')
    await section.locator('#wh-new').click()
    await section.locator('#wh-url').fill(url)
    await section.locator('#wh-description').fill('Fake receiver')
    await section.locator('form button[type=submit]').click()
    const secret = section.locator('#wh-secret')
    await secret.waitFor()
    expect(await secret.inputValue()).toMatch(/^whsec_/)
    const listed = (await api<{ items: Webhook[] }>('GET', '/webhooks')).body.items
    const created = listed.find((w) => w.url === url)!
    expect(created.events).toEqual(['*'])
    expect(created.secret).toBeUndefined()

    const row = section.locator(`[data-webhook="${created.id}"]`)
    await row.getByRole('button', { name: /Deneme gönder/ }).click()
    await expect
      .poll(() => row.locator('[data-test]').textContent(), { timeout: 15_000 })
      .toBe('Deneme: teslim edildi, yanıt kodu 200.')
    const log = row.locator('leadline-webhook-log [data-delivery]')
    await expect.poll(() => log.count()).toBe(1)
    expect(await log.textContent()).toContain('Deneme gönderimi')
    expect(await log.textContent()).toContain('teslim edildi')
    const seen = (await (await fetch(`${inject('fakesUrl')}/_inspect`)).json()) as {
      webhooks: { name: string; body: string }[]
    }
    const received = seen.webhooks.filter((w) => w.name === hook)
    expect(received).toHaveLength(1)
    expect(JSON.parse(received[0]!.body)).toMatchObject({ type: 'webhook.test' })
    expect(errors).toEqual([])
    await page.close()
  })

  it('has no serious or critical axe violations on the four sections and the quiz preview', async () => {
    // bypassCSP only here: the console's CSP would block the axe script addScriptTag injects.
    const audited = await browser().newContext({ bypassCSP: true })
    try {
      // An element of each section that a passing axe rule names, proof it looked inside.
      const seen: Record<Section, string> = {
        quiz: '#title-tr',
        booking: '#mt0-id',
        nurture: '#quiet-on',
        // The delivery log's table (the only table on the page).
        webhooks: 'table',
      }
      for (const section of Object.keys(seen) as Section[]) {
        const { page } = await open(section, audited)
        await page.locator(`leadline-settings-${section} h3`).first().waitFor()
        if (section === 'quiz') await page.locator('leadline-settings-quiz #q0-toggle').click()
        if (section === 'webhooks') {
          await page.locator('leadline-settings-webhooks [data-webhook] button').first().click()
          await page.locator('leadline-webhook-log [data-log]').waitFor()
        }
        // The section's form arrives with its data, after the heading.
        await page.locator(`leadline-settings-${section} ${seen[section]}`).first().waitFor()
        expectNoBlocking(await audit(page), `the ${section} settings`, seen[section])
        if (section === 'quiz') {
          const def = (await api<QuizVersion>('GET', '/quiz')).body.definition
          await answerPreview(page, def)
          await page.locator('leadline-quiz-preview button[type=submit]').click()
          await page.locator('leadline-quiz-preview #pv-result').waitFor()
          expectNoBlocking(await audit(page), 'the quiz score preview', 'table')
        }
        await page.close()
      }
    } finally {
      await audited.close()
    }
  })
})
