/**
 * Starts what the end-to-end tests run against, once per run: builds the widget and demo site,
 * starts `wrangler dev` on a free port (never 8787, which `npm start` uses) with a fresh
 * `--persist-to` directory, applies the migrations to that directory, seeds the demo store with
 * origins for that port, and hands base URL and keys to the tests through `provide`.
 * Uses scripts/lib/dev-server.mjs, the same code as `npm start`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { build } from '../../scripts/build.mjs'
import { seedDemoNurture } from '../../scripts/lib/demo-nurture.mjs'
import {
  applyMigrations,
  demoStore,
  fakeProviderArgs,
  freePort,
  loopbackOrigins,
  seedStore,
  startDevServer,
} from '../../scripts/lib/dev-server.mjs'
import { startFakes } from '../fakes/providers.mjs'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    persistTo: string
    siteKey: string
    siteId: string
    ownerKey: string
    repKey: string
    /** A port for a store page on another origin (cross-origin.test.ts serves it). */
    storePort: number
    /** The local fake e-mail/SMS providers the store's messages go to. */
    fakesUrl: string
  }
}

export default async function setup(project: TestProject) {
  build()
  const persistTo = mkdtempSync(join(tmpdir(), 'leadline-e2e-'))
  const port = await freePort()
  const storePort = await freePort()
  // Migrate and seed before the server starts: wrangler dev then opens a ready database.
  await applyMigrations({ persistTo })
  const origins = [...loopbackOrigins(port), `http://127.0.0.1:${storePort}`]
  const store = await seedStore(demoStore(origins), { persistTo })
  const fakes = await startFakes()
  const base = `http://127.0.0.1:${port}`
  const server = await startDevServer({
    port,
    persistTo,
    log: join(persistTo, 'wrangler.log'),
    extraArgs: fakeProviderArgs(fakes.url),
  })

  const [owner, rep] = store.users
  // No quiet hours here: a run at night must send the first e-mail too.
  await seedDemoNurture(
    server.url,
    owner!.key,
    { bookingUrl: `${base}/#demo`, quotePageUrl: `${base}/teklif/` },
    { quietHours: null },
  )
  project.provide('baseUrl', server.url)
  project.provide('persistTo', persistTo)
  project.provide('siteKey', store.publicKey)
  project.provide('siteId', store.siteId)
  project.provide('ownerKey', owner!.key)
  project.provide('repKey', rep!.key)
  project.provide('storePort', storePort)
  project.provide('fakesUrl', fakes.url)

  return async function teardown() {
    await server.stop()
    await fakes.close()
    // Keep the directory (and wrangler.log) when asked, to look at a failed run's database.
    if (!process.env.LEADLINE_KEEP_E2E) rmSync(persistTo, { recursive: true, force: true })
  }
}
