/**
 * Creates a store with its allowed origins, an owner and reps, and prints their admin keys once.
 *
 *   npm run create-store -- --name "Anadolu Tekstil" --origin https://www.anadolutekstil.com.tr \
 *     --owner "Ayşe Yılmaz <ayse@anadolutekstil.com.tr>" --rep "Mehmet Demir <mehmet@…>" [--remote]
 *
 * Without --remote it writes to local D1 (`wrangler dev`); with it, to the deployed database.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { DB_NAME, runWrangler } from './lib/dev-server.mjs'
import { storeSql } from './lib/store.mjs'
import { ensureNode } from './lib/setup.mjs'

await ensureNode(join(import.meta.dirname, '..'))

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    origin: { type: 'string', multiple: true, default: [] },
    owner: { type: 'string' },
    rep: { type: 'string', multiple: true, default: [] },
    locale: { type: 'string', default: 'tr' },
    currency: { type: 'string', default: 'TRY' },
    'time-zone': { type: 'string', default: 'Europe/Istanbul' },
    region: { type: 'string', default: 'TR' },
    remote: { type: 'boolean', default: false },
  },
})

/** Reads `Name <email>`. */
function person(text, role) {
  const m = /^\s*(.+?)\s*<\s*([^<>\s]+@[^<>\s]+)\s*>\s*$/.exec(text ?? '')
  if (!m)
    throw new Error(`--${role} takes "Full Name <email@example.com>", got ${JSON.stringify(text)}`)
  return { name: m[1], email: m[2].toLowerCase(), role }
}

try {
  if (!values.name) throw new Error('--name is required')
  for (const o of values.origin) {
    if (new URL(o).origin !== o)
      throw new Error(`--origin takes an origin like https://shop.example, got ${o}`)
  }
  const store = await storeSql({
    name: values.name,
    origins: values.origin,
    locale: values.locale === 'en' ? 'en' : 'tr',
    currency: values.currency,
    timeZone: values['time-zone'],
    region: values.region,
    people: [person(values.owner, 'owner'), ...values.rep.map((r) => person(r, 'rep'))],
  })
  const dir = mkdtempSync(join(tmpdir(), 'leadline-store-'))
  try {
    writeFileSync(join(dir, 'store.sql'), store.sql)
    const where = values.remote ? '--remote' : '--local'
    await runWrangler(['d1', 'execute', DB_NAME, where, '--yes', '--file', join(dir, 'store.sql')])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  console.log(`Store created: ${values.name}`)
  console.log(`  site key (public, for the script tag): ${store.publicKey}`)
  for (const u of store.users) console.log(`  ${u.role.padEnd(5)} ${u.name} <${u.email}>: ${u.key}`)
  console.log('The admin keys are shown only now; only their hashes are stored.')
} catch (err) {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
}
