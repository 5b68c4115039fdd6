/**
 * `npm test`: installs what is missing, builds the widgets, type-checks, lints, checks the
 * formatting, then runs every vitest project (unit, worker in workerd with real D1, browser in
 * Chromium, widget-build, end-to-end against `wrangler dev`). Writes test-results/summary.json
 * and ends with `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureChromium, ensureDependencies, ensureNode } from './lib/setup.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
ensureDependencies(root)
// On a fresh clone this started on the machine's Node; from here on it runs on the declared one.
await ensureNode(root)

const results = join(root, 'test-results')
rmSync(results, { recursive: true, force: true })
mkdirSync(results, { recursive: true })

const browser = ensureChromium()

const run = (label, cmd, args) => {
  console.log(`\n› ${label}`)
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  })
  return r.status === 0
}

let passed = 0
let failed = 0
const check = (label, ok) => {
  if (ok) passed++
  else {
    failed++
    console.error(`✗ ${label} failed`)
  }
}

check('build', run('build', 'node', ['scripts/build.mjs']))
check('typecheck', run('typecheck (tsc -b)', 'npx', ['tsc', '-b']))
check('lint', run('lint (eslint)', 'npx', ['eslint', '.']))
check('format', run('format (prettier --check)', 'npx', ['prettier', '--check', '.']))

const report = join(results, 'vitest.json')
// Without a browser only the projects that need none can run; the rest count as failed below.
const projects = browser ? [] : ['--project', 'unit', '--project', 'worker']
const vitestOk = run('tests (vitest)', 'npx', [
  'vitest',
  'run',
  ...projects,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
])
try {
  const json = JSON.parse(readFileSync(report, 'utf8'))
  passed += json.numPassedTests
  failed += json.numFailedTests
  // A suite that failed to load has no failed tests of its own; count it.
  failed += json.testResults.filter(
    (s) => s.status === 'failed' && s.assertionResults.every((a) => a.status !== 'failed'),
  ).length
  if (!vitestOk && json.numFailedTests === 0) failed++
} catch {
  failed++
  console.error('✗ vitest wrote no report')
}
if (!browser) failed++

writeFileSync(join(results, 'summary.json'), JSON.stringify({ passed, failed }))
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
