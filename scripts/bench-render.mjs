/**
 * `npm run bench:render`: how fast each widget paints next to a hand-made Lit form, in one run
 * in Chromium, at CPU throttling 1× and 4× (CDP `Emulation.setCPUThrottlingRate`).
 *
 * Set-up: builds the widget (scripts/build.mjs), bundles the floor (scripts/bench/floor-form, a
 * LitElement with 5 labelled inputs and a submit button) with Lit into one minified ES module
 * with esbuild, starts `wrangler dev` on a fresh `--persist-to` directory with the demo store
 * (its rep's booking hours, and the test page's origin allowed), and sends a quote through the
 * admin API for `<leadline-quote>`. The test page and the floor's bundle are served by a
 * node:http server on another 127.0.0.1 port, so the widgets load cross-origin from the worker as
 * on a store's own site, and the floor pays a request of its own too.
 *
 * Each measurement opens a blank page in a new browser context (cold HTTP cache, new
 * connections), puts the widget's tag in the body, and inserts the script tag (`embed.js` with
 * `data-site`, or the floor's module) at t0. It reads:
 * - mount → painted: t0 until the widget's real content is painted: a requestAnimationFrame loop
 *   looks into the shadow root each frame for the fields (form, floor), the question (quiz), the
 *   calendar's days once its month's slots are in (booking) or the quote's lines (quote); the
 *   first macrotask after that frame (a MessageChannel message posted from the rAF callback)
 *   runs after the frame was painted, and is the time taken;
 * - total: t0 until the widget has settled: no GET request in flight (CDP Network events; POSTs,
 *   the widgets' view and funnel beacons, are not waited for), nothing changed in its shadow root
 *   or on the host for BENCH_RENDER_QUIET ms (default 750); the time is the latest of the paint
 *   after the last change (rAF + macrotask again) and the end of the last GET (Resource Timing);
 * - long tasks: PerformanceObserver 'longtask' (registered before the page's first script,
 *   buffered) that start between t0 and settled: their sum, the time over 50 ms in each
 *   (blocking time) and the longest.
 * Runs: BENCH_RENDER_RUNS per widget per rate (default 7), after one warm-up of each, widgets
 * interleaved (each run rotates their order), medians reported.
 *
 * Heap: per widget, in one page (the script loaded once) at the first rate, cycles of: create
 * the element, wait until its content is painted, remove it. The heap used (V8, CDP
 * Runtime.getHeapUsage after forced GCs, HeapProfiler.collectGarbage until it stops shrinking)
 * is read after the first cycle, at the start (after BENCH_RENDER_HEAP_WARMUP cycles, default
 * 50: V8 optimizing the hot paths grows the heap by a bounded amount, the floor's too) and after
 * BENCH_RENDER_CYCLES more (default 200); growth is after over start, in percent. The floor's
 * figure is the control.
 *
 * Prints a table per rate and the issue's goals (medians at 4×: form total ≤ 1.2× the floor's,
 * quiz and quote ≤ 1.5×, booking ≤ 2×, no long task over 50 ms; heap growth at most 5 %) as met
 * or missed, and writes dist/bench-render.json (medians, every run's figures and requests, the
 * heap, the goals, the machine, Chromium and the commit). Filters: BENCH_RENDER_WIDGETS=form,booking
 * (the floor always runs), BENCH_RENDER_RATES=4, BENCH_RENDER_CYCLES=50 (0 skips the heap),
 * BENCH_RENDER_BUILD=0 (use the last build). Exits non-zero only when the bench cannot run (a
 * server that does not start, a widget that never shows its content), not when a goal is missed.
 */
/* global window, document, requestAnimationFrame, MessageChannel, MutationObserver, PerformanceObserver -- in the page */
import { execFileSync } from 'node:child_process'
import { createServer } from 'node:http'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, totalmem, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build as esbuild } from 'esbuild'
import { chromium } from 'playwright-core'
import { build } from './build.mjs'
import { freePort, ROOT, startDemoStore } from './lib/dev-server.mjs'
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium, ensureNode } from './lib/setup.mjs'

await ensureNode(ROOT)

const list = (value, fallback) =>
  (value ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
const RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 7)
const CYCLES = Number(process.env.BENCH_RENDER_CYCLES ?? 200)
const RATES = list(process.env.BENCH_RENDER_RATES, '1,4').map(Number)
const QUIET_MS = Number(process.env.BENCH_RENDER_QUIET ?? 750)
const TIMEOUT_MS = 30_000
const GOAL_RATE = 4

/**
 * What is measured. `selector` finds the real content in the element's shadow root (not a
 * loading status); `goal` is the most its total may cost as a multiple of the floor's at 4×.
 */
export const WIDGETS = {
  floor: { tag: 'floor-form', selector: 'form input', goal: null },
  form: { tag: 'leadline-form', selector: '[part~="form"] [part~="input"]', goal: 1.2 },
  quiz: {
    tag: 'leadline-quiz',
    selector: '[part~="quiz"] :is([part~="option"], [part~="input"])',
    goal: 1.5,
  },
  booking: {
    tag: 'leadline-booking',
    selector: '[part~="calendar"][aria-busy="false"] [part~="day"]',
    goal: 2,
  },
  quote: { tag: 'leadline-quote', selector: '[part~="table"] tbody tr', goal: 1.5 },
}
const LONG_TASK_GOAL_MS = 50
const HEAP_GOAL_PCT = 5

const chosen = list(process.env.BENCH_RENDER_WIDGETS, 'form,quiz,booking,quote')
for (const name of chosen) {
  if (!(name in WIDGETS) || name === 'floor')
    throw new Error(`BENCH_RENDER_WIDGETS: no widget "${name}" (form, quiz, booking, quote)`)
}
if (!RATES.length || RATES.some((r) => !(r >= 1)))
  throw new Error(`BENCH_RENDER_RATES: rates of 1 or more, e.g. 1,4`)
const NAMES = ['floor', ...chosen]

// ---------------------------------------------------------------- figures

/** The median; for an even count, the mean of the middle two. */
function median(xs) {
  if (!xs.length) return NaN
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const round1 = (x) => Math.round(x * 10) / 10
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// ---------------------------------------------------------------- the page and the floor

/** The floor's module: scripts/bench/floor-form with Lit, one minified ES module. */
export async function bundleFloor() {
  const out = await esbuild({
    entryPoints: [join(ROOT, 'scripts/bench/floor-form/floor-form.js')],
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  })
  return out.outputFiles[0].contents
}

export const PAGE = `<!doctype html>
<html lang="tr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>bench:render</title></head>
<body><main></main></body>
</html>
`

/** Serves the blank test page at / and the floor's bundle at /floor-form.js. */
async function startPageServer(floorJs) {
  const port = await freePort()
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (path === '/floor-form.js') {
      res.writeHead(200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': 'public, max-age=300',
      })
      res.end(floorJs)
    } else if (path === '/') {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
      })
      res.end(PAGE)
    } else {
      res.writeHead(404).end()
    }
  })
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

// ---------------------------------------------------------------- the store

/** A lead on the demo store and a quote sent to it through the admin API; its link's token. */
async function sentQuoteToken(api, origin, siteKey, repKey) {
  const capture = await fetch(`${api}/v1/leads`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: origin,
      'Idempotency-Key': `bench-render-${Date.now()}`,
      'CF-Connecting-IP': '10.70.0.1',
    },
    body: JSON.stringify({
      siteKey,
      fields: { name: 'Derya Şen', email: `bench-render.${Date.now()}@musteri.example` },
      consent: { version: '2026-01', channels: { email: true } },
      elapsedMs: 10_000,
    }),
  })
  if (capture.status !== 201)
    throw new Error(`capture answered ${capture.status}: ${await capture.text()}`)
  const { leadId } = await capture.json()
  const call = async (path, body) => {
    const res = await fetch(api + path, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${repKey}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`)
    return res.json()
  }
  const p = (text) => ({ type: 'p', children: [{ text }] })
  const draft = await call(`/admin/api/leads/${leadId}/quotes`, {
    title: 'Otel havlusu teklifi',
    currency: 'TRY',
    validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    sections: {
      problems: [p('Havlular 6 ayda yıpranıyor.')],
      solutions: [
        {
          type: 'ul',
          items: [[{ text: '550 g/m² penye pamuk', bold: true }], [{ text: 'Logo nakışı' }]],
        },
      ],
      timeline: [p('Numune 1 hafta, üretim 3 hafta.')],
      faq: [{ question: 'Kargo dahil mi?', answer: [p('Evet.')] }],
    },
    lines: [
      {
        name: 'Otel havlusu 50×90',
        unit: 'adet',
        quantityMilli: 800_000,
        unitPriceMinor: 8_990,
        taxRateBps: 2000,
      },
      {
        name: 'Logo nakışı',
        unit: 'adet',
        quantityMilli: 800_000,
        unitPriceMinor: 1_250,
        discount: { kind: 'percent', bps: 1000 },
        taxRateBps: 2000,
      },
    ],
  })
  const sent = await call(`/admin/api/quotes/${draft.id}/send`)
  const token = /[A-Za-z0-9]{32}$/.exec(sent.url)?.[0]
  if (!token) throw new Error(`the sent quote's link has no token: ${sent.url}`)
  return token
}

/**
 * The store the render bench and the profiler measure against: the demo store in a fresh local
 * D1 with the test page's origin allowed, `wrangler dev` serving it, and for `<leadline-quote>`
 * (`quote: true`) a quote sent to a lead, whose link's token is `token` ('' otherwise). Stops the
 * server again when the quote cannot be sent.
 *
 * @param {{ persistTo: string, pageOrigin: string, log?: string, quote: boolean }} options
 * @example
 * const { server, store, token } = await startBenchStore({ persistTo, pageOrigin: pages.url, quote: true })
 */
export async function startBenchStore({ persistTo, pageOrigin, log, quote }) {
  const { server, store } = await startDemoStore({ persistTo, origins: [pageOrigin], log })
  try {
    const rep = store.users.find((u) => u.role === 'rep')
    const token = quote
      ? await sentQuoteToken(server.url, pageOrigin, store.publicKey, rep.key)
      : ''
    return { server, store, token }
  } catch (err) {
    await server.stop()
    throw err
  }
}

// ---------------------------------------------------------------- in the page

/**
 * Init script of a timed page: records long tasks from the page's start (buffered), and sets up
 * the state the mount and the settle check fill in.
 */
export function instrument() {
  const b = {
    longTasks: [],
    t0: NaN,
    detectedAt: NaN,
    paintedAt: NaN,
    lastChangeAt: NaN,
    lastPaintAt: NaN,
    pending: false,
  }
  b.painted = new Promise((resolve) => (b.onPainted = resolve))
  window.__bench = b
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      b.longTasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
}

/**
 * Puts the widget's tag into the page, then inserts the script tag at t0, and watches: a rAF
 * loop until the content shows (then a macrotask after that frame's paint: `paintedAt`), and a
 * MutationObserver on the shadow root and host marking each change and the paint after it.
 */
export function mount({ tag, attrs, selector, script }) {
  const b = window.__bench
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v)
  document.querySelector('main').append(el)
  const afterPaint = (done) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => done(performance.now())
      channel.port2.postMessage(0)
    })
  const changed = () => {
    b.lastChangeAt = performance.now()
    if (b.pending) return
    b.pending = true
    afterPaint((at) => {
      b.pending = false
      b.lastPaintAt = at
    })
  }
  const observer = new MutationObserver(changed)
  observer.observe(el, { attributes: true })
  let watching = false
  const tick = () => {
    const root = el.shadowRoot
    if (root && !watching) {
      watching = true
      observer.observe(root, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      })
    }
    if (root?.querySelector(selector)) {
      b.detectedAt = performance.now()
      const channel = new MessageChannel()
      channel.port1.onmessage = () => {
        b.paintedAt = performance.now()
        b.onPainted()
      }
      channel.port2.postMessage(0)
    } else requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
  const s = document.createElement('script')
  if (script.module) s.type = 'module'
  else s.async = true
  for (const [k, v] of Object.entries(script.dataset ?? {})) s.dataset[k] = v
  s.src = script.src
  b.t0 = performance.now()
  document.head.append(s)
  return b.t0
}

/** How long the widget has been still: since its last change, paint or finished request. */
function stillFor() {
  const b = window.__bench
  const ends = performance.getEntriesByType('resource').map((e) => e.responseEnd)
  const last = Math.max(b.paintedAt, b.lastChangeAt || 0, b.lastPaintAt || 0, ...ends)
  return { painted: b.paintedAt > 0, pending: b.pending, still: performance.now() - last }
}

/** What a timed page recorded, relative to t0. */
function collect() {
  const b = window.__bench
  return {
    t0: b.t0,
    detectedAt: b.detectedAt,
    paintedAt: b.paintedAt,
    lastPaintAt: b.lastPaintAt,
    longTasks: b.longTasks,
    resources: performance.getEntriesByType('resource').map((e) => ({
      name: e.name,
      start: e.startTime,
      end: e.responseEnd,
      type: e.initiatorType,
    })),
  }
}

/**
 * One mount/unmount cycle in the heap page: create the element, wait until its content is
 * painted (rAF loop, then a macrotask after the frame), remove it. Resource Timing entries are
 * cleared so the page's own buffer does not count as growth.
 */
function cycle({ tag, attrs, selector, count, timeoutMs }) {
  const once = () =>
    new Promise((resolve, reject) => {
      const el = document.createElement(tag)
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v)
      document.querySelector('main').append(el)
      const deadline = performance.now() + timeoutMs
      const tick = () => {
        if (el.shadowRoot?.querySelector(selector)) {
          const channel = new MessageChannel()
          channel.port1.onmessage = () => {
            el.remove()
            resolve()
          }
          channel.port2.postMessage(0)
        } else if (performance.now() > deadline) {
          el.remove()
          reject(new Error(`<${tag}> showed no ${selector} within ${timeoutMs} ms`))
        } else requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    })
  return (async () => {
    for (let i = 0; i < count; i++) {
      await once()
      performance.clearResourceTimings()
    }
  })()
}

/** Loads the loader (or the floor's module) into the heap page, with no widget tag yet. */
function loadScript(script) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script')
    if (script.module) s.type = 'module'
    for (const [k, v] of Object.entries(script.dataset ?? {})) s.dataset[k] = v
    s.onload = resolve
    s.onerror = () => reject(new Error(`${script.src} did not load`))
    s.src = script.src
    document.head.append(s)
  })
}

// ---------------------------------------------------------------- driving Chromium

/**
 * A page in a new context (empty cache) with the CPU slowed `rate` times, and what it has on the
 * network (CDP): the GET requests in flight (documents, scripts, module chunks, API reads), the
 * URLs it POSTed to, and when the last request started or ended.
 */
async function openPage(browser, rate) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate })
  const net = { inflight: new Map(), posts: new Set(), failed: [], lastAt: Date.now() }
  await cdp.send('Network.enable')
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.request.method === 'POST') net.posts.add(e.request.url)
    else net.inflight.set(e.requestId, e.request.url)
    net.lastAt = Date.now()
  })
  const done = (e) => {
    if (net.inflight.delete(e.requestId)) net.lastAt = Date.now()
  }
  cdp.on('Network.responseReceived', (e) => {
    if (e.response.status >= 400) net.failed.push(`${e.response.status} ${e.response.url}`)
  })
  cdp.on('Network.loadingFinished', done)
  cdp.on('Network.loadingFailed', (e) => {
    if (!e.canceled) net.failed.push(`${e.errorText} ${net.inflight.get(e.requestId) ?? ''}`)
    done(e)
  })
  return { context, page, cdp, net }
}

/** Resolves once no GET has been in flight, and none started or ended, for `quietMs`. */
async function networkIdle(net, quietMs) {
  const deadline = Date.now() + TIMEOUT_MS
  while (net.inflight.size || Date.now() - net.lastAt < quietMs) {
    if (Date.now() > deadline)
      throw new Error(`still loading after ${TIMEOUT_MS} ms: ${[...net.inflight.values()]}`)
    await sleep(100)
  }
}

/** One timed mount of `target` at `rate`; figures in ms from t0. */
async function measure(browser, env, name, rate) {
  const target = env.targets[name]
  const { context, page, net } = await openPage(browser, rate)
  try {
    await page.addInitScript(instrument)
    await page.goto(env.pageUrl + '/')
    await page.evaluate(mount, target)
    // A promise the page resolves, not waitForFunction: its polling would add work to each frame.
    const painted = page.evaluate(() => window.__bench.painted.then(() => true))
    let timer
    const late = new Promise((resolve) => (timer = setTimeout(resolve, TIMEOUT_MS, false)))
    const shown = await Promise.race([painted, late])
    clearTimeout(timer)
    if (!shown)
      throw new Error(
        `<${target.tag}> showed no ${target.selector} within ${TIMEOUT_MS} ms` +
          (net.failed.length
            ? `; failed requests: ${net.failed.join(', ')} (did a build of dist/public during ` +
              'the run replace the chunks the worker serves?)'
            : ''),
      )
    const deadline = Date.now() + TIMEOUT_MS
    for (;;) {
      await sleep(200)
      const s = await page.evaluate(stillFor)
      const idle = !net.inflight.size && Date.now() - net.lastAt >= QUIET_MS
      if (idle && !s.pending && s.still >= QUIET_MS) break
      if (Date.now() > deadline) {
        throw new Error(
          `<${target.tag}> did not settle within ${TIMEOUT_MS} ms` +
            (net.inflight.size ? `; in flight: ${[...net.inflight.values()].join(', ')}` : ''),
        )
      }
    }
    const r = await page.evaluate(collect)
    const gets = r.resources.filter((e) => e.start >= r.t0 && !net.posts.has(e.name))
    const settled = Math.max(r.paintedAt, r.lastPaintAt || 0, ...gets.map((e) => e.end))
    const tasks = r.longTasks.filter((t) => t.start >= r.t0 && t.start <= settled)
    return {
      paintedMs: r.paintedAt - r.t0,
      totalMs: settled - r.t0,
      longTaskMs: tasks.reduce((s, t) => s + t.duration, 0),
      blockingMs: tasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
      longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
      longTasks: tasks.length,
      requests: gets.map((e) => ({
        path: new URL(e.name).pathname,
        startMs: round1(e.start - r.t0),
        endMs: round1(e.end - r.t0),
      })),
    }
  } finally {
    await context.close()
  }
}

/**
 * Forces full garbage collections (CDP HeapProfiler.collectGarbage) until the heap used stops
 * shrinking (within 0.5 %, at most 6 rounds: one can leave objects a finalizer or weak reference
 * frees in the next), and returns the least heap used seen (Runtime.getHeapUsage).
 */
async function heapUsed(cdp) {
  let least = Infinity
  for (let i = 0; i < 6; i++) {
    await cdp.send('HeapProfiler.collectGarbage')
    await sleep(150)
    const { usedSize } = await cdp.send('Runtime.getHeapUsage')
    const settled = usedSize >= least * 0.995
    least = Math.min(least, usedSize)
    if (settled) break
  }
  return least
}

/**
 * Mount/unmount cycles before the heap's start is read. The first loads the chunks; the heap then
 * still grows by a bounded amount while V8 optimizes the hot paths (about 35 KB over the floor's
 * next 20 cycles, 3 KB over 200 more after 50), which is not what the goal is about.
 */
const HEAP_WARMUP = Math.max(1, Number(process.env.BENCH_RENDER_HEAP_WARMUP ?? 50))

/**
 * BENCH_RENDER_CYCLES mount/unmount cycles of `name` in one page: the heap after the first mount,
 * at the start (after HEAP_WARMUP cycles) and after the cycles, each after a forced GC. The
 * cycles run in the page, one call per phase, so the bench's own evaluated code stays the same.
 */
async function heap(browser, env, name, rate) {
  const target = env.targets[name]
  const { context, page, cdp, net } = await openPage(browser, rate)
  try {
    await page.goto(env.pageUrl + '/')
    const blank = await heapUsed(cdp)
    await page.evaluate(loadScript, target.script)
    const args = { ...target, timeoutMs: TIMEOUT_MS }
    const phase = async (count) => {
      await page.evaluate(cycle, { ...args, count })
      await networkIdle(net, QUIET_MS) // the last cycle's requests end before the heap is read
      return heapUsed(cdp)
    }
    const first = await phase(1)
    const before = HEAP_WARMUP > 1 ? await phase(HEAP_WARMUP - 1) : first
    const after = await phase(CYCLES)
    return {
      cycles: CYCLES,
      warmupCycles: HEAP_WARMUP,
      blankPageBytes: blank,
      firstMountBytes: first,
      beforeBytes: before,
      afterBytes: after,
      growthPct: round1(((after - before) / before) * 100),
      growthSinceFirstPct: round1(((after - first) / first) * 100),
    }
  } finally {
    await context.close()
  }
}

// ---------------------------------------------------------------- report

const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)} ms` : '–')
const pad = (cells, widths) =>
  cells.map((c, i) => (i ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ')

function printRate(rate, rows) {
  const w = [20, 16, 9, 17, 9, 9, 8]
  console.log(`\nCPU ${rate}× (medians of ${RUNS} cold runs)`)
  const head = [
    '',
    'mount → painted',
    'total',
    'long tasks Σ (n)',
    'blocking',
    'longest',
    '× floor',
  ]
  console.log(pad(head, w))
  for (const r of rows) {
    const cells = [
      `<${WIDGETS[r.name].tag}>`,
      ms(r.paintedMs),
      ms(r.totalMs),
      `${ms(r.longTaskMs)} (${r.longTasks})`,
      ms(r.blockingMs),
      ms(r.longestTaskMs),
      `${r.ratio.toFixed(2)}×`,
    ]
    console.log(pad(cells, w))
  }
}

/**
 * The requests of each widget's median run (by total) at `rate`, when each started and ended
 * after t0: a request that starts only when another has ended is a chain.
 */
function printRequests(rate, byName) {
  console.log(`\nRequests at CPU ${rate}× in each widget's median run (ms after the script tag)`)
  for (const name of NAMES) {
    const sorted = [...byName[name]].sort((a, b) => a.totalMs - b.totalMs)
    const run = sorted[(sorted.length - 1) >> 1]
    const short = (path) =>
      path.replace(/^\/v1\/sites\/[^/]+\//, '…/').replace(/^\/v1\/quotes\/[^/]+/, '…/quote')
    const list = run.requests.map(
      (r) => `${short(r.path)} ${Math.round(r.startMs)}–${Math.round(r.endMs)}`,
    )
    console.log(`  <${WIDGETS[name].tag}>: ${list.join(', ')}`)
  }
}

/** The goals against the figures at 4× (or the fastest-throttled rate measured). */
function goals(summary, heapFigures) {
  const rate = summary.some((s) => s.rate === GOAL_RATE) ? GOAL_RATE : Math.max(...RATES)
  const rows = summary.find((s) => s.rate === rate).widgets
  const out = []
  for (const r of rows) {
    if (r.name === 'floor') continue
    const goal = WIDGETS[r.name].goal
    out.push({
      goal: `<${WIDGETS[r.name].tag}> total ≤ ${goal}× the floor's at ${rate}×`,
      value: `${r.ratio.toFixed(2)}×`,
      met: r.ratio <= goal,
    })
  }
  const widgets = rows.filter((r) => r.name !== 'floor')
  const worst = widgets.reduce((a, r) => (r.longestTaskMs > a.longestTaskMs ? r : a))
  const floor = rows.find((r) => r.name === 'floor')
  out.push({
    goal: `no long task over ${LONG_TASK_GOAL_MS} ms at ${rate}× (median of each widget's longest)`,
    value:
      `longest ${ms(worst.longestTaskMs)} (<${WIDGETS[worst.name].tag}>; ` +
      `the floor's ${ms(floor.longestTaskMs)})`,
    met: worst.longestTaskMs <= LONG_TASK_GOAL_MS,
  })
  for (const [name, h] of Object.entries(heapFigures)) {
    if (name === 'floor') continue
    out.push({
      goal: `<${WIDGETS[name].tag}> heap after ${h.cycles} cycles within ${HEAP_GOAL_PCT} %`,
      value: `${h.growthPct >= 0 ? '+' : ''}${h.growthPct} %`,
      met: h.growthPct <= HEAP_GOAL_PCT,
    })
  }
  return out
}

// ---------------------------------------------------------------- main

async function main() {
  if (!ensureChromium()) throw new Error(`no Chromium at ${CHROMIUM}`)
  // What is built and measured: read before the build, as the tree may move during the run.
  const git = (...args) => execFileSync('git', args, { cwd: ROOT }).toString().trim()
  const changed = git('status', '--porcelain', '--untracked-files=no').split('\n').filter(Boolean)
  const commit =
    git('rev-parse', '--short', 'HEAD') +
    (changed.length ? ` + uncommitted changes in ${changed.length} files` : '')
  if (process.env.BENCH_RENDER_BUILD !== '0') build()
  const floorJs = await bundleFloor()
  const pages = await startPageServer(floorJs)
  const persistTo = mkdtempSync(join(tmpdir(), 'leadline-bench-render-'))
  let server
  let browser
  try {
    const started = await startBenchStore({
      persistTo,
      pageOrigin: pages.url,
      quote: chosen.includes('quote'),
    })
    server = started.server
    const { store, token } = started
    const loader = { src: `${server.url}/embed.js`, dataset: { site: store.publicKey } }
    const targets = {}
    for (const name of NAMES) {
      const { tag, selector } = WIDGETS[name]
      targets[name] = {
        tag,
        selector,
        attrs: name === 'quote' ? { token } : {},
        script: name === 'floor' ? { src: `${pages.url}/floor-form.js`, module: true } : loader,
      }
    }
    const env = { pageUrl: pages.url, targets }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })

    // Warm-up: wrangler dev bundles the worker and opens D1 on first use.
    console.error(`bench:render: warm-up (${NAMES.join(', ')})…`)
    for (const name of NAMES) await measure(browser, env, name, 1)

    const runs = Object.fromEntries(
      RATES.map((r) => [r, Object.fromEntries(NAMES.map((n) => [n, []]))]),
    )
    for (let i = 0; i < RUNS; i++) {
      console.error(`bench:render: run ${i + 1}/${RUNS}…`)
      const order = NAMES.map((_, k) => NAMES[(i + k) % NAMES.length])
      for (const rate of RATES)
        for (const name of order) runs[rate][name].push(await measure(browser, env, name, rate))
    }

    const summary = RATES.map((rate) => {
      const of = (name, key) => median(runs[rate][name].map((r) => r[key]))
      const floorTotal = of('floor', 'totalMs')
      return {
        rate,
        widgets: NAMES.map((name) => ({
          name,
          tag: WIDGETS[name].tag,
          paintedMs: round1(of(name, 'paintedMs')),
          totalMs: round1(of(name, 'totalMs')),
          longTaskMs: round1(of(name, 'longTaskMs')),
          blockingMs: round1(of(name, 'blockingMs')),
          longestTaskMs: round1(of(name, 'longestTaskMs')),
          maxLongestTaskMs: round1(Math.max(...runs[rate][name].map((r) => r.longestTaskMs))),
          longTasks: of(name, 'longTasks'),
          ratio: Math.round((of(name, 'totalMs') / floorTotal) * 100) / 100,
        })),
      }
    })
    for (const s of summary) printRate(s.rate, s.widgets)
    printRequests(Math.max(...RATES), runs[Math.max(...RATES)])

    const heapFigures = {}
    if (CYCLES > 0) {
      const rate = RATES[0]
      for (const name of NAMES) {
        console.error(`bench:render: heap, ${CYCLES} cycles of <${WIDGETS[name].tag}> at ${rate}×…`)
        heapFigures[name] = { rate, ...(await heap(browser, env, name, rate)) }
      }
      console.log(
        `\nHeap (V8, after forced GC): after the first mount, at the start (after ${HEAP_WARMUP} ` +
          `mount/unmount cycles), after ${CYCLES} more; CPU ${RATES[0]}×`,
      )
      const w = [20, 12, 12, 12, 9, 17]
      console.log(pad(['', 'first mount', 'start', 'after', 'growth', 'since 1st mount'], w))
      const mb = (b) => `${(b / 2 ** 20).toFixed(3)} MB`
      const pct = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(1)} %`
      for (const [name, h] of Object.entries(heapFigures)) {
        console.log(
          pad(
            [
              `<${WIDGETS[name].tag}>`,
              mb(h.firstMountBytes),
              mb(h.beforeBytes),
              mb(h.afterBytes),
              pct(h.growthPct),
              pct(h.growthSinceFirstPct),
            ],
            w,
          ),
        )
      }
    }

    const checked = goals(summary, heapFigures)
    console.log('\nGoals (issue 14)')
    for (const g of checked) console.log(`  ${g.met ? 'met   ' : 'MISSED'}  ${g.goal}: ${g.value}`)

    const result = {
      at: new Date().toISOString(),
      commit,
      node: process.version,
      chromium: browser.version(),
      machine: `${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
      runs: RUNS,
      quietMs: QUIET_MS,
      summary,
      heap: heapFigures,
      goals: checked,
      raw: runs,
    }
    mkdirSync(join(ROOT, 'dist'), { recursive: true })
    writeFileSync(join(ROOT, 'dist/bench-render.json'), JSON.stringify(result, null, 2) + '\n')
    console.log(`\n${result.machine}; Chromium ${result.chromium}; commit ${commit}`)
    console.log('written to dist/bench-render.json')
  } finally {
    await browser?.close()
    await server?.stop()
    await pages.close()
    rmSync(persistTo, { recursive: true, force: true })
  }
}

// Run, unless imported for its helpers (scripts/bench/render-profile.mjs).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
