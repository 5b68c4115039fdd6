/**
 * The validation chunk never arrives (a stalled request on a phone network): a submit waits for
 * it a few seconds, then sends without it (the server checks the same schema), exactly once. A
 * file of its own: the mocked module's download is held until the file's tests are done.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { outbox } from '../../internal/api'
import { $, fakeApi, field, mount } from '../../test-helpers'
import { settle, watchHostPage, watchOutbox } from '../../test-submit'
import './define'

const chunk = vi.hoisted(() => {
  let arrive = () => {}
  const arrived = new Promise<void>((resolve) => (arrive = resolve))
  return { arrived, arrive, requested: 0 }
})

vi.mock('../../internal/validation', async (importOriginal) => {
  chunk.requested++
  await chunk.arrived
  return importOriginal()
})

// Only once the file is done, and waited for: vitest cannot close a page while a mocked module
// is still being resolved.
afterAll(async () => {
  chunk.arrive()
  await import('../../internal/validation')
})

const pageLang = document.documentElement.lang

beforeEach(() => {
  document.documentElement.lang = ''
  localStorage.clear()
})

afterEach(() => {
  document.body.replaceChildren()
  document.documentElement.lang = pageLang
  outbox().stop()
  localStorage.clear()
  vi.unstubAllGlobals()
})

describe('<leadline-form> when the validation chunk never arrives', () => {
  it('sends once after waiting a few seconds for it', async () => {
    const page = watchHostPage()
    const box = watchOutbox()
    try {
      const api = fakeApi()
      const el = await mount()
      const status = () => $(el, '[part="status"]').textContent?.trim()
      await userEvent.fill(field(el, 'name'), 'Ayşe Yılmaz')
      await userEvent.fill(field(el, 'email'), 'kayip@example.com')
      const submitted = performance.now()
      $<HTMLFormElement>(el, 'form').requestSubmit()
      $<HTMLFormElement>(el, 'form').requestSubmit()
      await settle(1000)
      expect(chunk.requested).toBe(1)
      expect(api.posts()).toHaveLength(0)
      expect(status()).toBe('Gönderiliyor…')

      await vi.waitUntil(() => status() === 'Teşekkürler! Bilgileriniz bize ulaştı.', {
        timeout: 10_000,
      })
      expect(performance.now() - submitted).toBeGreaterThanOrEqual(4900)
      await settle()
      const handed = box.to('/v1/leads')
      expect(handed).toHaveLength(1)
      expect(handed[0]!.body).toMatchObject({ fields: { email: 'kayip@example.com' } })
      expect(api.posts()).toHaveLength(1)
      expect(page.escaped).toEqual([])
    } finally {
      page.stop()
      box.restore()
    }
  }, 20_000)
})
