/**
 * `npm start`: from a fresh clone to the demo store on http://127.0.0.1:8787.
 *
 * 1. `npm ci` when node_modules is missing or older than package-lock.json, then runs itself
 *    again on the declared Node (node_modules/.bin/node on Linux x64) when it started on another;
 * 2. builds the widget and copies the demo site (scripts/build.mjs);
 * 3. applies the D1 migrations to local D1 (.wrangler/state);
 * 4. seeds the demo store once: site key DEMO_SITE_KEY, origins http://127.0.0.1:8787 and
 *    http://localhost:8787, an owner and a rep. Their `sk_…` keys are kept in the git-ignored
 *    `.wrangler/demo-keys.json` (D1 holds only hashes) and printed on every start; when that file
 *    is lost, fresh keys are issued and the old ones revoked;
 * 5. starts the local fake e-mail/SMS providers (test/fakes/providers.mjs) on 127.0.0.1:8788 —
 *    the demo store's messages land there, readable at /_inspect — and points the worker at them;
 * 6. serves everything with `wrangler dev` until Ctrl-C, which stops wrangler and workerd;
 * 7. sets up the demo store's nurturing through the admin API once, and runs the worker's
 *    every-minute cron (sequence steps, delivery) each minute, as Cloudflare would.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ensureDependencies, ensureNode } from './lib/setup.mjs'

const ROOT = join(import.meta.dirname, '..')
const PORT = 8787

ensureDependencies(ROOT)
await ensureNode(ROOT)
// Imported only now: these need what `npm ci` installs (wrangler); setup.mjs uses only node:*.
const { build } = await import('./build.mjs')
const dev = await import('./lib/dev-server.mjs')
const { lit, randomToken, sha256Hex } = await import('./lib/store.mjs')
const { seedDemoNurture } = await import('./lib/demo-nurture.mjs')
const { startFakes } = await import('../test/fakes/providers.mjs')
const FAKES_PORT = 8788

const KEYS_FILE = join(ROOT, '.wrangler', 'demo-keys.json')

/** Seeds the demo store unless it exists; returns the people and their admin keys. */
async function ensureDemoStore() {
  const [site] = await dev.queryLocal(
    `SELECT id FROM sites WHERE public_key = ${lit(dev.DEMO_SITE_KEY)}`,
  )
  if (!site) {
    const created = await dev.seedStore(dev.demoStore(dev.loopbackOrigins(PORT)))
    saveKeys(created.siteId, created.users)
    return created.users
  }
  if (existsSync(KEYS_FILE)) {
    const saved = JSON.parse(readFileSync(KEYS_FILE, 'utf8'))
    if (saved.siteId === site.id) return saved.users
  }
  return reissueKeys(site.id)
}

/** The keys file is lost but the store exists: revoke the old keys and issue new ones. */
async function reissueKeys(siteId) {
  const users = await dev.queryLocal(
    `SELECT id, name, email, role FROM users WHERE site_id = ${lit(siteId)} ORDER BY role, created_at`,
  )
  const now = new Date().toISOString()
  const statements = [
    `UPDATE api_keys SET revoked_at = ${lit(now)} WHERE site_id = ${lit(siteId)} AND revoked_at IS NULL;`,
  ]
  const withKeys = []
  for (const user of users) {
    const key = `sk_${randomToken(40)}`
    const values = [
      `ak_${randomToken(20)}`,
      siteId,
      user.id,
      await sha256Hex(key),
      key.slice(0, 7),
      `${user.name} (demo)`,
      now,
    ]
    statements.push(
      `INSERT INTO api_keys (id, site_id, user_id, key_hash, prefix, name, created_at) VALUES (${values.map(lit).join(', ')});`,
    )
    withKeys.push({ ...user, key })
  }
  await dev.executeSql(statements.join('\n'))
  saveKeys(siteId, withKeys)
  console.log(
    'start: .wrangler/demo-keys.json was missing; issued new admin keys, revoked the old ones',
  )
  return withKeys
}

function saveKeys(siteId, users) {
  mkdirSync(join(ROOT, '.wrangler'), { recursive: true })
  writeFileSync(KEYS_FILE, JSON.stringify({ siteId, users }, null, 2) + '\n', { mode: 0o600 })
}

function printWelcome(users) {
  const lines = [
    '',
    'Leadline is running.',
    `  demo store (tr)   ${base}/`,
    `  demo store (en)   ${base}/en/`,
    `  API reference     ${base}/docs`,
    `  sent messages     ${fakes.url}/_inspect  (local fake e-mail/SMS providers)`,
    `  site key          ${dev.DEMO_SITE_KEY}`,
    '  admin keys (local demo only; also in .wrangler/demo-keys.json):',
    ...users.map((u) => `    ${u.role.padEnd(5)} ${u.name} <${u.email}>  ${u.key}`),
    `  try: curl -H "Authorization: Bearer ${users[0]?.key}" ${base}/admin/api/leads`,
    '',
    'Ctrl-C stops the server.',
    '',
  ]
  console.log(lines.join('\n'))
}

build()
console.log('start: applying D1 migrations to .wrangler/state…')
await dev.applyMigrations()
const users = await ensureDemoStore()

const base = `http://127.0.0.1:${PORT}`
const fakes = await startFakes({ port: FAKES_PORT })
const server = await dev.startDevServer({
  port: PORT,
  log: 'inherit',
  extraArgs: dev.fakeProviderArgs(fakes.url),
})
let stopping = false
async function shutdown(code) {
  if (stopping) return
  stopping = true
  await server.stop()
  await fakes.close()
  process.exit(code)
}
process.on('SIGINT', () => shutdown(0))
process.on('SIGTERM', () => shutdown(0))
// A synchronous last resort: if this process dies some other way, do not leave workerd behind.
process.on('exit', () => dev.killGroup(server.pid, 'SIGKILL'))
server.exited.then((code) => {
  if (!stopping) {
    console.error(`start: wrangler dev exited (${code})`)
    process.exit(code ?? 1)
  }
})
const owner = users.find((u) => u.role === 'owner')
if (owner) {
  await seedDemoNurture(base, owner.key, {
    bookingUrl: `${base}/#demo`,
    quotePageUrl: `${base}/teklif/`,
  })
}
// `wrangler dev` does not run crons by itself; Cloudflare runs this one every minute.
const minute = setInterval(() => {
  dev.runMinuteCron(base).catch((err) => console.error(`start: cron run failed: ${err.message}`))
}, 60_000)
minute.unref()
printWelcome(users)
