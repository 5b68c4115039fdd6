/**
 * The validation chunk never arrives (a stalled request on a phone network): a submit waits for
 * it a few seconds, then sends without it (the server checks the same schema), exactly once. A
 * file of its own: the mocked module's download is held until the file's tests are done.
 */
import { afterAll, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { $, fakeApi, field, mount } from '../../test-helpers'
import { settle, useSubmitHarness } from '../../test-submit'
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

const harness = useSubmitHarness()

describe('<leadline-form> when the validation chunk never arrives', () => {
  it('sends once after waiting a few seconds for it', async () => {
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
    const handed = await harness.expectSentOnce('/v1/leads', api.posts)
    expect(handed.body).toMatchObject({ fields: { email: 'kayip@example.com' } })
  }, 20_000)
})
