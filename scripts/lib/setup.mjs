/**
 * What `npm start` and `npm test` install when it is missing: the npm dependencies (`npm ci`
 * when node_modules is absent or older than the lock) and, for the browser tests, Debian's
 * Chromium. Nothing here downloads a browser of its own.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const CHROMIUM = process.env.LEADLINE_CHROMIUM ?? '/usr/bin/chromium'

/** Launch flags that work on these machines (no GPU, no sandbox, no background traffic). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Runs `npm ci` unless node_modules is at least as new as package-lock.json. */
export function ensureDependencies(root) {
  const marker = join(root, 'node_modules', '.package-lock.json')
  const lock = join(root, 'package-lock.json')
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return
  console.log('› installing npm dependencies (npm ci)…')
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' })
}

/**
 * Makes sure a Chromium exists for the browser and end-to-end tests: installs Debian's package
 * as root where apt-get exists, else explains how to get one and returns false.
 */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return true
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0
  if (isRoot && hasApt) {
    console.log('› installing Chromium from Debian packages (apt-get install chromium)…')
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env })
    if (existsSync(CHROMIUM)) return true
  }
  console.error(
    [
      `No Chromium at ${CHROMIUM}; the browser and end-to-end tests need one.`,
      'Install it with `sudo apt-get install chromium` (Debian/Ubuntu), or point',
      'LEADLINE_CHROMIUM at an existing Chromium or Chrome binary.',
    ].join('\n'),
  )
  return false
}
