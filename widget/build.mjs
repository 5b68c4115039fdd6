#!/usr/bin/env node
/**
 * Builds the widget: `node widget/build.mjs` (called by scripts/build.mjs).
 * 1. component chunks → dist/public/chunks/ (ES modules, Lit inside)
 * 2. loader → dist/public/embed.js (classic-script IIFE)
 * 3. npm ES modules → dist/npm/, their .d.ts (tsc), custom-elements.json (cem analyzer) and a
 *    package.json (exports, types, Lit and valibot as peers)
 * Prints each public file's gzip and brotli size.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { build } from 'vite'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '..')
const configFile = join(here, 'vite.config.ts')
const bin = (name) => join(root, 'node_modules', '.bin', name)

/**
 * What each component's chunk imports, all the way down, by file name under chunks/ (what vite's
 * manifest lists as `imports`): the loader preloads them with the component's chunk, so the
 * browser fetches them at once rather than after parsing the chunk (`__LEADLINE_DEPS__`). What
 * every component imports (the shared Lit chunk) is named once, under `''`.
 */
function depsOf(out) {
  const chunks = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output)
  const byFile = new Map(chunks.map((c) => [c.fileName, c]))
  const deps = {}
  for (const entry of chunks.filter((c) => c.type === 'chunk' && c.isEntry)) {
    const seen = new Set()
    const walk = (file) => {
      for (const dep of byFile.get(file)?.imports ?? []) {
        if (seen.has(dep)) continue
        seen.add(dep)
        walk(dep)
      }
    }
    walk(entry.fileName)
    deps[entry.name] = [...seen].map((f) => f.replace(/^chunks\//, ''))
  }
  const lists = Object.values(deps)
  const common = lists[0]?.filter((f) => lists.every((l) => l.includes(f))) ?? []
  const own = Object.entries(deps)
    .map(([name, files]) => [name, files.filter((f) => !common.includes(f))])
    .filter(([, files]) => files.length)
  return { '': common, ...Object.fromEntries(own) }
}

/**
 * Builds what a visitor downloads, the component chunks and then the loader (which names the
 * chunks' imports), with the widget of the checkout at `from`: into dist/public, or into `outDir`
 * (the render profiler builds its own copies, and another revision's, there).
 */
export async function buildPublic({ from = root, outDir } = {}) {
  // Vite picks Lit's development build when NODE_ENV says so, and test runners (vitest sets
  // NODE_ENV=test) pass theirs to this process: a build is always a production build.
  process.env.NODE_ENV = 'production'
  const config = join(from, 'widget', 'vite.config.ts')
  const into = outDir ? { logLevel: 'warn', build: { outDir, emptyOutDir: false } } : {}
  for (const target of ['chunks', 'loader']) {
    process.env.LEADLINE_BUILD = target
    const out = await build({ configFile: config, mode: 'production', ...into })
    if (target === 'chunks') process.env.LEADLINE_DEPS = JSON.stringify(depsOf(out))
  }
}

// Imported (by the render profiler) it only lends `buildPublic`; run, it builds everything.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildAll()
}

async function buildAll() {
  // Hashed shared chunks change name between builds; stale ones must not linger in the assets.
  rmSync(join(root, 'dist/public/chunks'), { recursive: true, force: true })
  await buildPublic()
  process.env.LEADLINE_BUILD = 'npm'
  await build({ configFile, mode: 'production' })

  const npm = join(root, 'dist/npm')
  execFileSync(bin('tsc'), ['-p', join(here, 'tsconfig.npm.json')], { stdio: 'inherit' })
  writeFileSync(join(npm, 'index.d.ts'), "export * from './types/widget/src/index'\n")
  const defines = ['form', 'quiz', 'booking', 'quote', 'invoice'].map((c) => `define-${c}`)
  for (const d of defines) writeFileSync(join(npm, `${d}.d.ts`), 'export {}\n')
  execFileSync(
    bin('cem'),
    ['analyze', '--config', join(here, 'custom-elements-manifest.config.mjs'), '--quiet'],
    { cwd: root, stdio: 'inherit' },
  )

  // The package's manifest: private (published by no one yet), its version and peers from the root.
  const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const entry = (name) => ({ types: `./${name}.d.ts`, default: `./${name}.js` })
  const npmPkg = {
    name: '@leadline/widgets',
    version: rootPkg.version,
    private: true,
    description:
      'Leadline web components: <leadline-form>, <leadline-quiz>, <leadline-booking>, <leadline-quote> and <leadline-invoice>.',
    type: 'module',
    main: './index.js',
    module: './index.js',
    types: './index.d.ts',
    exports: {
      '.': entry('index'),
      ...Object.fromEntries(defines.map((d) => [`./${d}`, entry(d)])),
      './custom-elements.json': './custom-elements.json',
      './package.json': './package.json',
    },
    customElements: 'custom-elements.json',
    // Only the define files register tags; the index and the element modules have no side effects.
    sideEffects: defines.map((d) => `./${d}.js`),
    peerDependencies: {
      lit: `^${rootPkg.devDependencies.lit}`,
      valibot: `^${rootPkg.devDependencies.valibot}`,
    },
  }
  writeFileSync(join(npm, 'package.json'), JSON.stringify(npmPkg, null, 2) + '\n')

  const size = (file) => {
    const bytes = readFileSync(file)
    return {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes).length,
    }
  }
  const publicDir = join(root, 'dist/public')
  const files = ['embed.js', ...readdirSync(join(publicDir, 'chunks')).map((f) => 'chunks/' + f)]
  for (const f of files) {
    const s = size(join(publicDir, f))
    console.log(
      `${f.padEnd(32)} ${String(s.raw).padStart(7)} B  gzip ${String(s.gzip).padStart(6)}  br ${String(s.brotli).padStart(6)}`,
    )
  }
}
