/**
 * `npm run build`: builds the widget (when `widget/build.mjs` exists) and copies the demo store
 * into `dist/public/`, the worker's static assets folder (wrangler.toml `[assets]`).
 * Idempotent: running it twice gives the same tree, and it never deletes the widget's output.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT } from './lib/dev-server.mjs'

export const PUBLIC_DIR = join(ROOT, 'dist', 'public')

/**
 * Builds everything the dev server serves. Throws when the widget build fails, so a broken
 * widget is never served as if it were fine.
 * @returns {{ widget: boolean }} whether the widget was built (its build may not exist yet).
 */
export function build() {
  mkdirSync(PUBLIC_DIR, { recursive: true })
  const widgetBuild = join(ROOT, 'widget', 'build.mjs')
  const widget = existsSync(widgetBuild)
  if (widget) {
    const run = spawnSync(process.execPath, [widgetBuild], { cwd: ROOT, stdio: 'inherit' })
    if (run.status !== 0) throw new Error(`node widget/build.mjs exited with ${run.status}`)
  }
  // After the widget, so a widget build that cleans dist/public cannot remove the demo pages.
  cpSync(join(ROOT, 'demo-site'), PUBLIC_DIR, { recursive: true, force: true })
  return { widget }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now()
  const { widget } = build()
  const took = Math.round(performance.now() - started)
  console.log(
    `build: ${widget ? 'widget built, ' : 'no widget/build.mjs yet, '}demo-site copied to dist/public (${took} ms)`,
  )
}
