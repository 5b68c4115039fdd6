import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  backoffMs,
  getJson,
  Outbox,
  OUTBOX_STORAGE_KEY,
  parseRetryAfter,
  type Submission,
} from './api'

/** A Storage backed by a Map, so each test has its own and the page's localStorage is untouched. */
class MemoryStorage implements Storage {
  private map = new Map<string, string>()
  get length() {
    return this.map.size
  }
  clear() {
    this.map.clear()
  }
  getItem(k: string) {
    return this.map.get(k) ?? null
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null
  }
  removeItem(k: string) {
    this.map.delete(k)
  }
  setItem(k: string, v: string) {
    this.map.set(k, v)
  }
}

type Answer = Response | Error
function scripted(...answers: Answer[]) {
  const calls: { url: string; key: string | null; body: string }[] = []
  const fetch = vi.fn(async (url: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({
      url: String(url),
      key: new Headers(init.headers).get('Idempotency-Key'),
      body: String(init.body),
    })
    const next = answers.shift() ?? Response.json({ leadId: 'late' }, { status: 201 })
    if (next instanceof Error) throw next
    return next
  })
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls }
}

const queued = (storage: Storage): Submission[] =>
  JSON.parse(storage.getItem(OUTBOX_STORAGE_KEY) ?? '[]')
const URL_ = 'https://api.test/v1/leads'

describe('Outbox', () => {
  let storage: MemoryStorage
  beforeEach(() => {
    storage = new MemoryStorage()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('delivers on the first try and leaves nothing queued', async () => {
    const api = scripted(Response.json({ leadId: 'l1' }, { status: 201 }))
    const box = new Outbox({ fetch: api.fetch, storage })
    const result = await box.send(URL_, { a: 1 }, 'key-00000001')
    expect(result).toEqual({ state: 'delivered', status: 201, data: { leadId: 'l1' } })
    expect(api.calls).toEqual([{ url: URL_, key: 'key-00000001', body: '{"a":1}' }])
    expect(storage.getItem(OUTBOX_STORAGE_KEY)).toBeNull()
  })

  it('drops a submission the server rejects with a 4xx and reports the error', async () => {
    const api = scripted(
      Response.json(
        { error: { code: 'forbidden', message: 'origin not allowed' } },
        { status: 403 },
      ),
    )
    const box = new Outbox({ fetch: api.fetch, storage })
    const result = await box.send(URL_, {}, 'key-00000002')
    expect(result).toEqual({
      state: 'rejected',
      error: { code: 'forbidden', message: 'origin not allowed', status: 403 },
    })
    expect(queued(storage)).toEqual([])
  })

  it.each([503, 500, 429, 408])(
    'keeps a submission answered %i and retries it with the same key',
    async (status) => {
      const api = scripted(
        new Response('busy', { status }),
        Response.json({ leadId: 'l2' }, { status: 201 }),
      )
      const box = new Outbox({ fetch: api.fetch, storage, random: () => 0 })
      const delivered = vi.fn()
      box.addEventListener('delivered', delivered)
      expect(await box.send(URL_, { b: 2 }, 'key-00000003')).toEqual({ state: 'pending' })
      expect(queued(storage)).toMatchObject([{ key: 'key-00000003', attempts: 1 }])
      await vi.advanceTimersByTimeAsync(1000)
      expect(api.calls.map((c) => c.key)).toEqual(['key-00000003', 'key-00000003'])
      expect(api.calls[1]!.body).toBe(api.calls[0]!.body)
      // Reading the answer's body is real I/O, not driven by the fake clock.
      await vi.waitFor(() => expect(delivered).toHaveBeenCalledOnce())
      expect(delivered.mock.calls[0]![0].detail).toEqual({
        key: 'key-00000003',
        data: { leadId: 'l2' },
      })
      expect(storage.getItem(OUTBOX_STORAGE_KEY)).toBeNull()
      box.stop()
    },
  )

  it('waits as long as Retry-After asks before retrying', async () => {
    const api = scripted(
      new Response('slow down', { status: 429, headers: { 'Retry-After': '30' } }),
    )
    const box = new Outbox({ fetch: api.fetch, storage, random: () => 0 })
    await box.send(URL_, {}, 'key-00000004')
    await vi.advanceTimersByTimeAsync(29_000)
    expect(api.calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(api.calls).toHaveLength(2)
    box.stop()
  })

  it('backs off exponentially between network failures', async () => {
    const offline = () => new TypeError('Failed to fetch')
    const api = scripted(offline(), offline(), offline(), offline())
    const box = new Outbox({ fetch: api.fetch, storage, random: () => 1 })
    await box.send(URL_, {}, 'key-00000005')
    const times: number[] = []
    for (let i = 0; i < 60; i++) {
      const before = api.calls.length
      await vi.advanceTimersByTimeAsync(500)
      if (api.calls.length > before) times.push((i + 1) * 500)
    }
    // random() = 1 gives the full ceiling: 1 s, then 2 s, then 4 s after each failure
    expect(times.slice(0, 3)).toEqual([1000, 3000, 7000])
    expect(new Set(api.calls.map((c) => c.key))).toEqual(new Set(['key-00000005']))
    box.stop()
  })

  it('sends what an earlier page load left behind when it starts', async () => {
    const left: Submission = {
      key: 'key-00000006',
      url: URL_,
      body: '{"c":3}',
      attempts: 4,
      nextAt: Date.now() + 60_000,
    }
    storage.setItem(OUTBOX_STORAGE_KEY, JSON.stringify([left]))
    const api = scripted(Response.json({ leadId: 'l6' }, { status: 201 }))
    const box = new Outbox({ fetch: api.fetch, storage })
    box.start()
    expect(api.calls).toEqual([{ url: URL_, key: 'key-00000006', body: '{"c":3}' }])
    await vi.waitFor(() => expect(storage.getItem(OUTBOX_STORAGE_KEY)).toBeNull())
  })

  it.each([
    ['is unavailable', () => null],
    [
      'throws on write',
      () => {
        const full = new MemoryStorage()
        full.setItem = () => {
          throw new DOMException('quota', 'QuotaExceededError')
        }
        return full
      },
    ],
  ])('keeps the queue in memory when storage %s', async (_, make) => {
    const api = scripted(new TypeError('offline'), Response.json({ leadId: 'l7' }, { status: 201 }))
    const box = new Outbox({ fetch: api.fetch, storage: make(), random: () => 0 })
    expect(await box.send(URL_, {}, 'key-00000007')).toEqual({ state: 'pending' })
    expect(box.list()).toHaveLength(1)
    await box.drain(true)
    expect(box.list()).toHaveLength(0)
    expect(api.calls.map((c) => c.key)).toEqual(['key-00000007', 'key-00000007'])
    box.stop()
  })
})

describe('retry timing', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('120', now)).toBe(120_000)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000)
    expect(parseRetryAfter('soon', now)).toBe(0)
    expect(parseRetryAfter(null, now)).toBe(0)
  })

  it('doubles the ceiling per attempt, caps it at five minutes and never undercuts Retry-After', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 1))).toEqual([1000, 2000, 4000, 8000])
    expect(backoffMs(1, 0)).toBe(500)
    expect(backoffMs(30, 1)).toBe(300_000)
    expect(backoffMs(1, 0, 60_000)).toBe(60_000)
  })
})

describe('Outbox on the real clock', () => {
  it('retries on its own timer after a network failure', async () => {
    const storage = new MemoryStorage()
    const api = scripted(
      new TypeError('Failed to fetch'),
      Response.json({ leadId: 'l8' }, { status: 201 }),
    )
    const box = new Outbox({ fetch: api.fetch, storage, random: () => 0 })
    const delivered = vi.fn()
    box.addEventListener('delivered', delivered)
    expect(await box.send(URL_, {}, 'key-00000008')).toEqual({ state: 'pending' })
    await vi.waitFor(() => expect(delivered).toHaveBeenCalledOnce(), { timeout: 3000 })
    expect(api.calls.map((c) => c.key)).toEqual(['key-00000008', 'key-00000008'])
  })

  it('keeps retrying when the jittered backoff is not a whole number of milliseconds', async () => {
    const storage = new MemoryStorage()
    const offline = () => new TypeError('Failed to fetch')
    const api = scripted(offline(), offline(), Response.json({ leadId: 'l9' }, { status: 201 }))
    // 0.3337 makes every delay fractional: a timer rounds it down and fires before it is due.
    const box = new Outbox({ fetch: api.fetch, storage, random: () => 0.3337 })
    const delivered = vi.fn()
    box.addEventListener('delivered', delivered)
    await box.send(URL_, {}, 'key-00000009')
    await vi.waitFor(() => expect(delivered).toHaveBeenCalledOnce(), { timeout: 5000 })
    expect(api.calls).toHaveLength(3)
  })
})

describe('getJson and what the loader started', () => {
  const CONFIG = 'https://api.test/v1/sites/pk_store0001/config'
  let gets: { url: string; init: RequestInit }[]
  beforeEach(() => {
    gets = []
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      gets.push({ url, init })
      return Response.json({ from: 'own' })
    })
  })
  afterEach(() => {
    delete window.__leadline
    vi.unstubAllGlobals()
  })
  const early = (started: Record<string, Promise<Response>[]>) =>
    (window.__leadline = { version: 't', api: 'https://api.test', early: started })

  it('takes a request the loader started for the same URL, each once', async () => {
    const answer = (n: number) => Promise.resolve(Response.json({ from: 'loader ' + n }))
    // The loader starts one per element that will ask (a form and a booking both need the config).
    early({ [CONFIG]: [answer(1), answer(2)] })
    expect(await getJson(CONFIG)).toEqual({ from: 'loader 1' })
    expect(await getJson(CONFIG)).toEqual({ from: 'loader 2' })
    expect(gets).toEqual([])
    // The next one asks again (a reload, an element added later): each answer was for one.
    expect(await getJson(CONFIG, undefined, 'no-cache')).toEqual({ from: 'own' })
    expect(gets).toEqual([{ url: CONFIG, init: { credentials: 'omit', cache: 'no-cache' } }])
  })

  it('asks itself for another URL, and when there is no loader', async () => {
    early({ [CONFIG]: [Promise.resolve(Response.json({ from: 'loader' }))] })
    const other = 'https://eu.test/v1/sites/pk_store0001/config'
    expect(await getJson(other)).toEqual({ from: 'own' })
    delete window.__leadline
    expect(await getJson(CONFIG)).toEqual({ from: 'own' })
    expect(gets.map((g) => g.url)).toEqual([other, CONFIG])
  })

  it('asks again when the loader’s request never reached the server', async () => {
    const lost = Promise.reject(new TypeError('Failed to fetch'))
    lost.catch(() => undefined)
    early({ [CONFIG]: [lost] })
    expect(await getJson(CONFIG)).toEqual({ from: 'own' })
    expect(gets.map((g) => g.url)).toEqual([CONFIG])
  })

  it('throws the error answer of the loader’s request as its own, without asking again', async () => {
    const refused = Response.json({ error: { code: 'forbidden', message: 'no' } }, { status: 403 })
    early({ [CONFIG]: [Promise.resolve(refused)] })
    await expect(getJson(CONFIG)).rejects.toEqual({ code: 'forbidden', message: 'no', status: 403 })
    expect(gets).toEqual([])
  })
})
