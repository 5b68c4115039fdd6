/**
 * `npm run bench:soak`: is `wrangler dev` steady under a constant load?
 *
 * Sends captures at a fixed rate (open loop: a slow answer does not slow the sender) to a fresh
 * `wrangler dev`, each from its own client address (CF-Connecting-IP in 10.0.0.0/8, which
 * `wrangler dev` passes through, so the per-address rate limit stays on and is never hit), one in
 * ten sent a second time with the same Idempotency-Key and body, one admin list read a second,
 * and the every-minute cron run once a minute. Per window it prints throughput, p50/p99, errors by
 * status, and the resident memory (VmRSS) of workerd (the process that runs the worker and local
 * D1) and of wrangler's node processes (the proxy). At the end it checks that every capture
 * answered 201 is stored exactly once, and says whether workerd's memory levelled off: under 10 %
 * growth from the end of the warm-up to the end of the soak.
 *
 * SOAK_WORKER=floor runs the same load against the floor worker (scripts/bench/floor-worker: one
 * insert per POST, nothing else; the read is its `GET /`, and it has no cron), to tell the
 * worker's memory from the local runtime's.
 *
 * Bounded in count and time, only 127.0.0.1. Settings (environment):
 *   SOAK_SECONDS (300)  SOAK_RATE captures/s (40)  SOAK_WINDOW s (30)  SOAK_WARMUP s (60)
 *   SOAK_WORKER leadline|floor (leadline)  SOAK_HEAP=1 (also the worker's own V8 heap)
 *   SOAK_KEEP=1 (keep the run's directory with wrangler.log)
 * Prints the figures and writes them to dist/bench-soak.json. Exits non-zero when the soak cannot
 * run or a capture is lost or duplicated, not when memory does not level off.
 */
/* global WebSocket -- a global from Node 22 on */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  applyMigrations,
  demoStore,
  freePort,
  loopbackOrigins,
  queryLocal,
  ROOT,
  seedStore,
  startDevServer,
} from './lib/dev-server.mjs'
import { ensureNode } from './lib/setup.mjs'

await ensureNode(ROOT)

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300)
const RATE = Number(process.env.SOAK_RATE ?? 40)
const WINDOW = Number(process.env.SOAK_WINDOW ?? 30)
const WARMUP = Number(process.env.SOAK_WARMUP ?? 60)
const WORKER = process.env.SOAK_WORKER ?? 'leadline'
/**
 * SOAK_HEAP=1 also reads the worker's own heap each window (see `openHeapProbe`). Off by default:
 * while a debugger is attached, wrangler forwards every subrequest (each D1 query) to it as
 * devtools network events, which costs wrangler's node process memory and CPU.
 */
const HEAP_PROBE = process.env.SOAK_HEAP === '1'
const RETRY_EVERY = 10
const GROWTH_GOAL = 0.1
/** Requests in flight beyond this are not sent but counted: the server is not keeping up. */
const MAX_IN_FLIGHT = 500
const REQUEST_TIMEOUT_MS = 30_000
const MiB = 1024 * 1024

if (![SECONDS, RATE, WINDOW, WARMUP].every((n) => Number.isFinite(n) && n > 0)) {
  throw new Error('SOAK_SECONDS, SOAK_RATE, SOAK_WINDOW and SOAK_WARMUP must be positive numbers')
}
if (SECONDS > 3600 || RATE > 500) throw new Error('the soak is bounded: at most 3600 s at 500/s')
if (!['leadline', 'floor'].includes(WORKER)) throw new Error('SOAK_WORKER is leadline or floor')

const RUN_ID = Date.now().toString(36)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const round1 = (x) => Math.round(x * 10) / 10

// ---------------------------------------------------------------- processes

/** The lines of a /proc file, or none once the process is gone. */
function procRead(path) {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}

/** Every process below `pid` (from /proc/<pid>/task/<tid>/children). */
function descendants(pid) {
  const found = []
  const queue = [pid]
  while (queue.length > 0) {
    const parent = queue.shift()
    let tasks
    try {
      tasks = readdirSync(`/proc/${parent}/task`)
    } catch {
      continue
    }
    for (const tid of tasks) {
      const children = procRead(`/proc/${parent}/task/${tid}/children`)
      for (const child of children.split(' ').filter(Boolean).map(Number)) {
        found.push(child)
        queue.push(child)
      }
    }
  }
  return found
}

/** A process's name and resident memory in bytes (0 once it is gone). */
function processMemory(pid) {
  const status = procRead(`/proc/${pid}/status`)
  const name = /^Name:\s*(.+)$/m.exec(status)?.[1] ?? '?'
  const kb = Number(/^VmRSS:\s*(\d+) kB$/m.exec(status)?.[1] ?? 0)
  return { name, rss: kb * 1024 }
}

/** Resident memory of workerd and of wrangler's node processes under the server's process. */
function serverMemory(rootPid) {
  let workerd = 0
  let node = processMemory(rootPid).rss
  for (const pid of descendants(rootPid)) {
    const p = processMemory(pid)
    if (p.name === 'workerd') workerd += p.rss
    else if (p.name === 'node') node += p.rss
  }
  return { workerd, node }
}

/**
 * The worker isolate's V8 heap after a full collection, through wrangler's inspector
 * (`HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage`): what the worker's own code keeps
 * alive, apart from the runtime around it. Undefined where the inspector does not answer.
 */
async function openHeapProbe(inspectorPort) {
  if (typeof WebSocket !== 'function') return undefined
  try {
    const res = await fetch(`http://127.0.0.1:${inspectorPort}/json`, {
      signal: AbortSignal.timeout(5000),
    })
    const [target] = await res.json()
    // wrangler's inspector proxy wants a loopback Origin (undici's WebSocket takes headers).
    const socket = new WebSocket(target.webSocketDebuggerUrl, {
      headers: { Origin: 'http://127.0.0.1' },
    })
    await new Promise((resolve, reject) => {
      socket.onopen = resolve
      socket.onerror = reject
    })
    const waiting = new Map()
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data)
      waiting.get(message.id)?.(message.result)
      waiting.delete(message.id)
    }
    let id = 0
    const call = (method) => {
      const n = ++id
      socket.send(JSON.stringify({ id: n, method }))
      return Promise.race([new Promise((r) => waiting.set(n, r)), sleep(10_000)])
    }
    return {
      async usedBytes() {
        await call('HeapProfiler.collectGarbage')
        return (await call('Runtime.getHeapUsage'))?.usedSize
      },
      close: () => socket.close(),
    }
  } catch {
    return undefined
  }
}

// ---------------------------------------------------------------- load

/** 10.x.y.z for capture i: a distinct client address per capture. */
const clientIp = (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`

function captureBody(siteKey, i) {
  return JSON.stringify({
    siteKey,
    fields: {
      name: `Soak Kişi ${i}`,
      email: `soak.${i}.${RUN_ID}@musteri.example`,
      company: 'Soak Tekstil',
      message: 'Numune ve fiyat teklifi istiyoruz.',
    },
    consent: { version: '2026-01', channels: { email: true } },
    context: { pageUrl: 'http://127.0.0.1/', locale: 'tr', utm: { source: 'soak' } },
    elapsedMs: 5000,
  })
}

/** Figures of one window; requests are counted in the window they finish in. */
function newWindow(index) {
  return { index, latencies: [], ok: 0, replayed: 0, reads: 0, errors: {}, skipped: 0 }
}

const percentile = (sorted, p) =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]

async function soak() {
  const floor = WORKER === 'floor'
  const config = floor ? join(ROOT, 'scripts', 'bench', 'floor-worker', 'wrangler.toml') : undefined
  const persistTo = mkdtempSync(join(tmpdir(), `leadline-soak-${WORKER}-`))
  const port = await freePort()
  let server
  // Ctrl-C or a kill stops wrangler dev too (it runs in its own process group).
  const interrupted = () => {
    Promise.resolve(server?.stop()).finally(() => process.exit(130))
  }
  process.once('SIGINT', interrupted)
  process.once('SIGTERM', interrupted)
  try {
    await applyMigrations({ persistTo, config })
    const store = floor
      ? undefined
      : await seedStore(demoStore(loopbackOrigins(port)), { persistTo })
    const ownerKey = store?.users.find((u) => u.role === 'owner')?.key
    console.log(`soak: starting wrangler dev (${WORKER}) on 127.0.0.1:${port}…`)
    const inspectorPort = await freePort()
    server = await startDevServer({
      port,
      inspectorPort,
      persistTo,
      config,
      log: join(persistTo, 'wrangler.log'),
      extraArgs: floor ? [] : ['--test-scheduled'],
    })
    const origin = `http://127.0.0.1:${port}`

    /** Capture i (sent twice when it is a retry), answering the status and whether replayed. */
    async function capture(i) {
      const init = {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Origin: origin,
          'Idempotency-Key': `soak-${RUN_ID}-${i}`,
          'CF-Connecting-IP': clientIp(i),
        },
        body: floor ? captureBody('pk_floor', i) : captureBody(store.publicKey, i),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      }
      const res = await fetch(floor ? `${server.url}/` : `${server.url}/v1/leads`, init)
      const text = await res.text()
      return {
        status: res.status,
        text,
        replayed: res.headers.get('Idempotent-Replayed') === 'true',
      }
    }
    async function adminRead() {
      const res = await fetch(floor ? `${server.url}/` : `${server.url}/admin/api/leads?limit=20`, {
        headers: floor ? {} : { Authorization: `Bearer ${ownerKey}` },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      })
      await res.arrayBuffer()
      return res.status
    }

    /** The every-minute cron, as `runMinuteCron` runs it, with a timeout like every request. */
    async function minuteCron() {
      const cron = encodeURIComponent('* * * * *')
      const res = await fetch(`${server.url}/__scheduled?cron=${cron}`, {
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      })
      await res.arrayBuffer()
      if (!res.ok) throw new Error(`the scheduled run answered ${res.status}`)
    }

    const windows = []
    const started = performance.now()
    const elapsed = () => (performance.now() - started) / 1000
    const windowNow = () => {
      const index = Math.min(Math.floor(elapsed() / WINDOW), Math.ceil(SECONDS / WINDOW) - 1)
      while (windows.length <= index) windows.push(newWindow(windows.length))
      return windows[index]
    }
    const stored = new Set()
    let inFlight = 0
    const pending = new Set()
    const track = (promise) => {
      inFlight++
      pending.add(promise)
      promise.finally(() => {
        inFlight--
        pending.delete(promise)
      })
    }
    /** The first answer of each kind of error, to say what the errors were. */
    const errorSamples = {}
    const fail = (label, sample) => {
      const w = windowNow()
      w.errors[label] = (w.errors[label] ?? 0) + 1
      if (sample && !(label in errorSamples)) errorSamples[label] = sample.slice(0, 200)
    }
    const send = (i, retry) => {
      const t0 = performance.now()
      track(
        capture(i).then(
          ({ status, text, replayed }) => {
            const w = windowNow()
            if (status !== 201) return fail(String(status), text)
            w.latencies.push(performance.now() - t0)
            w.ok++
            if (replayed) w.replayed++
            if (!retry) stored.add(i)
            // One in ten: the same request again, as a client whose answer was lost would.
            // (The floor worker has no Idempotency-Key: it stores the retry again.)
            else if (!replayed && !floor) fail('retry not replayed')
            if (!retry && i % RETRY_EVERY === 0) send(i, true)
          },
          (err) =>
            fail(err.name === 'TimeoutError' ? 'timeout' : 'network', String(err.cause ?? err)),
        ),
      )
    }

    // Memory once a second; the figure of a window is its last sample.
    const samples = []
    const sampler = setInterval(() => {
      samples.push({ at: elapsed(), ...serverMemory(server.pid) })
    }, 1000)

    const probe = HEAP_PROBE ? await openHeapProbe(inspectorPort) : undefined
    let exitedAt
    server.exited.then(() => (exitedAt ??= elapsed()))

    const total = Math.round(SECONDS * RATE)
    console.log(
      `soak: ${SECONDS} s at ${RATE} captures/s (${total}), windows of ${WINDOW} s, ` +
        `warm-up ${WARMUP} s…`,
    )
    let nextRead = 1
    let nextCron = 60
    let lastPrinted = -1
    for (let i = 0; i < total && exitedAt === undefined; i++) {
      const due = (i / RATE) * 1000
      const wait = due - (performance.now() - started)
      if (wait > 0) await sleep(wait)
      if (inFlight >= MAX_IN_FLIGHT) windowNow().skipped++
      else send(i, false)
      const t = elapsed()
      if (t >= nextRead) {
        nextRead += 1
        track(
          adminRead().then(
            (status) => (status === 200 ? windowNow().reads++ : fail(`read ${status}`)),
            () => fail('read network'),
          ),
        )
      }
      if (!floor && t >= nextCron) {
        nextCron += 60
        track(minuteCron().catch(() => fail('cron')))
      }
      const done = Math.floor(t / WINDOW) - 1
      if (done > lastPrinted && done < windows.length) {
        lastPrinted = done
        windows[done].heap = await probe?.usedBytes()
        printWindow(windows[done], samples)
      }
    }
    if (exitedAt !== undefined) throw new Error(`wrangler dev exited ${round1(exitedAt)} s in`)
    // Bounded: every request has its own timeout.
    await Promise.allSettled([...pending])
    clearInterval(sampler)
    samples.push({ at: elapsed(), ...serverMemory(server.pid) })
    for (const w of windows.slice(lastPrinted + 1)) {
      w.heap = await probe?.usedBytes()
      printWindow(w, samples)
    }
    probe?.close()

    const lost = floor ? undefined : await lostOrDuplicated(stored, persistTo)
    const memory = verdict(samples, windows)
    const result = {
      worker: WORKER,
      seconds: SECONDS,
      rate: RATE,
      window: WINDOW,
      warmup: WARMUP,
      windows: windows.map((w) => summary(w, samples)),
      memory,
      ...(lost ? { integrity: lost } : {}),
      errorSamples,
    }
    printVerdict(result)
    mkdirSync(join(ROOT, 'dist'), { recursive: true })
    writeFileSync(join(ROOT, 'dist', 'bench-soak.json'), JSON.stringify(result, null, 2) + '\n')
    if (lost && (lost.missing > 0 || lost.duplicated > 0)) process.exitCode = 1
  } finally {
    await server?.stop()
    if (!process.env.SOAK_KEEP) rmSync(persistTo, { recursive: true, force: true })
  }
}

/** The memory sample closest to the end of a window. */
function memoryAt(samples, at) {
  let best = samples[0]
  for (const s of samples) if (s.at <= at + 0.5) best = s
  return best ?? { workerd: 0, node: 0 }
}

function summary(w, samples) {
  const sorted = [...w.latencies].sort((a, b) => a - b)
  const mem = memoryAt(samples, (w.index + 1) * WINDOW)
  return {
    from: w.index * WINDOW,
    to: (w.index + 1) * WINDOW,
    perSecond: round1(w.ok / WINDOW),
    p50Ms: round1(percentile(sorted, 50)),
    p99Ms: round1(percentile(sorted, 99)),
    maxMs: round1(sorted.at(-1) ?? 0),
    replayed: w.replayed,
    reads: w.reads,
    errors: w.errors,
    skipped: w.skipped,
    workerdMiB: round1(mem.workerd / MiB),
    nodeMiB: round1(mem.node / MiB),
    workerHeapMiB: w.heap === undefined ? null : round1(w.heap / MiB),
  }
}

function printWindow(w, samples) {
  const s = summary(w, samples)
  const errors = Object.entries(s.errors)
    .map(([k, n]) => `${k}×${n}`)
    .join(' ')
  console.log(
    `  ${String(s.from).padStart(4)}–${String(s.to).padEnd(4)} s  ${String(s.perSecond).padStart(5)}/s` +
      `  p50 ${String(s.p50Ms).padStart(6)} ms  p99 ${String(s.p99Ms).padStart(7)} ms` +
      `  max ${String(s.maxMs).padStart(7)} ms  errors ${errors || 'none'}` +
      `${s.skipped ? `  not sent ${s.skipped}` : ''}` +
      `  workerd ${s.workerdMiB} MiB  node ${s.nodeMiB} MiB` +
      (s.workerHeapMiB === null ? '' : `  worker heap ${s.workerHeapMiB} MiB`),
  )
}

/** workerd's growth from the end of the warm-up to the end of the soak, and the goal's answer. */
function verdict(samples, windows) {
  const atWarmup = memoryAt(samples, WARMUP)
  const end = samples.at(-1)
  const heapAt = (w) => (w?.heap === undefined ? null : round1(w.heap / MiB))
  const growth = (end.workerd - atWarmup.workerd) / atWarmup.workerd
  const peak = Math.max(...samples.map((s) => s.workerd))
  return {
    startMiB: round1(samples[0].workerd / MiB),
    afterWarmupMiB: round1(atWarmup.workerd / MiB),
    endMiB: round1(end.workerd / MiB),
    peakMiB: round1(peak / MiB),
    growthAfterWarmup: Math.round(growth * 1000) / 1000,
    nodeAfterWarmupMiB: round1(atWarmup.node / MiB),
    nodeEndMiB: round1(end.node / MiB),
    workerHeapAfterWarmupMiB: heapAt(windows[Math.ceil(WARMUP / WINDOW) - 1]),
    workerHeapEndMiB: heapAt(windows.at(-1)),
    levelledOff: growth < GROWTH_GOAL,
  }
}

/**
 * Captures answered 201 against the leads stored: none missing, none stored twice. Leads of
 * captures that got no 201 (a timeout after the write committed) are counted, not failed.
 */
async function lostOrDuplicated(stored, persistTo) {
  const rows = await queryLocal(
    `SELECT c.email AS email, count(*) AS n FROM leads l JOIN contacts c ON c.id = l.contact_id
     WHERE c.email LIKE 'soak.%' GROUP BY c.email`,
    { persistTo },
  )
  const counts = new Map(rows.map((r) => [r.email, r.n]))
  const emailOf = (i) => `soak.${i}.${RUN_ID}@musteri.example`
  let missing = 0
  let duplicated = 0
  for (const i of stored) {
    const n = counts.get(emailOf(i)) ?? 0
    if (n === 0) missing++
    if (n > 1) duplicated++
  }
  const answered = new Set([...stored].map(emailOf))
  const unanswered = rows.filter((r) => !answered.has(r.email)).length
  return { answered201: stored.size, storedLeads: rows.length, missing, duplicated, unanswered }
}

function printVerdict({ memory, integrity, errorSamples }) {
  for (const [label, sample] of Object.entries(errorSamples)) {
    console.log(`soak: first ${label}: ${sample}`)
  }
  console.log(
    `soak: workerd ${memory.startMiB} MiB at start, ${memory.afterWarmupMiB} MiB after the ` +
      `${WARMUP} s warm-up, ${memory.endMiB} MiB at the end (peak ${memory.peakMiB} MiB): ` +
      `${(memory.growthAfterWarmup * 100).toFixed(1)} % after the warm-up, ` +
      (memory.levelledOff
        ? `levelled off (goal under ${GROWTH_GOAL * 100} %)`
        : `NOT levelled off (goal under ${GROWTH_GOAL * 100} %)`),
  )
  console.log(
    `soak: wrangler's node processes ${memory.nodeAfterWarmupMiB} MiB after the warm-up, ` +
      `${memory.nodeEndMiB} MiB at the end`,
  )
  if (memory.workerHeapEndMiB !== null) {
    console.log(
      `soak: the worker's own V8 heap after a full GC: ${memory.workerHeapAfterWarmupMiB} MiB ` +
        `after the warm-up, ${memory.workerHeapEndMiB} MiB at the end`,
    )
  }
  if (integrity) {
    console.log(
      `soak: ${integrity.answered201} captures answered 201, ${integrity.storedLeads} stored; ` +
        `missing ${integrity.missing}, duplicated ${integrity.duplicated}, ` +
        `stored without a 201 ${integrity.unanswered}`,
    )
  }
}

await soak()
