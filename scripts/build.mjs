/**
 * `npm run build`: builds the widget and the admin console, and copies the demo store into
 * `dist/public/`, the worker's static assets folder (wrangler.toml `[assets]`), with the
 * `_headers` that let other origins load the widget. Idempotent: running it twice gives the
 * same tree.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT } from './lib/dev-server.mjs'
import { ensureNode } from './lib/setup.mjs'

export const PUBLIC_DIR = join(ROOT, 'dist', 'public')

/**
 * Static-asset headers (Workers `_headers`). The component chunks are ES modules, which browsers
 * fetch with CORS, so a store on its own domain needs a grant to load them; the loader gets one
 * too so `crossorigin` script tags work. Names without a content hash are revalidated often.
 */
const HEADERS = `/embed.js
  Access-Control-Allow-Origin: *
  Cache-Control: public, max-age=300
/chunks/*
  Access-Control-Allow-Origin: *
  Cache-Control: public, max-age=300
`

/**
 * Builds everything the dev server serves. Throws when the widget build fails, so a broken
 * widget is never served as if it were fine.
 */
export function build() {
  mkdirSync(PUBLIC_DIR, { recursive: true })
  const run = spawnSync(process.execPath, [join(ROOT, 'widget', 'build.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  })
  if (run.status !== 0) throw new Error(`node widget/build.mjs exited with ${run.status}`)
  // The admin console, served by the worker at /admin (dist/public/admin/).
  const admin = spawnSync(process.execPath, [join(ROOT, 'console', 'build.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  })
  if (admin.status !== 0) throw new Error(`node console/build.mjs exited with ${admin.status}`)
  // After the widget, so a widget build that cleans dist/public cannot remove the demo pages.
  cpSync(join(ROOT, 'demo-site'), PUBLIC_DIR, { recursive: true, force: true })
  writeFileSync(join(PUBLIC_DIR, '_headers'), HEADERS)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await ensureNode(ROOT)
  const started = performance.now()
  build()
  const took = Math.round(performance.now() - started)
  console.log(`build: widget and console built, demo-site copied to dist/public (${took} ms)`)
}
