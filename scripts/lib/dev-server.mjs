/**
 * The local server pieces shared by `npm start`, the end-to-end tests and the bench: applying the
 * D1 migrations, running SQL against local D1, seeding a store, and starting/stopping
 * `wrangler dev` as its own process group. One copy of this logic, so what the tests exercise is
 * what a developer runs.
 *
 * Everything here talks only to 127.0.0.1; wrangler is told not to fetch `Request.cf` data or send
 * metrics, because the machines this runs on have no internet.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEMO_SECRETS } from './demo-nurture.mjs'
import { storeSql } from './store.mjs'

/** The repository root (scripts/lib/../..). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** Database name from wrangler.toml `[[d1_databases]] database_name`. */
export const DB_NAME = 'leadline'

/**
 * The demo store's public site key. Fixed and documented because the demo pages embed it in
 * their script tag; it is public by design (it only names the store), unlike the `sk_…` keys.
 */
export const DEMO_SITE_KEY = 'pk_demoAnadoluTekstil2026'

/** The demo rep's hours: weekdays 09:00–12:00 and 13:00–18:00 in Istanbul, 10-minute buffers. */
const DEMO_AVAILABILITY = {
  timeZone: 'Europe/Istanbul',
  weekly: {
    ...Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [
        d,
        [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '18:00' },
        ],
      ]),
    ),
    sat: [],
    sun: [],
  },
  overrides: [],
  bufferBeforeMin: 10,
  bufferAfterMin: 10,
  minNoticeMin: 120,
  maxDaysAhead: 60,
  maxPerDay: 8,
}

/**
 * The demo store's consent, kept apart as KVKK and law 6563 want: the information notice
 * (aydınlatma metni) shown and linked to the demo's notice page, never ticked, and the commercial
 * electronic message opt-in ticked per channel. The version is the built-in one, which the
 * tests' captures send.
 */
const demoConsent = (origin) => ({
  version: '2026-01',
  text: {
    tr: "Anadolu Tekstil'in kampanya ve ürünleriyle ilgili ticari elektronik iletileri işaretlediğim kanallardan almayı kabul ediyorum.",
    en: "I agree to receive commercial electronic messages about Anadolu Tekstil's offers and products through the channels I tick.",
  },
  notice: {
    tr: 'Kişisel verileriniz, talebinize yanıt verebilmemiz için Anadolu Tekstil tarafından 6698 sayılı KVKK kapsamında işlenir.',
    en: 'Anadolu Tekstil processes your personal data to answer your request, under the Turkish Personal Data Protection Law No. 6698 (KVKK).',
  },
  ...(origin ? { noticeUrl: `${origin}/aydinlatma-metni/` } : {}),
  channels: ['email', 'sms', 'phone'],
})

/** The demo store as `storeSql()` takes it; origins depend on the port it is served on. */
export function demoStore(origins) {
  return {
    name: 'Anadolu Tekstil',
    publicKey: DEMO_SITE_KEY,
    origins,
    settings: { consent: demoConsent(origins[0]) },
    locale: 'tr',
    currency: 'TRY',
    timeZone: 'Europe/Istanbul',
    region: 'TR',
    people: [
      { name: 'Ayşe Yılmaz', email: 'ayse@anadolutekstil.example', role: 'owner' },
      {
        name: 'Mehmet Demir',
        email: 'mehmet@anadolutekstil.example',
        role: 'rep',
        availability: DEMO_AVAILABILITY,
      },
    ],
  }
}

/** Origins a page served by `wrangler dev` on this port has, by either loopback name. */
export const loopbackOrigins = (port) => [`http://127.0.0.1:${port}`, `http://localhost:${port}`]

const WRANGLER_BIN = join(ROOT, 'node_modules', '.bin', 'wrangler')

/** Environment for every wrangler call: no prompts, no telemetry, no `Request.cf` download. */
export function wranglerEnv(extra = {}) {
  return {
    ...process.env,
    CI: 'true',
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    NO_COLOR: '1',
    ...extra,
  }
}

/** Arguments that point a wrangler command at a config file and a local persistence dir. */
function localArgs({ config, persistTo } = {}) {
  return [
    ...(config ? ['--config', config] : []),
    ...(persistTo ? ['--persist-to', persistTo] : []),
  ]
}

/**
 * Runs a one-shot wrangler command and resolves with its stdout; rejects with its output on a
 * non-zero exit, so a failed migration or seed stops the caller instead of being missed.
 */
export function runWrangler(args, { cwd = ROOT, env } = {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(WRANGLER_BIN, args, {
      cwd,
      env: wranglerEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolveRun(out)
      else reject(new Error(`wrangler ${args.join(' ')} exited with ${code}\n${out}\n${err}`))
    })
  })
}

/** Applies the D1 migrations to local D1 (default `.wrangler/state`, or `persistTo`). */
export async function applyMigrations({ config, persistTo, cwd } = {}) {
  return runWrangler(
    ['d1', 'migrations', 'apply', DB_NAME, '--local', ...localArgs({ config, persistTo })],
    { cwd },
  )
}

/**
 * Runs SQL against local D1 and returns the result rows of the last statement.
 * @param {string} command SQL; several statements separated by `;` are allowed.
 * @example const rows = await queryLocal("SELECT id FROM sites WHERE public_key = 'pk_x'")
 */
export async function queryLocal(command, { config, persistTo, cwd } = {}) {
  const out = await runWrangler(
    [
      'd1',
      'execute',
      DB_NAME,
      '--local',
      '--json',
      '--command',
      command,
      ...localArgs({ config, persistTo }),
    ],
    { cwd },
  )
  const results = JSON.parse(out.slice(out.indexOf('[')))
  return results.at(-1)?.results ?? []
}

/** Runs a SQL file's statements against local D1 (`wrangler d1 execute --file`). */
export async function executeSql(sql, { config, persistTo, cwd } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'leadline-sql-'))
  const file = join(dir, 'statements.sql')
  try {
    writeFileSync(file, sql)
    await runWrangler(
      [
        'd1',
        'execute',
        DB_NAME,
        '--local',
        '--yes',
        '--file',
        file,
        ...localArgs({ config, persistTo }),
      ],
      {
        cwd,
      },
    )
  } finally {
    // The file holds key hashes only, but there is no reason to leave it behind.
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Creates a store in local D1 and returns what `storeSql()` returns: its ids and the `sk_…` keys,
 * which exist nowhere else once this returns (only their hashes are stored).
 */
export async function seedStore(store, options = {}) {
  const created = await storeSql(store)
  await executeSql(created.sql, options)
  return created
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolvePort(port))
    })
  })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** Resolves once something answers HTTP at `url` (any status), or rejects after `timeoutMs`. */
export async function waitForHttp(url, { timeoutMs = 60_000, isAlive = () => true } = {}) {
  const deadline = Date.now() + timeoutMs
  let lastError
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`the server for ${url} exited before it answered`)
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      await res.arrayBuffer()
      return
    } catch (err) {
      lastError = err
      await sleep(250)
    }
  }
  throw new Error(`nothing answered at ${url} within ${timeoutMs} ms: ${lastError?.message}`)
}

/**
 * Starts `wrangler dev` on 127.0.0.1 in its own process group and waits until it answers.
 * Killing only the wrangler process would leave workerd serving, so `stop()` signals the group.
 * It passes what local development needs and a deployment must not have (`localVars`): links
 * in messages start with this server's URL, and webhooks may call loopback receivers.
 *
 * @param {{ port: number, persistTo?: string, config?: string, cwd?: string, env?: object,
 *   inspectorPort?: number, log?: string | 'inherit', readyPath?: string, timeoutMs?: number,
 *   extraArgs?: string[] }} options `log` is a file to append wrangler's output to, or 'inherit'.
 * @returns {Promise<{ url: string, port: number, pid: number, stop: () => Promise<void>,
 *   exited: Promise<number | null> }>}
 * @example
 * const server = await startDevServer({ port: 8799, persistTo: dir })
 * try { await fetch(`${server.url}/v1/…`) } finally { await server.stop() }
 */
export async function startDevServer(options) {
  const {
    port,
    persistTo,
    config,
    cwd = ROOT,
    env,
    log,
    readyPath = '/',
    timeoutMs = 90_000,
  } = options
  // A fixed inspector port would collide when two servers run at once (bench, e2e + npm start).
  const inspectorPort = options.inspectorPort ?? (await freePort())
  const args = [
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(inspectorPort),
    '--show-interactive-dev-session=false',
    ...localArgs({ config, persistTo }),
    ...varArgs(localVars(`http://127.0.0.1:${port}`)),
    ...(options.extraArgs ?? []),
  ]
  const output = log === 'inherit' ? 'inherit' : log ? openSync(log, 'a') : 'ignore'
  const child = spawn(WRANGLER_BIN, args, {
    cwd,
    env: wranglerEnv(env),
    detached: true,
    stdio: ['ignore', output, output],
  })
  let alive = true
  const exited = new Promise((r) =>
    child.on('exit', (code) => {
      alive = false
      r(code)
    }),
  )
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (!alive) return
    killGroup(child.pid, 'SIGTERM')
    const timedOut = await Promise.race([exited.then(() => false), sleep(5_000).then(() => true)])
    if (timedOut) killGroup(child.pid, 'SIGKILL')
    await exited
  }
  try {
    await waitForHttp(url + readyPath, { timeoutMs, isAlive: () => alive })
  } catch (err) {
    await stop()
    throw err
  }
  return { url, port, pid: child.pid, stop, exited }
}

/**
 * The set-up the benches share: a fresh local D1 in `persistTo` with the migrations and the demo
 * store (its server's own origins and `origins` allowed), and `wrangler dev` serving it on a
 * free port, its output appended to `log` (default `wrangler.log` in `persistTo`). Other options
 * go to `startDevServer`.
 *
 * @param {{ persistTo: string, origins?: string[], log?: string } & Record<string, unknown>} options
 * @example
 * const { server, store } = await startDemoStore({ persistTo: dir, origins: [pages.url] })
 * try { await fetch(`${server.url}/v1/…`) } finally { await server.stop() }
 */
export async function startDemoStore({ persistTo, origins = [], log, ...options }) {
  const port = await freePort()
  await applyMigrations({ persistTo })
  const store = await seedStore(demoStore([...loopbackOrigins(port), ...origins]), { persistTo })
  const server = await startDevServer({
    ...options,
    port,
    persistTo,
    log: log ?? join(persistTo, 'wrangler.log'),
  })
  return { server, store }
}

/**
 * The variables a local server runs with that wrangler.toml leaves out on purpose: its public
 * URL (deployments set their own; without one the worker makes no links) and the switch that
 * lets webhooks call loopback receivers over http (never on in a deployment).
 */
export const localVars = (publicUrl) => ({
  PUBLIC_URL: publicUrl,
  ALLOW_LOCAL_WEBHOOK_URLS: 'true',
})

/** `--var NAME:value` arguments for `wrangler dev`. */
const varArgs = (vars) => Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`])

/**
 * `wrangler dev` arguments that send every store's e-mail and SMS to the local fake providers at
 * `fakesUrl` (test/fakes/providers.mjs) with the demo store's credentials, and let
 * `/__scheduled` run the cron handler.
 */
export function fakeProviderArgs(fakesUrl) {
  const vars = { RESEND_API_URL: fakesUrl, VERIMOR_API_URL: fakesUrl, ...DEMO_SECRETS }
  return ['--test-scheduled', ...varArgs(vars)]
}

/** Runs the worker's every-minute cron once on a server started with `--test-scheduled`. */
export async function runMinuteCron(url) {
  const res = await fetch(`${url}/__scheduled?cron=${encodeURIComponent('* * * * *')}`)
  await res.arrayBuffer()
  if (!res.ok) throw new Error(`the scheduled run answered ${res.status}`)
}

/** Signals every process in the group led by `pid`; a group already gone is not an error. */
export function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal)
  } catch (err) {
    if (err.code !== 'ESRCH') throw err
  }
}

/** True when `path` exists (relative paths are taken from the repository root). */
export const exists = (path) => existsSync(resolve(ROOT, path))
