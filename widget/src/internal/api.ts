/**
 * The API client's write path: an outbox that never loses a submission. Each submission is kept
 * in localStorage (with its Idempotency-Key) before the first attempt, and leaves only when the
 * server gives a definitive answer: 2xx (delivered) or a 4xx other than 408/429 (rejected).
 * Network failures, 408, 429 and 5xx are retried with exponential backoff and jitter (honouring
 * Retry-After), on the `online` event and on the next page load. Every retry reuses the same key,
 * so the server stores the lead once however many attempts reach it.
 */
import { failureOf, type ApiFailure } from '../../../contract/api-failure'

export type { ApiFailure }

/** A submission waiting for a definitive answer. */
export interface Submission {
  /** The Idempotency-Key; also the submission's identity in the queue. */
  key: string
  url: string
  /** The JSON body, serialised once so every retry sends the same bytes (the server hashes it). */
  body: string
  attempts: number
  /** Epoch ms before which no timed retry is made. */
  nextAt: number
  /**
   * Give up after this many failed attempts (best-effort data such as the quiz's funnel events);
   * absent for what must never be lost.
   */
  maxAttempts?: number
}

export type SendResult =
  | { state: 'delivered'; status: number; data: unknown }
  | { state: 'rejected'; error: ApiFailure }
  | { state: 'pending' }

/** Events the outbox fires for submissions settled after their first attempt. */
export interface OutboxEventMap {
  delivered: CustomEvent<{ key: string; data: unknown }>
  rejected: CustomEvent<{ key: string; error: ApiFailure }>
}

export const OUTBOX_STORAGE_KEY = 'leadline:outbox:v1'
const BASE_DELAY_MS = 1000
const MAX_DELAY_MS = 5 * 60_000

type Attempt =
  | { state: 'delivered'; status: number; data: unknown }
  | { state: 'rejected'; error: ApiFailure }
  | { state: 'retry'; retryAfterMs: number }

/** Seconds or an HTTP date, per https://www.rfc-editor.org/rfc/rfc9110#field.retry-after */
export function parseRetryAfter(value: string | null, now: number): number {
  if (!value) return 0
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? 0 : Math.max(0, date - now)
}

/** Exponential backoff with "equal jitter": half fixed, half random, so tabs do not retry in step. */
export function backoffMs(attempts: number, random: number, retryAfterMs = 0): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1))
  return Math.max(retryAfterMs, ceiling / 2 + (ceiling / 2) * random)
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json()
  } catch {
    return undefined
  }
}

export interface OutboxOptions {
  fetch?: typeof fetch
  storage?: Storage | null
  now?: () => number
  random?: () => number
}

export class Outbox extends EventTarget {
  private readonly fetchFn: typeof fetch
  private storage: Storage | null
  private readonly now: () => number
  private readonly random: () => number
  /** Used when localStorage is unavailable (private mode, quota): retries still happen this visit. */
  private memory: Submission[] = []
  private readonly inFlight = new Set<string>()
  private timer: ReturnType<typeof setTimeout> | undefined
  private started = false

  constructor(options: OutboxOptions = {}) {
    super()
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init))
    this.storage = options.storage === undefined ? safeLocalStorage() : options.storage
    this.now = options.now ?? Date.now
    this.random = options.random ?? Math.random
  }

  /** Submissions still waiting, oldest first. */
  list(): Submission[] {
    if (!this.storage) return [...this.memory]
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(OUTBOX_STORAGE_KEY) ?? '[]')
      return Array.isArray(parsed) ? (parsed as Submission[]) : []
    } catch {
      return [...this.memory]
    }
  }

  /** Whether the submission with this key is still waiting (it will be retried). */
  has(key: string | undefined): boolean {
    return this.list().some((e) => e.key === key)
  }

  private save(list: Submission[]): void {
    this.memory = list
    try {
      if (list.length) this.storage?.setItem(OUTBOX_STORAGE_KEY, JSON.stringify(list))
      else this.storage?.removeItem(OUTBOX_STORAGE_KEY)
    } catch {
      // Quota or privacy mode: from now on `memory` holds the queue, for this visit at least.
      this.storage = null
    }
  }

  private upsert(entry: Submission): void {
    this.save([...this.list().filter((e) => e.key !== entry.key), entry])
  }

  private remove(key: string): void {
    this.save(this.list().filter((e) => e.key !== key))
  }

  /**
   * Stores the submission, then makes the first attempt. Resolves with the server's definitive
   * answer, or `pending` when it will be retried in the background (watch the `delivered` and
   * `rejected` events for the outcome).
   */
  async send(
    url: string,
    body: unknown,
    key: string,
    options: { maxAttempts?: number } = {},
  ): Promise<SendResult> {
    this.start()
    const entry: Submission = { key, url, body: JSON.stringify(body), attempts: 0, nextAt: 0 }
    if (options.maxAttempts) entry.maxAttempts = options.maxAttempts
    this.upsert(entry)
    const result = await this.attemptEntry(entry)
    return result.state === 'retry' ? { state: 'pending' } : result
  }

  /**
   * Retries every waiting submission; `force` ignores the backoff (used on `online` and page
   * load, when a retry is likely to succeed now).
   */
  async drain(force = false): Promise<void> {
    const now = this.now()
    const due = this.list().filter((e) => force || e.nextAt <= now)
    await Promise.all(due.map((e) => this.attemptEntry(e, true)))
    // A timer can fire a hair before Date.now() reaches nextAt; whatever was not due yet still
    // needs a timer, or it would wait for the next `online` event or page load.
    this.schedule()
  }

  /** Listens for `online` and drains what an earlier page load left behind. Idempotent. */
  start(): void {
    if (this.started) return
    this.started = true
    window.addEventListener('online', () => void this.drain(true))
    if (this.list().length) void this.drain(true)
  }

  private async attemptEntry(entry: Submission, announce = false): Promise<Attempt> {
    if (this.inFlight.has(entry.key)) return { state: 'retry', retryAfterMs: 0 }
    this.inFlight.add(entry.key)
    let result: Attempt
    try {
      result = await this.attempt(entry)
    } finally {
      this.inFlight.delete(entry.key)
    }
    if (result.state === 'retry') {
      const attempts = entry.attempts + 1
      if (entry.maxAttempts && attempts >= entry.maxAttempts) {
        this.remove(entry.key)
        return result
      }
      const delay = Math.ceil(backoffMs(attempts, this.random(), result.retryAfterMs))
      this.upsert({ ...entry, attempts, nextAt: this.now() + delay })
      this.schedule()
      return result
    }
    this.remove(entry.key)
    if (announce) {
      const detail =
        result.state === 'delivered'
          ? { key: entry.key, data: result.data }
          : { key: entry.key, error: result.error }
      this.dispatchEvent(new CustomEvent(result.state, { detail }))
    }
    return result
  }

  private async attempt(entry: Submission): Promise<Attempt> {
    let res: Response
    try {
      res = await this.fetchFn(entry.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': entry.key },
        body: entry.body,
        credentials: 'omit',
      })
    } catch {
      return { state: 'retry', retryAfterMs: 0 }
    }
    const body = await readJson(res)
    if (res.ok) return { state: 'delivered', status: res.status, data: body }
    if (res.status === 408 || res.status === 429 || res.status >= 500) {
      return {
        state: 'retry',
        retryAfterMs: parseRetryAfter(res.headers.get('Retry-After'), this.now()),
      }
    }
    return { state: 'rejected', error: failureOf(res.status, body) }
  }

  /** One timer for the earliest due submission. */
  private schedule(): void {
    clearTimeout(this.timer)
    const next = Math.min(...this.list().map((e) => e.nextAt))
    if (!Number.isFinite(next)) return
    this.timer = setTimeout(() => void this.drain(), Math.max(0, next - this.now()))
  }

  /** Stops the timer (tests, or a host tearing the widgets down). */
  stop(): void {
    clearTimeout(this.timer)
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

let shared: Outbox | undefined

/** The page's one outbox, shared by every widget so a submission is retried by one timer. */
export function outbox(): Outbox {
  return (shared ??= new Outbox())
}

/**
 * A new random key, for an Idempotency-Key or a session id: a UUID, or 32 hex digits where
 * `crypto.randomUUID` is missing. It exists only in secure contexts; on a store page served over
 * plain http there is `getRandomValues` alone, and a submit must not throw there.
 */
export const newKey = (): string =>
  crypto.randomUUID?.() ??
  [...crypto.getRandomValues(new Uint8Array(16))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')

/**
 * `GET` a JSON resource; throws an `ApiFailure`-shaped error on a non-2xx answer. `cache:
 * 'no-cache'` revalidates a response the browser holds (the quiz is served with max-age). A
 * request the loader started for the same URL, when there is one left, is taken instead of a new
 * one (each is taken once); when that one failed to reach the server, the request is made again.
 */
export async function getJson<T>(
  url: string,
  signal?: AbortSignal,
  cache?: RequestCache,
): Promise<T> {
  const started = window.__leadline?.early?.[url]?.shift()
  const res =
    (await started?.catch(() => undefined)) ??
    (await fetch(url, { signal, credentials: 'omit', cache }))
  const body = await readJson(res)
  if (!res.ok) throw failureOf(res.status, body)
  return body as T
}
