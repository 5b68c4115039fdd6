/**
 * `npm run bench`: the figures that say whether Leadline is small and fast enough.
 *
 * 1. Transfer size: gzip and brotli of `embed.js` and of the chunks it loads for `<leadline-form>`
 *    (Lit is bundled into them), and their sum.
 * 2. Capture cost: `POST /v1/leads` throughput and p50/p99 latency against `wrangler dev`, side by
 *    side in the same run with a floor worker that only inserts one row into D1
 *    (scripts/bench/floor-worker), and their ratio (goal: at most 1.5×). Bounded by count and
 *    time, only 127.0.0.1. The capture route is rate limited per store and client address
 *    (CAPTURE_LIMITER, 20/min keyed by CF-Connecting-IP); `wrangler dev` passes a client's
 *    CF-Connecting-IP header through to the worker, so each bench request comes from its own
 *    address in 10.0.0.0/8 and the limiter stays on, as in production.
 * 3. Cumulative Layout Shift of the demo page in Chromium while the form loads (goal ≤ 0.01).
 *
 * Prints the figures and writes them to dist/bench.json. Exits non-zero only when the bench
 * itself cannot run (a failed request or a server that does not start), not when a goal is missed.
 */
/* global window, PerformanceObserver -- used only in functions that run inside the page */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build, PUBLIC_DIR } from './build.mjs'
import { CHROMIUM, CHROMIUM_ARGS, ensureNode } from './lib/setup.mjs'
import {
  applyMigrations,
  demoStore,
  freePort,
  loopbackOrigins,
  ROOT,
  seedStore,
  startDemoStore,
  startDevServer,
} from './lib/dev-server.mjs'

await ensureNode(ROOT)

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8)
const MAX_SECONDS_PER_ROUND = 60
const WARMUP = 100
const CLS_GOAL = 0.01
const RATIO_GOAL = 1.5

// ---------------------------------------------------------------- sizes

function sizeOf(file) {
  const bytes = readFileSync(file)
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  }
}

/**
 * The chunk files a chunk pulls in through static or dynamic imports of `./x.js`, itself
 * included: everything a visitor downloads by the time the form has validated a field.
 */
function chunkClosure(name, seen = new Set()) {
  if (seen.has(name)) return seen
  seen.add(name)
  const code = readFileSync(join(PUBLIC_DIR, 'chunks', name), 'utf8')
  const imports = /(?:\bimport\s*\(?|\bfrom)\s*["'`]\.\/([\w.-]+\.js)["'`]/g
  for (const m of code.matchAll(imports)) chunkClosure(m[1], seen)
  return seen
}

const sum = (files) =>
  files.reduce(
    (t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }),
    { raw: 0, gzip: 0, brotli: 0 },
  )

/**
 * What a visitor downloads: for `<leadline-form>` the loader and the form chunk's closure (Lit
 * shared, validation loaded on first focus); for `<leadline-quiz>`, `<leadline-booking>` and
 * `<leadline-quote>` on the same page, what each chunk's closure adds on top of that; for
 * `<leadline-invoice>`, what it adds on top of the form and the quote (the quote-common chunk
 * is shared), as widget/size.node.test.ts budgets them. The loader imports
 * `chunks/<tag without prefix>.js`.
 */
function measureSizes() {
  const form = ['embed.js', ...[...chunkClosure('form.js')].map((c) => `chunks/${c}`)]
  const closure = (chunk) => [...chunkClosure(chunk)].map((c) => `chunks/${c}`)
  const onTop = (chunk, below = form) => closure(chunk).filter((f) => !below.includes(f))
  const measure = (names) => names.map((file) => ({ file, ...sizeOf(join(PUBLIC_DIR, file)) }))
  const formFiles = measure(form)
  const quizFiles = measure(onTop('quiz.js'))
  const bookingFiles = measure(onTop('booking.js'))
  const quoteFiles = measure(onTop('quote.js'))
  const invoiceFiles = measure(onTop('invoice.js', [...form, ...closure('quote.js')]))
  return {
    files: [...formFiles, ...quizFiles, ...bookingFiles, ...quoteFiles, ...invoiceFiles],
    total: sum(formFiles),
    quizOnTop: sum(quizFiles),
    bookingOnTop: sum(bookingFiles),
    quoteOnTop: sum(quoteFiles),
    invoiceOnTop: sum(invoiceFiles),
  }
}

// ---------------------------------------------------------------- load

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]

/**
 * Sends `count` requests made by `makeRequest(i)` with `concurrency` in flight, stopping early
 * after `maxSeconds`. Local D1 now and then drops a connection under load ("Network connection
 * lost", answered 500 by the floor worker and 503 by Leadline); such answers are counted and
 * reported, not timed. More than 1% of them, or any other non-201 answer, stops the bench: a
 * bench of errors measures nothing.
 */
async function load({ count, concurrency, maxSeconds, makeRequest, offset = 0 }) {
  const latencies = []
  let transient = 0
  const deadline = performance.now() + maxSeconds * 1000
  let next = 0
  const started = performance.now()
  async function worker() {
    while (next < count && performance.now() < deadline) {
      const i = offset + next++
      const { url, init } = makeRequest(i)
      const t0 = performance.now()
      const res = await fetch(url, init)
      const text = await res.text()
      const elapsed = performance.now() - t0
      if (res.status === 201) {
        latencies.push(elapsed)
        continue
      }
      const dropped = res.status >= 500 && /Network connection lost/i.test(text)
      if (!dropped && res.status !== 503)
        throw new Error(`request ${i} to ${url} answered ${res.status}: ${text}`)
      if (++transient > count / 100)
        throw new Error(`more than 1% of requests to ${url} failed; last: ${res.status} ${text}`)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return { latencies, transient, seconds: (performance.now() - started) / 1000 }
}

function summarize(rounds) {
  const latencies = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b)
  const seconds = rounds.reduce((s, r) => s + r.seconds, 0)
  const round1 = (x) => Math.round(x * 10) / 10
  return {
    requests: latencies.length,
    transientErrors: rounds.reduce((s, r) => s + r.transient, 0),
    seconds: round1(seconds),
    perSecond: round1(latencies.length / seconds),
    p50Ms: round1(percentile(latencies, 50)),
    p99Ms: round1(percentile(latencies, 99)),
  }
}

/** A capture body like the demo form sends; `i` keeps each person distinct. */
function leadBody(siteKey, i) {
  return JSON.stringify({
    siteKey,
    fields: {
      name: `Bench Kişi ${i}`,
      email: `bench.${i}.${RUN_ID}@musteri.example`,
      company: 'Bench Tekstil',
      message: 'Numune ve fiyat teklifi istiyoruz.',
    },
    consent: { version: '2026-01', channels: { email: true } },
    context: { pageUrl: 'http://127.0.0.1/', locale: 'tr', utm: { source: 'bench' } },
    elapsedMs: 5000,
  })
}

const RUN_ID = Date.now().toString(36)

/** 10.x.y.z for request i: a distinct client address per request (see the header comment). */
const clientIp = (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`

async function benchCapture(log) {
  const lead = { persistTo: mkdtempSync(join(tmpdir(), 'leadline-bench-')), port: await freePort() }
  const floor = {
    persistTo: mkdtempSync(join(tmpdir(), 'leadline-floor-')),
    port: await freePort(),
  }
  const floorConfig = join(ROOT, 'scripts', 'bench', 'floor-worker', 'wrangler.toml')
  const servers = []
  try {
    await applyMigrations({ persistTo: lead.persistTo })
    const store = await seedStore(demoStore(loopbackOrigins(lead.port)), {
      persistTo: lead.persistTo,
    })
    const bookingStore = await seedStore(bookingBenchStore(loopbackOrigins(lead.port)), {
      persistTo: lead.persistTo,
    })
    await applyMigrations({ persistTo: floor.persistTo, config: floorConfig })
    log('bench: starting wrangler dev for Leadline and for the floor worker…')
    servers.push(
      await startDevServer({
        port: lead.port,
        persistTo: lead.persistTo,
        log: join(lead.persistTo, 'wrangler.log'),
      }),
    )
    servers.push(
      await startDevServer({
        port: floor.port,
        persistTo: floor.persistTo,
        config: floorConfig,
        log: join(floor.persistTo, 'wrangler.log'),
      }),
    )
    const [leadServer, floorServer] = servers
    const origin = `http://127.0.0.1:${lead.port}`
    const leadRequest = (i) => ({
      url: `${leadServer.url}/v1/leads`,
      init: {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Origin: origin,
          'Idempotency-Key': `bench-${RUN_ID}-${i}`,
          'CF-Connecting-IP': clientIp(i),
        },
        body: leadBody(store.publicKey, i),
      },
    })
    const floorRequest = (i) => ({
      url: `${floorServer.url}/`,
      init: {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: leadBody(store.publicKey, i),
      },
    })

    // Warm both (module compile, SQLite pages), then alternate halves so drift hits both alike.
    const opts = { concurrency: CONCURRENCY, maxSeconds: MAX_SECONDS_PER_ROUND }
    await load({ ...opts, count: WARMUP, makeRequest: leadRequest, offset: 1_000_000 })
    await load({ ...opts, count: WARMUP, makeRequest: floorRequest, offset: 1_000_000 })
    const half = Math.ceil(REQUESTS / 2)
    const leadRounds = []
    const floorRounds = []
    for (const round of [0, 1]) {
      log(`bench: round ${round + 1}/2, ${half} captures each at concurrency ${CONCURRENCY}…`)
      floorRounds.push(
        await load({ ...opts, count: half, makeRequest: floorRequest, offset: round * half }),
      )
      leadRounds.push(
        await load({ ...opts, count: half, makeRequest: leadRequest, offset: round * half }),
      )
    }
    log(`bench: ${BOOKINGS} bookings at concurrency ${CONCURRENCY}…`)
    const bookingRound = await load({
      ...opts,
      count: BOOKINGS,
      makeRequest: (i) => bookingRequest(leadServer.url, origin, bookingStore.publicKey, i),
    })
    const booking = summarize([bookingRound])
    const leadline = summarize(leadRounds)
    const floorFigures = summarize(floorRounds)
    return {
      requests: REQUESTS,
      concurrency: CONCURRENCY,
      rateLimit: 'CAPTURE_LIMITER on; one CF-Connecting-IP per request',
      leadline,
      floor: floorFigures,
      booking,
      ratio: {
        p50: Math.round((leadline.p50Ms / floorFigures.p50Ms) * 100) / 100,
        p99: Math.round((leadline.p99Ms / floorFigures.p99Ms) * 100) / 100,
        throughput: Math.round((floorFigures.perSecond / leadline.perSecond) * 100) / 100,
      },
    }
  } finally {
    for (const s of servers.reverse()) await s.stop()
    rmSync(lead.persistTo, { recursive: true, force: true })
    rmSync(floor.persistTo, { recursive: true, force: true })
  }
}

// ---------------------------------------------------------------- booking

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 400)
const BENCH_REPS = 5
const DAY_MS = 86_400_000

/** A store whose five reps take 30-minute demos around the clock (UTC), up to 50 a day each. */
function bookingBenchStore(origins) {
  const allDay = [{ start: '00:00', end: '24:00' }]
  const availability = {
    timeZone: 'UTC',
    weekly: Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay]),
    ),
    overrides: [],
    bufferBeforeMin: 0,
    bufferAfterMin: 0,
    minNoticeMin: 0,
    maxDaysAhead: 60,
    maxPerDay: 50,
  }
  return {
    name: 'Bench Booking',
    origins,
    people: [
      { name: 'Owner', email: 'owner@bench.example', role: 'owner' },
      ...Array.from({ length: BENCH_REPS }, (_, i) => ({
        name: `Rep ${i}`,
        email: `rep${i}@bench.example`,
        role: 'rep',
        availability,
      })),
    ],
  }
}

/**
 * Booking `i`: a visitor with contact details books the start `i` half hours after tomorrow
 * 00:00 UTC: distinct visitors picking distinct times, spread over the reps by the assignment.
 */
function bookingRequest(base, origin, siteKey, i) {
  const tomorrow = Math.ceil(Date.now() / DAY_MS) * DAY_MS
  const start = new Date(tomorrow + i * 30 * 60_000).toISOString()
  return {
    url: `${base}/v1/bookings`,
    init: {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Origin: origin,
        'Idempotency-Key': `bench-booking-${RUN_ID}-${i}`,
        'CF-Connecting-IP': clientIp(2_000_000 + i),
      },
      body: JSON.stringify({
        siteKey,
        type: 'demo',
        start,
        timeZone: 'Europe/Istanbul',
        contact: {
          fields: {
            name: `Bench Ziyaretçi ${i}`,
            email: `bench-booking-${RUN_ID}-${i}@example.com`,
          },
          consent: { version: '2026-01', channels: { email: true } },
        },
      }),
    },
  }
}

// ---------------------------------------------------------------- layout shift

/**
 * Loads the demo page with the form in view and sums layout-shift entries (without recent input)
 * from navigation until the form has rendered and the network is idle.
 */
async function benchCls(log) {
  const { chromium } = await import('playwright-core')
  const persistTo = mkdtempSync(join(tmpdir(), 'leadline-cls-'))
  let server
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  })
  try {
    server = (await startDemoStore({ persistTo })).server
    const scenarios = [
      { name: 'desktop 1280×900', viewport: { width: 1280, height: 900 } },
      { name: 'tablet 768×1024', viewport: { width: 768, height: 1024 } },
      { name: 'phone 390×844', viewport: { width: 390, height: 844 }, isMobile: true },
    ]
    const results = []
    for (const s of scenarios) {
      log(`bench: layout shift, ${s.name}…`)
      const context = await browser.newContext({
        viewport: s.viewport,
        isMobile: s.isMobile ?? false,
      })
      const page = await context.newPage()
      await page.addInitScript(() => {
        window.__cls = { value: 0, entries: [] }
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (e.hadRecentInput) continue
            window.__cls.value += e.value
            window.__cls.entries.push({
              value: e.value,
              at: Math.round(e.startTime),
              nodes: e.sources.map((src) => src.node?.nodeName ?? '?'),
            })
          }
        }).observe({ type: 'layout-shift', buffered: true })
      })
      // #teklif scrolls the contact section into view, so a shift there is a visible one.
      await page.goto(`${server.url}/#teklif`)
      await page.getByLabel('Ad Soyad').waitFor({ timeout: 30_000 })
      await page.waitForLoadState('networkidle')
      await page.waitForTimeout(500)
      const cls = await page.evaluate(() => window.__cls)
      const formHeight = await page
        .locator('leadline-form')
        .evaluate((el) => Math.round(el.getBoundingClientRect().height))
      results.push({
        scenario: s.name,
        cls: Math.round(cls.value * 10000) / 10000,
        formHeightPx: formHeight,
        shifts: cls.entries,
      })
      await context.close()
    }
    return { goal: CLS_GOAL, worst: Math.max(...results.map((r) => r.cls)), scenarios: results }
  } finally {
    await browser.close()
    await server?.stop()
    rmSync(persistTo, { recursive: true, force: true })
  }
}

// ---------------------------------------------------------------- main

const log = (line) => console.error(line)
build()
const sizes = measureSizes()
const capture = await benchCapture(log)
const cls = await benchCls(log)
const report = { at: new Date().toISOString(), node: process.version, sizes, capture, cls }
writeFileSync(join(ROOT, 'dist', 'bench.json'), JSON.stringify(report, null, 2) + '\n')

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`
const row = (cells, widths) => cells.map((c, i) => String(c).padStart(widths[i])).join('  ')
const w = [34, 10, 10, 10]
const sizeRow = (label, x) => row([label, kb(x.raw), kb(x.gzip), kb(x.brotli)], w)
console.log('\nTransfer size (what a visitor downloads for <leadline-form>; the others on top)')
console.log(row(['file', 'raw', 'gzip', 'brotli'], w))
for (const f of sizes.files) console.log(sizeRow(f.file, f))
console.log(sizeRow('form, with lazy validation', sizes.total))
console.log(sizeRow('quiz on top of the form', sizes.quizOnTop))
console.log(sizeRow('booking on top of the form', sizes.bookingOnTop))
console.log(sizeRow('quote on top of the form', sizes.quoteOnTop))
console.log(sizeRow('invoice on top of form and quote', sizes.invoiceOnTop))

const c = capture
console.log(
  `\nLead capture, ${c.leadline.requests} requests at concurrency ${c.concurrency} (${c.rateLimit})`,
)
const w2 = [26, 10, 10, 10]
console.log(row(['', 'req/s', 'p50 ms', 'p99 ms'], w2))
console.log(
  row(['Leadline POST /v1/leads', c.leadline.perSecond, c.leadline.p50Ms, c.leadline.p99Ms], w2),
)
console.log(row(['floor (1 D1 insert)', c.floor.perSecond, c.floor.p50Ms, c.floor.p99Ms], w2))
console.log(
  `transient local D1 errors (not timed): Leadline ${c.leadline.transientErrors}, floor ${c.floor.transientErrors}`,
)
console.log(
  row(['Leadline POST /v1/bookings', c.booking.perSecond, c.booking.p50Ms, c.booking.p99Ms], w2),
)
const verdict = (ok) => (ok ? 'meets' : 'MISSES')
console.log(
  `ratio Leadline/floor: p50 ${c.ratio.p50}×, p99 ${c.ratio.p99}×, throughput ${c.ratio.throughput}× — ` +
    `${verdict(c.ratio.p50 <= RATIO_GOAL)} the ${RATIO_GOAL}× goal (p50)`,
)

console.log('\nCumulative Layout Shift of the demo page while the form loads')
for (const s of cls.scenarios) {
  console.log(
    `  ${s.scenario.padEnd(18)} CLS ${s.cls}  (form ${s.formHeightPx}px tall, ${s.shifts.length} shifts)`,
  )
}
console.log(`  worst ${cls.worst} — ${verdict(cls.worst <= CLS_GOAL)} the ≤ ${CLS_GOAL} goal`)
console.log('\nwritten to dist/bench.json')
