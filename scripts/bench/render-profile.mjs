/**
 * `node scripts/bench/render-profile.mjs [form,quiz,booking,quote]`: where each widget's CPU time
 * goes at start-up, next to the floor of `npm run bench:render`, measured with CPU profiles and a
 * trace instead of wall time (the figures hold up far better on a busy machine).
 *
 * Same page and mount as the bench (its `instrument` and `mount`): a blank page on one 127.0.0.1
 * origin, the widget's tag in the body, the script tag inserted at t0, `wrangler dev` with the
 * demo store as the API on another. Unlike the bench, the widget is built into a temporary
 * directory and served by this script (`embed.js` with `data-api` pointing at the worker), so it
 * neither builds nor reads `dist/public` while other runs use it; PROFILE_BUILD=dist serves the
 * last `dist/public` build instead.
 *
 * Each run is a new browser context at CPU throttling PROFILE_RATE (default 4) with Chromium's
 * trace (devtools.timeline, v8) and a sampling CPU profile (100 µs) from before t0 until the
 * widget has settled (painted, no GET in flight and nothing changed for 750 ms). Per target it
 * prints medians over PROFILE_RUNS runs (default 5) of:
 * - busy and cpu: the renderer main thread's task time between t0 and the paint of the content,
 *   and until settled, as wall time and as the thread's own CPU time (the trace's `tdur`, which a
 *   loaded machine and the throttling's pauses do not inflate, or far less); the CPU time split
 *   by what the trace says it was: compile (V8 compiling scripts and modules), evaluate (module
 *   and script bodies' own time), script (JS run from tasks, microtasks, events and callbacks),
 *   style, layout, paint (paint, pre-paint, layerize, commit), parse HTML (templates), GC and
 *   other (task time no event inside explains: IPC, scheduling);
 * - renders: how many times each element ran `update()` before its content was painted, and in
 *   all (counted by wrapping `update` of the classes passed to `customElements.define`);
 * - from the CPU profile of the median run: self time per script and the heaviest functions.
 * Writes dist/render-profile/<target>.cpuprofile (open in Chromium's DevTools, Performance) and
 * dist/render-profile/summary.json.
 */
/* global window, customElements -- in the page */
import { execSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { chromium } from 'playwright-core'
import { freePort, ROOT } from '../lib/dev-server.mjs'
import { buildPublic } from '../../widget/build.mjs'
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium, ensureNode } from '../lib/setup.mjs'

await ensureNode(ROOT)
const { WIDGETS, PAGE, bundleFloor, instrument, mount, startBenchStore } =
  await import('../bench-render.mjs')

const RUNS = Number(process.env.PROFILE_RUNS ?? 5)
const RATE = Number(process.env.PROFILE_RATE ?? 4)
/**
 * Whether to record a sampling CPU profile as well (PROFILE_CPU=1): it names the functions, but
 * V8 logs every compiled function while it runs, which slows the widget (many small functions)
 * far more than the floor; the trace's figures are read without it.
 */
const CPU_PROFILE = process.env.PROFILE_CPU === '1'
const QUIET_MS = 750
const TIMEOUT_MS = 30_000
const chosen = (process.argv[2] ?? 'form,quiz,booking,quote').split(',').filter(Boolean)
/**
 * PROFILE_BEFORE=<git revision>: also builds the widget as it was at that revision and profiles
 * it in the same runs, interleaved (`form@HEAD` next to `form`), so that before and after meet
 * the same load on the machine.
 */
const BEFORE = process.env.PROFILE_BEFORE
const NAMES = ['floor', ...chosen, ...(BEFORE ? chosen.map((n) => `${n}@${BEFORE}`) : [])]
const widgetOf = (name) => name.split('@')[0]
const label = (name) =>
  `<${WIDGETS[widgetOf(name)].tag}>${name.includes('@') ? ' @' + name.split('@')[1] : ''}`
const OUT = join(ROOT, 'dist', 'render-profile')
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

// ---------------------------------------------------------------- the page server

/**
 * The page at /, the floor at /floor-form.js, the widget's build under /w/ and the one of
 * PROFILE_BEFORE under /wb/ (CORS, as the worker serves them).
 */
async function startServer(floorJs, dirs) {
  const port = await freePort()
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (path === '/') {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
      })
      return res.end(PAGE)
    }
    if (path === '/floor-form.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' })
      return res.end(floorJs)
    }
    const [, top, ...rest] = path.split('/')
    const dir = dirs[top]
    const file = dir && normalize(join(dir, ...rest))
    if (file && file.startsWith(dir) && extname(file) === '.js' && existsSync(file)) {
      res.writeHead(200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Access-Control-Allow-Origin': '*',
        'Cache-Control': 'public, max-age=300',
      })
      return res.end(readFileSync(file))
    }
    res.writeHead(404).end()
  })
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) }
}

// ---------------------------------------------------------------- in the page

/** Counts `update()` per element of every class defined from now on, with its time. */
function countRenders() {
  const updates = (window.__updates = [])
  const define = customElements.define
  customElements.define = function (name, ctor, options) {
    const own = ctor.prototype.update
    if (typeof own === 'function') {
      ctor.prototype.update = function (changed) {
        updates.push({ tag: this.localName, at: performance.now() })
        return own.call(this, changed)
      }
    }
    return define.call(this, name, ctor, options)
  }
}

/** Marks t0 and the paint in the trace, where the main thread's time is read between them. */
function markTimes() {
  const b = window.__bench
  performance.mark('profile-t0', { startTime: b.t0 })
  performance.mark('profile-painted', { startTime: b.paintedAt })
  return {
    t0: b.t0,
    paintedAt: b.paintedAt,
    updates: window.__updates,
    ends: performance.getEntriesByType('resource').map((e) => e.responseEnd),
  }
}

// ---------------------------------------------------------------- the trace

const KIND = [
  [
    'compile',
    /^(v8\.compile|v8\.compileModule|V8\.CompileCode|v8\.produceCache|v8\.produceModuleCache|V8\.ParseFunction|v8\.parseOnBackground|CompileCode|CompileScript)/,
  ],
  ['evaluate', /^(v8\.evaluateModule|EvaluateScript|v8\.run)$/],
  [
    'script',
    /^(FunctionCall|v8\.callFunction|RunMicrotasks|EventDispatch|TimerFire|FireAnimationFrame|v8\.runMicrotasks|V8\.Execute|XHRReadyStateChange|FireIdleCallback)$/,
  ],
  [
    'style',
    /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|ScheduleStyleRecalculation|StyleRecalc)/,
  ],
  ['layout', /^(Layout|UpdateLayout|InvalidateLayout)$/],
  ['paint', /^(Paint|PrePaint|Layerize|Commit|UpdateLayer|CompositeLayers|PaintImage|RasterTask)$/],
  ['parseHTML', /^ParseHTML$/],
  ['gc', /(GC|gc)/],
]
const kindOf = (name) => KIND.find(([, re]) => re.test(name))?.[0] ?? 'other'

/**
 * Self time per kind on `main`'s thread (the page's renderer main thread) between `from` and `to`
 * (trace µs), in ms of thread CPU time (the trace's `tdur`: the time the thread ran, which neither
 * other processes on a loaded machine nor the CPU throttling's pauses add to), and the top-level
 * tasks' wall time (`busyMs`, `dur`) and CPU time (`cpuMs`). Complete events are nested by time;
 * each one's own time is its time less its children's.
 */
function mainThreadTime(events, main, from, to) {
  const on = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .filter((e) => e.ts >= from && e.ts < to)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur)
  const self = {}
  let busy = 0
  let cpu = 0
  const stack = []
  for (const e of on) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop()
    const parent = stack.at(-1)
    const t = e.tdur ?? e.dur
    e.kind = kindOf(e.name)
    if (parent) self[parent.kind] -= t
    else {
      busy += e.dur
      cpu += t
    }
    // A task's own kind ("other") keeps only what nothing inside it explains.
    self[e.kind] = (self[e.kind] ?? 0) + t
    stack.push(e)
  }
  const ms = Object.fromEntries(Object.entries(self).map(([k, v]) => [k, v / 1000]))
  return { busyMs: busy / 1000, cpuMs: cpu / 1000, ...ms }
}

/** Self time per script and per function (ms) from a CPU profile, between `from` and `to` (µs). */
function profileSelf(profile, from, to) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const perUrl = {}
  const perFn = {}
  let t = profile.startTime
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000
    if (t < from || t > to) continue
    const f = byId.get(profile.samples[i]).callFrame
    const url = f.url ? f.url.replace(/^https?:\/\/[^/]+/, '').replace(/-[\w-]{8}\.js$/, '.js') : ''
    const where = url || `(${f.functionName || 'program'})`
    perUrl[where] = (perUrl[where] ?? 0) + dt
    if (url) {
      const fn = `${f.functionName || '(anonymous)'} ${url}:${f.lineNumber + 1}:${f.columnNumber + 1}`
      perFn[fn] = (perFn[fn] ?? 0) + dt
    }
  }
  return { perUrl, perFn }
}

// ---------------------------------------------------------------- a run

const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'v8',
  'v8.execute',
  'blink.user_timing',
  'loading',
]

async function run(browser, target) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  try {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE })
    const inflight = new Set()
    let lastNet = Date.now()
    await cdp.send('Network.enable')
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.method !== 'POST') inflight.add(e.requestId)
      lastNet = Date.now()
    })
    const done = (e) => inflight.delete(e.requestId) && (lastNet = Date.now())
    cdp.on('Network.loadingFinished', done)
    cdp.on('Network.loadingFailed', done)
    await page.addInitScript(instrument)
    await page.addInitScript(countRenders)
    await page.goto(target.pageUrl + '/')
    await browser.startTracing(page, { categories: CATEGORIES })
    if (CPU_PROFILE) {
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
      await cdp.send('Profiler.start')
    }
    await page.evaluate(mount, target)
    const shown = await Promise.race([
      page.evaluate(() => window.__bench.painted.then(() => true)),
      sleep(TIMEOUT_MS).then(() => false),
    ])
    if (!shown) throw new Error(`<${target.tag}> showed no ${target.selector}`)
    const deadline = Date.now() + TIMEOUT_MS
    while (inflight.size || Date.now() - lastNet < QUIET_MS) {
      if (Date.now() > deadline) throw new Error(`<${target.tag}> did not settle`)
      await sleep(100)
    }
    const times = await page.evaluate(markTimes)
    const { profile } = CPU_PROFILE ? await cdp.send('Profiler.stop') : {}
    const trace = JSON.parse((await browser.stopTracing()).toString())
    const events = trace.traceEvents ?? trace
    const mark = (name) => events.find((e) => e.name === name && e.cat?.includes('user_timing'))
    // The page's main thread is where its marks are (not the browser's own WebUI renderers).
    const t0Mark = mark('profile-t0')
    const t0 = t0Mark?.ts
    const painted = mark('profile-painted')?.ts
    if (!t0 || !painted) throw new Error('the trace has no marks')
    const settledMs = Math.max(times.paintedAt, ...times.ends.filter((e) => e > times.t0))
    const settled = t0 + (settledMs - times.t0) * 1000
    const updates = times.updates.filter((u) => u.at >= times.t0)
    const before = updates.filter((u) => u.at <= times.paintedAt).length
    return {
      paintedMs: times.paintedAt - times.t0,
      toPaint: mainThreadTime(events, t0Mark, t0, painted),
      toSettled: mainThreadTime(events, t0Mark, t0, settled),
      rendersBeforePaint: before,
      renders: updates.length,
      profile,
      events,
      // The CPU profile's clock is the trace's (µs, monotonic).
      self: profile ? profileSelf(profile, t0, settled) : { perUrl: {}, perFn: {} },
    }
  } finally {
    await context.close()
  }
}

// ---------------------------------------------------------------- main

const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–')
const KINDS = [
  'compile',
  'evaluate',
  'script',
  'style',
  'layout',
  'paint',
  'parseHTML',
  'gc',
  'other',
]

async function main() {
  if (!ensureChromium()) throw new Error(`no Chromium at ${CHROMIUM}`)
  const tmp = mkdtempSync(join(tmpdir(), 'leadline-render-profile-'))
  const widgetDir =
    process.env.PROFILE_BUILD === 'dist' ? join(ROOT, 'dist/public') : join(tmp, 'w')
  let server
  let pages
  let browser
  try {
    if (process.env.PROFILE_BUILD !== 'dist') await buildPublic({ outDir: widgetDir })
    const beforeDir = join(tmp, 'wb')
    if (BEFORE) {
      const src = join(tmp, 'before')
      mkdirSync(src)
      execSync(
        `git archive ${BEFORE} widget contract package.json tsconfig.base.json | tar -x -C ${src}`,
        {
          cwd: ROOT,
        },
      )
      symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'))
      await buildPublic({ from: src, outDir: beforeDir })
    }
    pages = await startServer(await bundleFloor(), { w: widgetDir, wb: beforeDir })
    const persistTo = join(tmp, 'd1')
    mkdirSync(persistTo)
    const started = await startBenchStore({
      persistTo,
      pageOrigin: pages.url,
      log: join(tmp, 'wrangler.log'),
      quote: chosen.includes('quote'),
    })
    server = started.server
    const { store, token } = started
    const targets = {}
    for (const name of NAMES) {
      const { tag, selector } = WIDGETS[widgetOf(name)]
      targets[name] = {
        pageUrl: pages.url,
        tag,
        selector,
        attrs: widgetOf(name) === 'quote' ? { token } : {},
        script:
          name === 'floor'
            ? { src: `${pages.url}/floor-form.js`, module: true }
            : {
                src: `${pages.url}/${name.includes('@') ? 'wb' : 'w'}/embed.js`,
                dataset: { site: store.publicKey, api: server.url },
              },
      }
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    for (const name of NAMES) await run(browser, targets[name]) // warm-up: the worker, D1
    const runs = Object.fromEntries(NAMES.map((n) => [n, []]))
    for (let i = 0; i < RUNS; i++) {
      console.error(`render-profile: run ${i + 1}/${RUNS}…`)
      for (let k = 0; k < NAMES.length; k++) {
        const name = NAMES[(i + k) % NAMES.length]
        runs[name].push(await run(browser, targets[name]))
      }
    }
    mkdirSync(OUT, { recursive: true })
    const summary = {}
    for (const name of NAMES) {
      const rs = runs[name]
      const of = (pick) => median(rs.map(pick))
      const row = {
        paintedMs: of((r) => r.paintedMs),
        rendersBeforePaint: of((r) => r.rendersBeforePaint),
        renders: of((r) => r.renders),
        toPaint: Object.fromEntries(
          ['busyMs', 'cpuMs', ...KINDS].map((k) => [k, of((r) => r.toPaint[k] ?? 0)]),
        ),
        toSettled: Object.fromEntries(
          ['busyMs', 'cpuMs', ...KINDS].map((k) => [k, of((r) => r.toSettled[k] ?? 0)]),
        ),
      }
      const mid = [...rs].sort((a, b) => a.toPaint.cpuMs - b.toPaint.cpuMs)[(rs.length - 1) >> 1]
      const file = name.replace('@', '.')
      if (mid.profile) writeFileSync(join(OUT, `${file}.cpuprofile`), JSON.stringify(mid.profile))
      writeFileSync(join(OUT, `${file}.trace.json`), JSON.stringify(mid.events))
      const top = (o, n) =>
        Object.entries(o)
          .sort((a, b) => b[1] - a[1])
          .slice(0, n)
          .map(([k, v]) => [k, Math.round(v * 10) / 10])
      row.medianRun = { perUrl: top(mid.self.perUrl, 12), perFn: top(mid.self.perFn, 25) }
      summary[name] = row
    }
    console.log(
      `\nCPU ${RATE}×, medians of ${RUNS} runs, ms: painted (wall, t0 → content painted), ` +
        `renders (update() calls before it / in all), the page's main thread: busy (its tasks' ` +
        `wall time), cpu (their thread CPU time), and the CPU time by kind (self time)`,
    )
    const head = ['', 'painted', 'renders', 'busy', 'cpu', ...KINDS]
    const line = (cells) => cells.map((c, i) => String(c).padStart(i ? 9 : 30)).join('')
    for (const phase of ['toPaint', 'toSettled']) {
      console.log(`\n${phase === 'toPaint' ? 't0 → painted' : 't0 → settled'}`)
      console.log(line(head))
      for (const name of NAMES) {
        const r = summary[name]
        console.log(
          line([
            label(name),
            f1(r.paintedMs),
            `${r.rendersBeforePaint}/${r.renders}`,
            f1(r[phase].busyMs),
            f1(r[phase].cpuMs),
            ...KINDS.map((k) => f1(r[phase][k])),
          ]),
        )
      }
    }
    for (const name of NAMES) {
      const r = summary[name].medianRun
      console.log(`\n${label(name)} CPU profile of the median run, self ms per script:`)
      console.log('  ' + r.perUrl.map(([k, v]) => `${k} ${v}`).join(' · '))
      console.log('  heaviest functions:')
      for (const [k, v] of r.perFn.slice(0, 15)) console.log(`    ${String(v).padStart(6)}  ${k}`)
    }
    writeFileSync(
      join(OUT, 'summary.json'),
      JSON.stringify({ at: new Date().toISOString(), rate: RATE, runs: RUNS, summary }, null, 2),
    )
    console.log(`\nwritten to ${OUT}`)
  } finally {
    await browser?.close()
    await server?.stop()
    await pages?.close()
    rmSync(tmp, { recursive: true, force: true })
  }
}

await main()
