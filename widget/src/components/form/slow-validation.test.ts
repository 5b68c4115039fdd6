/**
 * A visitor on a slow network submits before the lazily loaded validation chunk has arrived:
 * the form says it is sending, takes every further submit as the same one, and once the chunk
 * is there validates and sends exactly once. The chunk is held back by mocking its module with
 * one that arrives when the test says (a file of its own: a module loads once per file).
 */
import { describe, expect, it, vi } from 'vitest'
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

const harness = useSubmitHarness()

describe('<leadline-form> with the validation chunk delayed', () => {
  it('waits for it, takes repeated submits as one, then validates and sends once', async () => {
    const api = fakeApi()
    const el = await mount()
    const form = $<HTMLFormElement>(el, 'form')
    const status = () => $(el, '[part="status"]').textContent?.trim()
    // Typing starts the chunk's download (on focus); it is still on its way at the submit.
    await userEvent.fill(field(el, 'name'), 'Ayşe Yılmaz')
    await userEvent.fill(field(el, 'email'), 'yavas@example.com')
    await userEvent.keyboard('{Enter}')
    form.requestSubmit()
    $<HTMLButtonElement>(el, '[part="submit-button"]').click()
    await settle(2000)
    expect(chunk.requested).toBe(1)
    expect(api.posts()).toHaveLength(0)
    expect(status()).toBe('Gönderiliyor…')
    expect($<HTMLButtonElement>(el, '[part="submit-button"]').disabled).toBe(true)

    chunk.arrive()
    await vi.waitUntil(() => status() === 'Teşekkürler! Bilgileriniz bize ulaştı.', {
      timeout: 8000,
    })
    const handed = await harness.expectSentOnce('/v1/leads', api.posts)
    expect(handed.body).toMatchObject({ fields: { email: 'yavas@example.com' } })
  }, 20_000)
})
