/**
 * The npm build as a bundler user gets it (dist/npm/): its package.json, that every export it
 * names exists, that the type declarations export the element classes, and that the
 * custom-elements manifest describes every tag. Runs in Node; builds the widget first when
 * dist/npm/package.json is missing.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import ts from 'typescript'
import { beforeAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..')
const npm = join(root, 'dist/npm')
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'))

/** Each element: its class, its tag, and the attributes and events its JSDoc promises. */
const ELEMENTS = [
  {
    name: 'LeadlineForm',
    tag: 'leadline-form',
    attributes: ['site-key', 'api-base', 'lang', 'source'],
    events: ['leadline-before-submit', 'leadline-submit', 'leadline-success', 'leadline-error'],
  },
  {
    name: 'LeadlineQuiz',
    tag: 'leadline-quiz',
    attributes: ['site-key', 'api-base', 'lang', 'lead-id'],
    events: [
      'leadline-quiz-step',
      'leadline-quiz-complete',
      'leadline-book-demo',
      'leadline-error',
    ],
  },
  {
    name: 'LeadlineBooking',
    tag: 'leadline-booking',
    attributes: ['site-key', 'api-base', 'lang', 'lead-id', 'time-zone', 'manage-token'],
    events: ['leadline-slot-select', 'leadline-booked', 'leadline-cancelled', 'leadline-error'],
  },
  {
    name: 'LeadlineQuote',
    tag: 'leadline-quote',
    attributes: ['token', 'site-key', 'api-base', 'lang'],
    events: [
      'leadline-quote-view',
      'leadline-quote-accept',
      'leadline-quote-decline',
      'leadline-error',
    ],
  },
  {
    name: 'LeadlineInvoice',
    tag: 'leadline-invoice',
    attributes: ['src', 'store-name', 'lang', 'invoice'],
    events: ['leadline-error'],
  },
]
const DEFINES = ['form', 'quiz', 'booking', 'quote', 'invoice'].map((c) => `define-${c}`)

let pkg: Record<string, any>

beforeAll(() => {
  if (!existsSync(join(npm, 'package.json'))) {
    execFileSync(process.execPath, [join(root, 'widget/build.mjs')], {
      cwd: root,
      stdio: 'inherit',
    })
  }
  pkg = json(join(npm, 'package.json'))
}, 120_000)

describe('the npm package in dist/npm', () => {
  it('has a package.json: private, versioned like the project, ES modules, Lit and valibot as peers', () => {
    const rootPkg = json(join(root, 'package.json'))
    expect(pkg).toMatchObject({
      name: '@leadline/widgets',
      version: rootPkg.version,
      private: true,
      type: 'module',
      types: './index.d.ts',
      customElements: 'custom-elements.json',
      peerDependencies: {
        lit: `^${rootPkg.devDependencies.lit}`,
        valibot: `^${rootPkg.devDependencies.valibot}`,
      },
    })
    expect(pkg.dependencies).toBeUndefined()
    // Only the define files register tags, so a bundler may drop anything else unused.
    expect([...pkg.sideEffects].sort()).toEqual(DEFINES.map((d) => `./${d}.js`).sort())
    expect(Object.keys(pkg.exports).sort()).toEqual(
      ['.', ...DEFINES.map((d) => `./${d}`), './custom-elements.json', './package.json'].sort(),
    )
  })

  it('points every export, types and main at a file that exists', () => {
    const targets: string[] = [pkg.main, pkg.module, pkg.types, pkg.customElements]
    for (const target of Object.values(pkg.exports) as (string | Record<string, string>)[]) {
      targets.push(...(typeof target === 'string' ? [target] : Object.values(target)))
    }
    for (const target of targets) expect(existsSync(join(npm, target)), target).toBe(true)
    for (const d of DEFINES) {
      expect(pkg.exports[`./${d}`]).toEqual({ types: `./${d}.d.ts`, default: `./${d}.js` })
    }
    expect(pkg.exports['.']).toEqual({ types: './index.d.ts', default: './index.js' })
  })

  it('imports nothing but its own files and its peers', () => {
    const peers = Object.keys(pkg.peerDependencies)
    for (const file of ['index.js', ...DEFINES.map((d) => `${d}.js`)]) {
      const code = readFileSync(join(npm, file), 'utf8')
      for (const m of code.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*["']([^"']+)["']/gm)) {
        const spec = m[1]!
        if (spec.startsWith('./')) expect(existsSync(join(npm, spec)), spec).toBe(true)
        else expect(peers, `${file} imports ${spec}`).toContain(spec.split('/')[0])
      }
    }
  })

  it('declares the element classes and their define functions in index.d.ts', () => {
    const index = join(npm, 'index.d.ts')
    const program = ts.createProgram([index], { noEmit: true, skipLibCheck: true })
    const checker = program.getTypeChecker()
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(index)!)!
    const exported = new Map(
      checker.getExportsOfModule(moduleSymbol).map((s) => {
        const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s
        return [s.name, target.flags] as const
      }),
    )
    for (const { name } of ELEMENTS) {
      expect(exported.get(name)! & ts.SymbolFlags.Class, name).toBeTruthy()
      const define = name.replace('Leadline', 'define')
      expect(exported.get(define)! & ts.SymbolFlags.Function, define).toBeTruthy()
    }
    // The declarations resolve: no missing module or type in what a user's tsc would read.
    const errors = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName.startsWith(npm))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    expect(errors).toEqual([])
  }, 120_000)

  it('lists every tag in custom-elements.json with its class, attributes and events', () => {
    const manifest = json(join(npm, pkg.customElements))
    const declared = (manifest.modules as any[]).flatMap((m) =>
      (m.declarations ?? []).filter((d: any) => d.customElement || d.tagName),
    )
    expect(declared.map((d) => d.tagName).sort()).toEqual(ELEMENTS.map((e) => e.tag).sort())
    for (const element of ELEMENTS) {
      const d = declared.find((x) => x.tagName === element.tag)
      expect(d.name).toBe(element.name)
      expect(d.attributes.map((a: any) => a.name).sort()).toEqual([...element.attributes].sort())
      expect(d.events.map((e: any) => e.name).sort()).toEqual([...element.events].sort())
    }
  })
})
