/**
 * Setup of the `browser` test project (widget/vitest.config.ts `setupFiles`): a test fails when
 * the page logged an error while it ran. Chromium's own log counts, not only `console.error`
 * calls: an invalid `pattern` attribute, for one, is reported only there, each time the field's
 * validity is read. Uncaught exceptions and unhandled rejections count too. The errors are
 * collected on the playwright side (the `consoleErrors` command).
 *
 * A test that provokes an error on purpose takes it with `takeLoggedErrors()` and asserts on
 * what it got; there is no list of errors ignored everywhere.
 */
import { afterEach, beforeEach, expect } from 'vitest'
import { commands } from 'vitest/browser'

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** Axe on the test frame; rejects with the serious and critical violations (see config). */
    axe: (screen: string, seen: string) => Promise<void>
    /** The errors the page logged since the last call. */
    consoleErrors: () => Promise<string[]>
  }
}

const unexpected = (when: string, errors: string[]) =>
  `the page logged ${errors.length} error(s) ${when}:\n  ${errors.join('\n  ')}\n` +
  'A test that provokes an error on purpose takes it with takeLoggedErrors() and asserts on it.'

/**
 * Takes the errors logged so far in this test, so the test can assert on them; they no longer
 * fail it. Only for tests that provoke an error on purpose.
 *
 * @example
 * expect(await takeLoggedErrors()).toEqual([expect.stringContaining('no site key')])
 */
export function takeLoggedErrors(): Promise<string[]> {
  return commands.consoleErrors()
}

beforeEach(async () => {
  // What was logged between tests (a previous file's teardown, this file's imports) fails the
  // next test rather than nothing.
  const before = await commands.consoleErrors()
  expect(before, unexpected('before this test started', before)).toEqual([])
})

afterEach(async () => {
  const errors = await commands.consoleErrors()
  expect(errors, unexpected('during this test', errors)).toEqual([])
})
