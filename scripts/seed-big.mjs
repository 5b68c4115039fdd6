/**
 * `npm run seed:big -- --leads N [--persist-to DIR] [--seed S] [--months M]`: fills local D1
 * (default `.wrangler/state`, the database `npm start` serves) with a realistic pipeline
 * history for analytics and benchmarks, in its own store "Büyük Mağaza" (site key
 * pk_buyukMagaza2026), created on the first run and added to on later runs.
 *
 * Over the last M months (default 18), with more leads in recent months: a contact per lead,
 * leads captured from UTM campaigns, referrers or directly, walked through the stages with
 * waits drawn from log-normal distributions (nurturing is slow, a deal quick), closing won or
 * lost with reasons, sometimes skipping ahead, going back or reopening; owners among five
 * people; values in kuruş (a few in euro cents); expected close dates and probability
 * overrides on some open deals; a demo booking (held, missed, cancelled or coming) for each
 * move into `meeting`; 2 % spam. Rows go in as multi-row INSERTs in files of
 * CHUNK_LEADS leads through `wrangler d1 execute --file`.
 */
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { applyMigrations, executeSql, queryLocal, ROOT } from './lib/dev-server.mjs'
import { lit, randomToken, storeSql } from './lib/store.mjs'
import { prng } from './lib/prng.mjs'
import { ensureNode } from './lib/setup.mjs'

export const BIG_SITE_KEY = 'pk_buyukMagaza2026'
const CHUNK_LEADS = 10_000
const ROWS_PER_INSERT = 200
const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Where leads come from: [utm source, medium, referrer], weighted. */
const SOURCES = [
  [35, 'google', 'cpc', 'https://www.google.com/'],
  [14, 'instagram', 'social', 'https://l.instagram.com/'],
  [8, 'facebook', 'social', 'https://m.facebook.com/'],
  [7, 'newsletter', 'email', null],
  [9, null, null, 'https://www.google.com/'],
  [4, null, null, 'https://www.linkedin.com/'],
  [3, null, null, 'https://t.co/'],
  [20, null, null, null],
]
const LOST_REASONS = [
  [30, 'bütçe yetersiz'],
  [22, 'zamanlama uygun değil'],
  [18, 'rakip tercih edildi'],
  [15, 'yanıt vermiyor'],
  [10, 'disqualified'],
  [5, null],
]
/** Next stage choices per stage: [to, probability, event]; what is left stays. */
const NEXT = {
  lead: [
    ['qualification', 0.55, 'quiz_started'],
    ['meeting', 0.08, 'meeting_booked'],
    ['lost', 0.2, 'closed_lost'],
  ],
  qualification: [
    ['nurturing', 0.6, 'quiz_qualified'],
    ['lost', 0.25, 'quiz_disqualified'],
  ],
  nurturing: [
    ['meeting', 0.45, 'meeting_booked'],
    ['proposal', 0.05, 'quote_sent'],
    ['lost', 0.3, 'closed_lost'],
  ],
  meeting: [
    ['proposal', 0.6, 'meeting_held'],
    ['nurturing', 0.1, 'meeting_no_show'],
    ['lost', 0.15, 'closed_lost'],
  ],
  proposal: [
    ['deal', 0.5, 'quote_accepted'],
    ['lost', 0.35, 'closed_lost'],
  ],
  deal: [
    ['won', 0.8, 'invoice_issued'],
    ['lost', 0.15, 'closed_lost'],
  ],
  lost: [['nurturing', 0.03, 'reopened']],
}
/** Median hours in each stage before the next move. */
const MEDIAN_HOURS = {
  lead: 20,
  qualification: 30,
  nurturing: 240,
  meeting: 72,
  proposal: 120,
  deal: 96,
  lost: 900,
}
const PROBABILITY = {
  lead: 5,
  qualification: 10,
  nurturing: 20,
  meeting: 40,
  proposal: 60,
  deal: 80,
}
const PEOPLE = [
  { name: 'Elif Şahin', email: 'elif@buyukmagaza.example', role: 'owner' },
  { name: 'Can Öztürk', email: 'can@buyukmagaza.example', role: 'rep' },
  { name: 'Deniz Aydın', email: 'deniz@buyukmagaza.example', role: 'rep' },
  { name: 'Burak Koç', email: 'burak@buyukmagaza.example', role: 'rep' },
  { name: 'Selin Arslan', email: 'selin@buyukmagaza.example', role: 'rep' },
]

function weighted(rand, table) {
  const total = table.reduce((n, r) => n + r[0], 0)
  let x = rand() * total
  for (const row of table) if ((x -= row[0]) < 0) return row
  return table[table.length - 1]
}

/** A standard normal draw (Box–Muller). */
const normal = (rand) => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand())

/**
 * Generates `count` leads (from index `start`) with their contacts and stage events, as rows.
 * @returns {{ contacts: unknown[][], leads: unknown[][], events: unknown[][], bookings: unknown[][] }}
 */
export function generateLeads({ siteId, ownerIds, start, count, now, months, seed, runId }) {
  const rand = prng(seed + start * 7919)
  const nowMs = now.getTime()
  const spanMs = months * 30.44 * DAY
  const contacts = []
  const leads = []
  const events = []
  const bookings = []
  for (let i = start; i < start + count; i++) {
    const id = `ld_${runId}${i.toString(36)}`
    const contactId = `ct_${runId}${i.toString(36)}`
    // Growth: more leads recently (density rises linearly over the span).
    let at = nowMs - spanMs * (1 - Math.sqrt(rand()))
    const createdAt = new Date(at).toISOString()
    const [, utmSource, medium, referrer] = weighted(rand, SOURCES)
    const utm = utmSource
      ? { source: utmSource, medium, campaign: `kampanya-${1 + Math.floor(rand() * 6)}` }
      : {}
    const currency = rand() < 0.05 ? 'EUR' : 'TRY'
    const value =
      rand() < 0.08
        ? 0
        : Math.round(
            Math.exp(Math.log(currency === 'EUR' ? 150_000 : 2_500_000) + normal(rand) * 0.8),
          )
    const ownerId = rand() < 0.1 ? null : ownerIds[Math.floor(rand() * ownerIds.length)]
    const spam = rand() < 0.02 ? 1 : 0
    contacts.push([
      contactId,
      siteId,
      `Müşteri ${i}`,
      `musteri${i}.${runId}@example.com`,
      createdAt,
    ])
    let stage = 'lead'
    let reason = null
    let enteredAt = at
    events.push([
      `se_${runId}${i.toString(36)}_0`,
      siteId,
      id,
      null,
      'lead',
      'captured',
      null,
      'visitor',
      createdAt,
    ])
    for (let step = 1; step < 14 && !spam; step++) {
      const options = NEXT[stage]
      if (!options) break
      let r = rand()
      const choice = options.find(([, p]) => (r -= p) < 0)
      if (!choice) break
      const [to, , event] = choice
      // Accepting a quote and issuing the invoice often happen in the same batch.
      const wait =
        stage === 'deal' && rand() < 0.3
          ? 0
          : Math.exp(Math.log(MEDIAN_HOURS[stage]) + normal(rand) * 0.9) * HOUR
      if (at + wait >= nowMs) break
      at += wait
      reason =
        to === 'lost'
          ? event === 'quiz_disqualified'
            ? 'disqualified'
            : weighted(rand, LOST_REASONS)[1]
          : to === 'won'
            ? 'fatura kesildi'
            : null
      const actor = event.startsWith('closed') || event === 'reopened' ? 'user' : 'visitor'
      events.push([
        `se_${runId}${i.toString(36)}_${step}`,
        siteId,
        id,
        stage,
        to,
        event,
        reason,
        actor,
        new Date(at).toISOString(),
      ])
      if (event === 'meeting_booked') {
        // The demo the visitor booked, a day or more ahead; its outcome is set on leaving.
        const start = at + (1 + Math.floor(rand() * 5)) * DAY
        bookings.push([
          `bk_${runId}${i.toString(36)}_${step}`,
          siteId,
          id,
          ownerId ?? ownerIds[1] ?? ownerIds[0],
          'demo',
          new Date(start).toISOString(),
          new Date(start + HOUR / 2).toISOString(),
          new Date(start).toISOString().slice(0, 10),
          1,
          1000,
          'Europe/Istanbul',
          'confirmed',
          randomToken(32),
          new Date(at).toISOString(),
          new Date(at).toISOString(),
        ])
      } else if (stage === 'meeting' && bookings.at(-1)?.[2] === id) {
        const b = bookings.at(-1)
        b[11] =
          event === 'meeting_held' ? 'held' : event === 'meeting_no_show' ? 'no_show' : 'cancelled'
        b[14] = new Date(at).toISOString()
      }
      stage = to
      enteredAt = at
    }
    const open = stage !== 'won' && stage !== 'lost'
    const late = open && ['meeting', 'proposal', 'deal'].includes(stage)
    const expectedClose =
      late && rand() < 0.6
        ? new Date(enteredAt + (5 + rand() * 80) * DAY).toISOString().slice(0, 10)
        : null
    const override = late && rand() < 0.05 ? 10 * Math.floor(rand() * 11) : null
    const stageAt = new Date(enteredAt).toISOString()
    leads.push([
      id,
      siteId,
      contactId,
      stage,
      stage === 'won' || stage === 'lost' ? reason : null,
      ownerId,
      value,
      currency,
      stage === 'won' ? 100 : stage === 'lost' ? 0 : PROBABILITY[stage],
      spam,
      referrer,
      JSON.stringify(utm),
      'tr',
      stageAt,
      createdAt,
      stageAt,
      expectedClose,
      override,
    ])
  }
  return { contacts, leads, events, bookings }
}

function inserts(table, columns, rows) {
  const out = []
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows
      .slice(i, i + ROWS_PER_INSERT)
      .map((r) => `(${r.map(lit).join(', ')})`)
      .join(',\n')
    out.push(`INSERT INTO ${table} (${columns}) VALUES\n${values};`)
  }
  return out.join('\n')
}

/** The SQL of one chunk of generated rows. */
export function chunkSql({ contacts, leads, events, bookings }) {
  return [
    inserts(
      'contacts',
      'id, site_id, name, email, created_at, updated_at',
      contacts.map((c) => [...c, c[4]]),
    ),
    inserts(
      'leads',
      'id, site_id, contact_id, stage, close_reason, owner_id, value_minor, currency, probability, spam, referrer, utm, locale, stage_entered_at, created_at, updated_at, expected_close, probability_override',
      leads,
    ),
    inserts(
      'stage_events',
      'id, site_id, lead_id, from_stage, to_stage, event, reason, actor_type, at',
      events,
    ),
    inserts(
      'bookings',
      'id, site_id, lead_id, rep_id, type, start_at, end_at, rep_day, day_seq, max_per_day, visitor_tz, status, token_hash, created_at, updated_at',
      bookings,
    ),
  ].join('\n')
}

/**
 * Applies the migrations, creates "Büyük Mağaza" in local D1 unless it exists, then adds
 * `leads` generated leads.
 * @returns {Promise<{ siteId: string, created: boolean, users: { id: string, role: string, key?: string }[], leads: number, events: number, ms: number }>}
 * @example await seedBig({ leads: 100_000, persistTo: dir })
 */
export async function seedBig({
  leads,
  persistTo,
  seed = 2026,
  months = 18,
  now = new Date(),
  log = () => {},
}) {
  const local = persistTo ? { persistTo } : {}
  const started = performance.now()
  // The leads table needs the deals columns (0010); applying is a no-op when up to date.
  await applyMigrations(local)
  const existing = await queryLocal(
    `SELECT id FROM sites WHERE public_key = ${lit(BIG_SITE_KEY)}`,
    local,
  )
  let siteId
  let users
  let created = false
  if (existing.length > 0) {
    siteId = existing[0].id
    users = await queryLocal(`SELECT id, role FROM users WHERE site_id = ${lit(siteId)}`, local)
  } else {
    const store = await storeSql({
      name: 'Büyük Mağaza',
      publicKey: BIG_SITE_KEY,
      origins: ['http://127.0.0.1:8787', 'http://localhost:8787'],
      locale: 'tr',
      currency: 'TRY',
      timeZone: 'Europe/Istanbul',
      people: PEOPLE,
    })
    await executeSql(store.sql, local)
    siteId = store.siteId
    users = store.users
    created = true
  }
  const ownerIds = users.map((u) => u.id)
  const runId = randomToken(6).toLowerCase()
  let events = 0
  for (let start = 0; start < leads; start += CHUNK_LEADS) {
    const count = Math.min(CHUNK_LEADS, leads - start)
    const rows = generateLeads({ siteId, ownerIds, start, count, now, months, seed, runId })
    events += rows.events.length
    await executeSql(chunkSql(rows), local)
    log(`  ${start + count} / ${leads} leads`)
  }
  await executeSql('PRAGMA optimize;', local).catch(() => {})
  return { siteId, created, users, leads, events, ms: performance.now() - started }
}

async function main() {
  const { values } = parseArgs({
    options: {
      leads: { type: 'string', default: '10000' },
      'persist-to': { type: 'string' },
      seed: { type: 'string', default: '2026' },
      months: { type: 'string', default: '18' },
    },
  })
  const leads = Number(values.leads)
  if (!Number.isInteger(leads) || leads < 1 || leads > 2_000_000) {
    throw new Error('--leads takes a whole number from 1 to 2000000')
  }
  console.log(
    `Seeding ${leads} leads into "Büyük Mağaza" (${values['persist-to'] ?? '.wrangler/state'}) …`,
  )
  const result = await seedBig({
    leads,
    persistTo: values['persist-to'],
    seed: Number(values.seed),
    months: Number(values.months),
    log: (line) => console.log(line),
  })
  console.log(
    `Done in ${(result.ms / 1000).toFixed(1)} s: ${result.leads} leads, ${result.events} stage events, site ${result.siteId}.`,
  )
  if (result.created) {
    console.log('Admin keys (shown once):')
    for (const u of result.users) console.log(`  ${u.role.padEnd(5)} ${u.email}  ${u.key}`)
  } else {
    console.log('The store existed; its admin keys were printed when it was created.')
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await ensureNode(ROOT)
  main().catch((err) => {
    console.error(err.message)
    process.exit(1)
  })
}
