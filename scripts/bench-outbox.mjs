/**
 * `npm run bench:outbox`: how many messages the worker's scheduled run delivers per second from
 * the outbox in local D1, against `wrangler dev` on 127.0.0.1 with the local fake providers
 * (test/fakes/providers.mjs) answering at once.
 *
 * Queues BENCH_MESSAGES messages (half signed webhook deliveries, half e-mails through the
 * Resend-shaped API), then triggers the every-minute cron through `/__scheduled` and times it
 * until the fake has received every message (another run is triggered only if one stalls). Checks at the fake that each message arrived exactly
 * once. Prints the figures and writes dist/bench-outbox.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFakes } from '../test/fakes/providers.mjs'
import { seedDemoNurture } from './lib/demo-nurture.mjs'
import {
  executeSql,
  fakeProviderArgs,
  queryLocal,
  ROOT,
  runMinuteCron,
  startDemoStore,
} from './lib/dev-server.mjs'
import { lit, randomToken } from './lib/store.mjs'
import { ensureNode } from './lib/setup.mjs'

await ensureNode(ROOT)

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000)

/** INSERT statements for `n` due messages of the store, in chunks SQLite takes comfortably. */
function queueSql(siteId, webhook, n, at) {
  const rows = []
  for (let i = 0; i < n; i++) {
    const id = `ms_${randomToken(24)}`
    if (i % 2 === 0) {
      const payload = {
        id: `ev_${randomToken(20)}`,
        type: 'lead.created',
        createdAt: at,
        siteId,
        data: { i },
      }
      rows.push([
        id,
        'webhook',
        'system',
        `bench:${id}`,
        webhook.url,
        JSON.stringify(payload),
        webhook.id,
      ])
    } else {
      const payload = {
        locale: 'tr',
        subject: `Bench ${i}`,
        html: `<p>Bench ${i}</p>`,
        text: `Bench ${i}`,
      }
      rows.push([
        id,
        'email',
        'transactional',
        `bench:${id}`,
        `bench${i}@example.com`,
        JSON.stringify(payload),
        null,
      ])
    }
  }
  const statements = []
  for (let i = 0; i < rows.length; i += 200) {
    const values = rows
      .slice(i, i + 200)
      .map(
        (r) =>
          `(${[r[0], siteId, r[1], r[2], r[3], r[4], r[5]].map(lit).join(', ')}, ${r[6] ? lit(r[6]) : 'NULL'}, 'pending', 0, ${lit(at)}, ${lit(at)}, ${lit(at)})`,
      )
      .join(',\n')
    statements.push(
      `INSERT INTO outbox (id, site_id, channel, purpose, dedupe_key, recipient, payload, webhook_id, status, attempts, next_attempt_at, created_at, updated_at) VALUES\n${values};`,
    )
  }
  return statements.join('\n')
}

const persistTo = mkdtempSync(join(tmpdir(), 'leadline-bench-outbox-'))
const fakes = await startFakes()
let server
try {
  const demo = await startDemoStore({ persistTo, extraArgs: fakeProviderArgs(fakes.url) })
  server = demo.server
  const { store } = demo
  const base = server.url
  const owner = store.users.find((u) => u.role === 'owner')
  await seedDemoNurture(base, owner.key, {
    bookingUrl: `${base}/`,
    quotePageUrl: `${base}/teklif/`,
  })
  const res = await fetch(`${base}/admin/api/webhooks`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${owner.key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ url: `${fakes.url}/hooks/bench`, events: ['*'] }),
  })
  if (res.status !== 201) throw new Error(`creating the webhook answered ${res.status}`)
  const webhook = await res.json()
  await executeSql(queueSql(store.siteId, webhook, MESSAGES, new Date().toISOString()), {
    persistTo,
  })

  // `/__scheduled` answers at once and the run goes on in waitUntil, so the clock stops when
  // the fake provider has seen every message (polled), not when the trigger answers.
  const arrived = async () => {
    const seen = await (await fetch(`${fakes.url}/_inspect`)).json()
    return {
      webhooks: seen.webhooksById.filter((w) => w.name === 'bench'),
      emails: seen.emails.filter((m) => m.subject.startsWith('Bench ')),
    }
  }
  const started = performance.now()
  let runs = 0
  let seen = { webhooks: [], emails: [] }
  let lastCount = -1
  let lastProgress = started
  while (performance.now() - started < 300_000) {
    if (runs === 0 || performance.now() - lastProgress > 5_000) {
      await runMinuteCron(base)
      runs++
      lastProgress = performance.now()
    }
    seen = await arrived()
    const count = seen.webhooks.length + seen.emails.length
    if (count >= MESSAGES) break
    if (count !== lastCount) {
      lastCount = count
      lastProgress = performance.now()
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  const seconds = (performance.now() - started) / 1000
  const [{ n: delivered }] = await queryLocal(
    "SELECT count(*) AS n FROM outbox WHERE dedupe_key LIKE 'bench:%' AND status = 'delivered'",
    { persistTo },
  )
  const { webhooks, emails } = seen
  const result = {
    messages: MESSAGES,
    delivered,
    scheduledRuns: runs,
    seconds,
    perSecond: MESSAGES / seconds,
    exactlyOnce:
      webhooks.length === MESSAGES / 2 &&
      webhooks.every((w) => w.count === 1) &&
      new Set(emails.map((m) => m.idempotencyKey)).size === emails.length &&
      emails.length === MESSAGES / 2,
  }
  console.log(
    [
      '',
      `outbox: ${MESSAGES} messages (half webhooks, half e-mails), fake providers answering at once`,
      `  delivered by ${runs} scheduled run(s) in ${seconds.toFixed(2)} s = ${result.perSecond.toFixed(0)} msg/s`,
      `  marked delivered in D1: ${delivered}; each arrived exactly once at the fake: ${result.exactlyOnce}`,
      '',
    ].join('\n'),
  )
  writeFileSync(join(ROOT, 'dist', 'bench-outbox.json'), JSON.stringify(result, null, 2) + '\n')
} finally {
  await server?.stop()
  await fakes.close()
  rmSync(persistTo, { recursive: true, force: true })
}
