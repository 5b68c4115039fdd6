/**
 * Test helpers for the submit paths (a form submitted by page code, by a keyboard, offline):
 * what reached the host page uncaught, and what each widget handed to the outbox.
 */
import { afterEach, beforeEach, expect, vi } from 'vitest'
import { outbox } from './internal/api'
import type { Call } from './test-helpers'

/**
 * Records what a host page would see escape from the widgets: `error` events (uncaught
 * exceptions) and `unhandledrejection` events. `stop()` removes the listeners.
 */
export function watchHostPage() {
  const escaped: unknown[] = []
  const onError = (e: ErrorEvent) => escaped.push(e.error ?? e.message)
  const onRejection = (e: PromiseRejectionEvent) => escaped.push(e.reason)
  window.addEventListener('error', onError)
  window.addEventListener('unhandledrejection', onRejection)
  return {
    escaped,
    stop() {
      window.removeEventListener('error', onError)
      window.removeEventListener('unhandledrejection', onRejection)
    },
  }
}

/**
 * Spies on the page's outbox: `to(path)` lists the submissions handed to it for URLs ending in
 * `path` (URL, body, Idempotency-Key), whatever became of them afterwards.
 */
export function watchOutbox() {
  const send = vi.spyOn(outbox(), 'send')
  return {
    to: (path: string) =>
      send.mock.calls
        .filter(([url]) => url.endsWith(path))
        .map(([url, body, key]) => ({ url, body, key })),
    restore: () => send.mockRestore(),
  }
}

/** Resolves after `ms`: time for a second submission to show up, were there one. */
export const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Registers the hooks of a submit test file: each test starts in Turkish (the store's locale: the
 * test page itself says lang="en", restored after), with empty storage, at `now` when given (fake
 * timers for dates only, real ones restored after), watching the host page and the outbox; after
 * it the widgets are removed, the outbox stopped and `fetch` restored. The returned harness reads
 * what the current test saw and asserts what every submit path must end with.
 */
export function useSubmitHarness({ now }: { now?: string } = {}) {
  const pageLang = document.documentElement.lang
  let page: ReturnType<typeof watchHostPage>
  let box: ReturnType<typeof watchOutbox>

  beforeEach(() => {
    if (now) vi.setSystemTime(new Date(now))
    document.documentElement.lang = ''
    localStorage.clear()
    page = watchHostPage()
    box = watchOutbox()
  })

  afterEach(() => {
    page.stop()
    box.restore()
    document.body.replaceChildren()
    document.documentElement.lang = pageLang
    outbox().stop()
    localStorage.clear()
    vi.unstubAllGlobals()
    if (now) vi.useRealTimers()
  })

  return {
    /** What escaped into the host page during the current test. */
    get page() {
      return page
    },
    /** The current test's submissions handed to the outbox. */
    get box() {
      return box
    },
    /**
     * After time for a second submission to show up: exactly one submission to `path` was handed
     * to the outbox, the API got exactly one request for it (`posts()`), under its key, and nothing
     * escaped into the page. Returns the submission.
     */
    async expectSentOnce(path: string, posts: () => Call[]) {
      await settle()
      const handed = box.to(path)
      expect(handed).toHaveLength(1)
      expect(posts().map((p) => p.headers.get('Idempotency-Key'))).toEqual([handed[0]!.key])
      expect(page.escaped).toEqual([])
      return handed[0]!
    },
    /**
     * Once back online: exactly one submission to `path` was handed to the outbox, every request
     * the API got for it (`posts()`, the failed ones included) carried the queued `key`, and
     * nothing escaped into the page.
     */
    expectDeliveredOnce(path: string, posts: () => Call[], key: string) {
      expect(box.to(path)).toHaveLength(1)
      expect(new Set(posts().map((p) => p.headers.get('Idempotency-Key')))).toEqual(new Set([key]))
      expect(page.escaped).toEqual([])
    },
  }
}
