/**
 * The browser project's setup (browser-setup.ts): what a page logs as an error reaches the test,
 * whoever logged it, and a test that provokes one on purpose takes it and asserts on it.
 */
import { describe, expect, it } from 'vitest'
import { takeLoggedErrors } from './browser-setup'

describe('errors logged during a browser test', () => {
  it('collects console.error calls', async () => {
    console.error('[leadline] something broke')
    expect(await takeLoggedErrors()).toEqual(['[leadline] something broke'])
  })

  it("collects Chromium's own messages: a pattern that does not compile, read", async () => {
    const input = document.createElement('input')
    input.pattern = '[a-z()]+'
    input.value = 'abc'
    document.body.append(input)
    expect(input.validity.valid).toBe(true)
    input.remove()
    expect(await takeLoggedErrors()).toEqual([
      expect.stringContaining('Pattern attribute value [a-z()]+ is not a valid regular expression'),
    ])
  })

  // Each listens for the event first: vitest reports an uncaught error as a failure of the run
  // itself, unless the page listens for it (then vitest logs it, which is taken here too).
  it('collects uncaught exceptions', async () => {
    const heard = new Promise((resolve) => addEventListener('error', resolve, { once: true }))
    setTimeout(() => {
      throw new Error('thrown in a timer')
    })
    await heard
    expect(await takeLoggedErrors()).toContainEqual(
      expect.stringMatching(/^uncaught Error: thrown in a timer/),
    )
  })

  it('collects unhandled rejections', async () => {
    const heard = new Promise((resolve) =>
      addEventListener('unhandledrejection', resolve, { once: true }),
    )
    void Promise.reject(new Error('nobody caught this'))
    await heard
    expect(await takeLoggedErrors()).toContainEqual(
      expect.stringMatching(/^uncaught Error: nobody caught this/),
    )
  })

  it('has nothing left to take once taken', async () => {
    expect(await takeLoggedErrors()).toEqual([])
  })
})
