/**
 * `npm run bench:analytics`: how long the analytics routes (and the deals ranking) take on a
 * store of BENCH_LEADS leads (default 100 000) in local D1 behind `wrangler dev`, and whether
 * every query they run searches leads and stage_events through an index.
 *
 * Fresh `--persist-to` directory, migrations, `seedBig()` from scripts/seed-big.mjs, then
 * BENCH_RUNS timed requests per route after one warm-up (p50/p95). The SQL checked is the SQL
 * the routes run: the db modules are bundled with esbuild and called with a recording D1
 * stand-in, and each statement's EXPLAIN QUERY PLAN is read from local D1. A plan that SCANs
 * leads or stage_events, or searches an index without the site first (a skip-scan across
 * stores), fails the bench. Prints the
 * figures and writes dist/bench-analytics.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, totalmem, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { applyMigrations, freePort, queryLocal, ROOT, startDevServer } from './lib/dev-server.mjs'
import { lit } from './lib/store.mjs'
import { seedBig } from './seed-big.mjs'
import { ensureNode } from './lib/setup.mjs'

await ensureNode(ROOT)

const LEADS = Number(process.env.BENCH_LEADS ?? 100_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const DAY = 86_400_000

const quantile = (sorted, q) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]

/** The worker's db modules, bundled so Node can call them. */
async function loadDbModules(dir) {
  const outfile = join(dir, 'analytics-sql.mjs')
  await build({
    stdin: {
      contents: [
        "export * from './worker/src/db/analytics.ts'",
        "export * from './worker/src/db/analytics-forecast.ts'",
        "export { learnedProbabilities } from './worker/src/db/probabilities.ts'",
        "export { defaultPipelineId } from './worker/src/db/pipelines.ts'",
        "export { resolveRange } from './worker/src/analytics/range.ts'",
        "export { forecastMonths, pastMonths } from './worker/src/analytics/forecast.ts'",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile,
    logLevel: 'error',
  })
  return import(pathToFileURL(outfile).href)
}

/** A D1 stand-in that records each statement with its bound values and answers with no rows. */
function recordingDb() {
  const statements = []
  const stmt = (sql, args = []) => ({
    sql,
    args,
    bind: (...a) => stmt(sql, a),
    all: async () => (statements.push({ sql, args }), { results: [] }),
    first: async () => (statements.push({ sql, args }), null),
    run: async () => (statements.push({ sql, args }), { meta: {} }),
    raw: async () => (statements.push({ sql, args }), []),
  })
  const db = {
    prepare: (sql) => stmt(sql),
    batch: async (list) =>
      list.map((s) => (statements.push({ sql: s.sql, args: s.args }), { results: [] })),
  }
  return { db, statements }
}

/** Tables (and their aliases) of leads and stage_events in a statement. */
function watchedNames(sql) {
  const names = new Set()
  for (const m of sql.matchAll(
    /\b(?:FROM|JOIN)\s+(leads|stage_events)\b(?:\s+(?:AS\s+)?(\w+))?/gi,
  )) {
    const alias = m[2]
    names.add(
      alias && !/^(WHERE|ON|JOIN|LEFT|INNER|GROUP|ORDER|LIMIT)$/i.test(alias) ? alias : m[1],
    )
  }
  return names
}

const bound = (sql, args) => sql.replace(/\?(\d+)/g, (_, n) => lit(args[Number(n) - 1]))

/**
 * EXPLAIN QUERY PLAN of each statement, one wrangler call each and one at a time (wrangler's
 * statement splitter does not take these CASE … END statements in one command, and two
 * processes on the local database lock each other out).
 */
async function explainAll(statements, persistTo) {
  const out = []
  for (const p of statements) {
    const rows = await queryLocal(`EXPLAIN QUERY PLAN ${bound(p.sql, p.args)}`, { persistTo })
    out.push(rows.map((r) => r.detail))
  }
  return out
}

/**
 * The plan lines that read leads or stage_events other than by an index search that starts
 * with the site (`site_id=?`) or by primary key: a SCAN, or a skip-scan over every site.
 */
function fullScans(sql, lines) {
  const names = watchedNames(sql)
  return lines.filter((d) => {
    const m = /^(SCAN|SEARCH) (\w+)(.*)$/.exec(d)
    if (!m || !names.has(m[2])) return false
    if (m[1] === 'SCAN') return true
    return !/\((site_id=\?|id=\?)/.test(m[3])
  })
}

/** Plans of every recorded statement, checked; `label` says when (before/after ANALYZE). */
async function checkPlans(label, plans, persistTo) {
  // The check itself must be able to fail: a query by an unindexed column has to be caught.
  const probe = { sql: 'SELECT count(*) FROM leads l WHERE l.message LIKE ?1', args: ['%x%'] }
  const [probePlan, ...all] = await explainAll([probe, ...plans], persistTo)
  if (fullScans(probe.sql, probePlan).length === 0) {
    throw new Error(`the plan check missed a full scan: ${probePlan.join(' / ')}`)
  }
  return plans.map((p, i) => ({
    when: label,
    route: p.route,
    sql: p.sql.replace(/\s+/g, ' ').slice(0, 160),
    plan: all[i],
    fullScans: fullScans(p.sql, all[i]),
  }))
}

async function main() {
  const persistTo = mkdtempSync(join(tmpdir(), 'leadline-bench-analytics-'))
  let server
  try {
    const port = await freePort()
    await applyMigrations({ persistTo })
    console.log(`Seeding ${LEADS} leads …`)
    const seeded = await seedBig({ leads: LEADS, persistTo, log: (l) => console.log(l) })
    const [{ n: events }] = await queryLocal('SELECT count(*) AS n FROM stage_events', {
      persistTo,
    })
    const key = seeded.users.find((u) => u.role === 'owner').key
    const siteId = seeded.siteId
    const mod = await loadDbModules(persistTo)

    // The statements each route runs, recorded from the db functions themselves.
    const now = new Date()
    const range = (days) => {
      const r = mod.resolveRange(
        { from: new Date(now.getTime() - (days - 1) * DAY).toISOString().slice(0, 10) },
        now,
      )
      return r.range
    }
    const plans = []
    const record = async (route, run) => {
      const { db, statements } = recordingDb()
      await run(db)
      for (const s of statements) plans.push({ route, sql: s.sql, args: s.args })
    }
    for (const days of [90, 731]) {
      await record(`funnel ${days}d`, async (db) => {
        await mod.funnelGroups(db, siteId, range(days), {}, mod.defaultPipelineId(siteId))
        await mod.funnelGroups(
          db,
          siteId,
          range(days),
          { source: 'google', owner: 'x', pipeline: 'y' },
          mod.defaultPipelineId(siteId),
        )
        await mod.widgetSteps(db, siteId, range(days))
        await mod.userNames(db, siteId)
      })
      await record(`time-in-stage ${days}d`, (db) => mod.stageTimes(db, siteId, range(days)))
      await record(`win-rates ${days}d`, (db) => mod.closedGroups(db, siteId, range(days)))
    }
    await record('forecast', async (db) => {
      const months = mod.forecastMonths(now)
      await mod.forecastGroups(db, siteId, months)
      await mod.learnedProbabilities(db, siteId)
      await mod.pastMonthsData(db, siteId, mod.pastMonths(now)[0], months[0])
    })

    // Plans as a fresh database has them, then with the statistics ANALYZE gathers.
    const planResults = await checkPlans('before ANALYZE', plans, persistTo)
    await queryLocal('ANALYZE', { persistTo })
    planResults.push(...(await checkPlans('after ANALYZE', plans, persistTo)))
    const failed = planResults.filter((p) => p.fullScans.length > 0).length

    server = await startDevServer({ port, persistTo, log: join(persistTo, 'wrangler.log') })
    const from2y = new Date(now.getTime() - 730 * DAY).toISOString().slice(0, 10)
    const routes = [
      ['funnel (90 days)', '/admin/api/analytics/funnel'],
      ['funnel (2 years)', `/admin/api/analytics/funnel?from=${from2y}`],
      [
        'funnel (2 years, source=google)',
        `/admin/api/analytics/funnel?from=${from2y}&source=google`,
      ],
      ['time-in-stage (90 days)', '/admin/api/analytics/time-in-stage'],
      ['time-in-stage (2 years)', `/admin/api/analytics/time-in-stage?from=${from2y}`],
      ['win-rates (90 days)', '/admin/api/analytics/win-rates'],
      ['win-rates (2 years)', `/admin/api/analytics/win-rates?from=${from2y}`],
      ['forecast', '/admin/api/analytics/forecast'],
      ['deals ranking (first page)', '/admin/api/deals'],
    ]
    const timings = []
    for (const [name, path] of routes) {
      const times = []
      let status = 0
      for (let i = 0; i <= RUNS; i++) {
        const t = performance.now()
        const res = await fetch(server.url + path, { headers: { Authorization: `Bearer ${key}` } })
        await res.arrayBuffer()
        status = res.status
        if (i > 0) times.push(performance.now() - t)
        if (status !== 200) break
      }
      if (status !== 200) {
        timings.push({ name, path, status, skipped: `answered ${status}` })
        continue
      }
      times.sort((a, b) => a - b)
      timings.push({
        name,
        path,
        runs: times.length,
        p50: quantile(times, 0.5),
        p95: quantile(times, 0.95),
      })
    }

    const machine = {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    }
    const result = {
      leads: LEADS,
      stageEvents: events,
      seedSeconds: seeded.ms / 1000,
      runs: RUNS,
      machine,
      timings,
      plans: planResults,
      plansWithFullScans: failed,
    }
    console.log(
      `\nanalytics: ${LEADS} leads, ${events} stage events (seeded in ${(seeded.ms / 1000).toFixed(1)} s)`,
    )
    console.log(
      `  ${machine.cores} × ${machine.cpu}, Node ${machine.node}; ${RUNS} runs per route after a warm-up`,
    )
    for (const t of timings) {
      console.log(
        t.skipped
          ? `  ${t.name.padEnd(34)} skipped: ${t.skipped}`
          : `  ${t.name.padEnd(34)} p50 ${t.p50.toFixed(0).padStart(6)} ms   p95 ${t.p95.toFixed(0).padStart(6)} ms`,
      )
    }
    console.log(`\nquery plans (${plans.length} statements, before and after ANALYZE):`)
    for (const p of planResults) {
      console.log(`  [${p.route}, ${p.when}] ${p.sql.slice(0, 90)}…`)
      for (const line of p.plan)
        console.log(`      ${p.fullScans.includes(line) ? '✗' : ' '} ${line}`)
    }
    mkdirSync(join(ROOT, 'dist'), { recursive: true })
    writeFileSync(
      join(ROOT, 'dist', 'bench-analytics.json'),
      JSON.stringify(result, null, 2) + '\n',
    )
    if (failed > 0) {
      console.error(`\n${failed} statement(s) scan leads or stage_events without an index search.`)
      process.exitCode = 1
    } else {
      console.log('\nEvery statement searches leads and stage_events through an index by site.')
    }
  } finally {
    await server?.stop()
    rmSync(persistTo, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
