/**
 * Applies the real migrations to the test D1 database before the worker tests run, and fails
 * loudly when none were read (a known trap makes the migration reader silently return none).
 */
import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'

const migrations = env.TEST_MIGRATIONS
if (!Array.isArray(migrations) || migrations.length === 0) {
  throw new Error(
    'No D1 migrations were read from ./migrations: the worker tests would run against an empty database.',
  )
}
await applyD1Migrations(env.DB, migrations)
const tables = await env.DB.prepare(
  "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'leads'",
).first<{ n: number }>()
if (tables?.n !== 1) throw new Error('The migrations ran but created no leads table.')
