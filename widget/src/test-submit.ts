/**
 * Test helpers for the submit paths (a form submitted by page code, by a keyboard, offline):
 * what reached the host page uncaught, and what each widget handed to the outbox.
 */
import { vi } from 'vitest'
import { outbox } from './internal/api'

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
