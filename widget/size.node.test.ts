/**
 * Size budgets for what a store's visitors download, measured with brotli as the worker's CDN
 * serves it. Runs in Node; builds the widget first when dist/public/embed.js is missing.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { brotliCompressSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..')
const pub = join(root, 'dist/public')
const br = (file: string) => brotliCompressSync(readFileSync(join(pub, file))).length

/** A chunk and every chunk it imports statically (`import"./x.js"`, `from"./x.js"`). */
function closure(file: string, seen = new Set<string>()): Set<string> {
  seen.add(file)
  const code = readFileSync(join(pub, file), 'utf8')
  for (const m of code.matchAll(/(?:from|import)\s*["'`]\.\/([\w.-]+\.js)["'`]/g)) {
    const dep = 'chunks/' + m[1]
    if (!seen.has(dep)) closure(dep, seen)
  }
  return seen
}

const read = (file: string) => readFileSync(join(pub, file), 'utf8')

/** Chunks loaded later with `import("./x.js")`. */
const lazy = (file: string) =>
  [
    ...readFileSync(join(pub, file), 'utf8').matchAll(
      /import\(\s*["'`]\.\/([\w.-]+\.js)["'`]\s*\)/g,
    ),
  ].map((m) => 'chunks/' + m[1])

beforeAll(() => {
  if (
    ![
      'embed.js',
      'chunks/form.js',
      'chunks/quiz.js',
      'chunks/booking.js',
      'chunks/quote.js',
      'chunks/invoice.js',
    ].every((f) => existsSync(join(pub, f)))
  ) {
    execFileSync(process.execPath, [join(root, 'widget/build.mjs')], {
      cwd: root,
      stdio: 'inherit',
    })
  }
}, 120_000)

describe('widget size budgets', () => {
  it('keeps embed.js under 2 KB brotli and free of Lit', () => {
    expect(br('embed.js')).toBeLessThan(2048)
    const code = readFileSync(join(pub, 'embed.js'), 'utf8')
    expect(code).not.toMatch(/lit-html|LitElement|reactiveElementVersions/)
  })

  it('loads the form with two chunks after embed.js: its own and the shared one', () => {
    // A module the form imports statically that lands in a chunk of its own (the information
    // notice view did) is one more request before the form can render (preloaded by the loader
    // at once, but one more for a phone's few connections).
    expect([...closure('chunks/form.js')].map((f) => f.replace(/-[\w-]{8}\.js$/, '.js'))).toEqual([
      'chunks/form.js',
      'chunks/lit.js',
    ])
  })

  it('names in embed.js every chunk each component chunk imports, so they download at once', () => {
    // The loader preloads them beside the component's chunk (widget/build.mjs passes them in):
    // without it each would wait for the chunk that imports it to arrive first.
    const loader = read('embed.js')
    for (const c of ['form', 'quiz', 'booking', 'quote', 'invoice']) {
      const deps = [...closure(`chunks/${c}.js`)].filter((f) => f !== `chunks/${c}.js`)
      expect(deps.length).toBeGreaterThan(0)
      for (const dep of deps) expect(loader).toContain('`' + dep.slice('chunks/'.length) + '`')
    }
  })

  it("leaves the host page's vite:preloadError alone", () => {
    // A store page built with Vite may reload on vite:preloadError; a lost validation chunk must
    // not reload the visitor's page (see plainDynamicImport in vite.config.ts).
    for (const f of readdirSync(join(pub, 'chunks'))) {
      expect(read('chunks/' + f)).not.toMatch(/vite:preloadError|modulepreload/)
    }
  })

  it('keeps the loader plus the form chunk with Lit under 12 KB brotli', () => {
    const files = closure('chunks/form.js')
    const total = br('embed.js') + [...files].reduce((sum, f) => sum + br(f), 0)
    expect(total).toBeLessThan(12 * 1024)
  })

  it('keeps all a form visitor ever downloads, lazy validation included, under 14 KB brotli', () => {
    const files = closure('chunks/form.js')
    for (const f of lazy('chunks/form.js')) closure(f, files)
    expect([...files].some((f) => f.includes('validation'))).toBe(true)
    const total = br('embed.js') + [...files].reduce((sum, f) => sum + br(f), 0)
    expect(total).toBeLessThan(14 * 1024)
  })

  it('shares one Lit between the form, the quiz, the booking, the quote and the invoice', () => {
    const form = closure('chunks/form.js')
    for (const other of [
      'chunks/quiz.js',
      'chunks/booking.js',
      'chunks/quote.js',
      'chunks/invoice.js',
    ]) {
      const shared = [...closure(other)].filter((f) => form.has(f))
      const lit = shared.filter((f) => /reactiveElementVersions|litHtmlVersions/.test(read(f)))
      expect(lit).toHaveLength(1)
      expect(read(other)).not.toMatch(/litHtmlVersions|reactiveElementVersions/)
    }
  })

  it('keeps what the quiz adds on top of the form, lazy chunks included, under 8 KB brotli', () => {
    const form = closure('chunks/form.js')
    for (const f of lazy('chunks/form.js')) closure(f, form)
    const quiz = closure('chunks/quiz.js')
    for (const f of lazy('chunks/quiz.js')) closure(f, quiz)
    const extra = [...quiz].filter((f) => !form.has(f))
    expect(extra).toEqual(['chunks/quiz.js'])
    expect(extra.reduce((sum, f) => sum + br(f), 0)).toBeLessThan(8 * 1024)
  })

  it('keeps what the booking adds on top of the form, lazy chunks included, under 10 KB brotli', () => {
    const form = closure('chunks/form.js')
    for (const f of lazy('chunks/form.js')) closure(f, form)
    const booking = closure('chunks/booking.js')
    for (const f of lazy('chunks/booking.js')) closure(f, booking)
    const extra = [...booking].filter((f) => !form.has(f))
    expect(extra).toEqual(['chunks/booking.js'])
    expect(extra.reduce((sum, f) => sum + br(f), 0)).toBeLessThan(10 * 1024)
  })

  it('keeps what the quote adds on top of the form, lazy chunks included, under 10 KB brotli', () => {
    const form = closure('chunks/form.js')
    for (const f of lazy('chunks/form.js')) closure(f, form)
    const quote = closure('chunks/quote.js')
    for (const f of lazy('chunks/quote.js')) closure(f, quote)
    const extra = [...quote].filter((f) => !form.has(f))
    // The quote's own element, and what it shares with the invoice (tables, formatting, styles).
    expect(extra.map((f) => f.replace(/-[\w-]{8}\.js$/, '.js'))).toEqual([
      'chunks/quote.js',
      'chunks/quote-common.js',
    ])
    expect(extra.reduce((sum, f) => sum + br(f), 0)).toBeLessThan(10 * 1024)
  })

  it('keeps what the invoice adds on top of the quote, lazy chunks included, under 4 KB brotli', () => {
    const quote = closure('chunks/quote.js')
    for (const f of lazy('chunks/quote.js')) closure(f, quote)
    const invoice = closure('chunks/invoice.js')
    for (const f of lazy('chunks/invoice.js')) closure(f, invoice)
    const extra = [...invoice].filter((f) => !quote.has(f))
    expect(extra).toEqual(['chunks/invoice.js'])
    expect(br('chunks/invoice.js')).toBeLessThan(4 * 1024)
  })

  it('ships no eval or Function constructor a strict CSP would block', () => {
    const chunks = ['form', 'quiz', 'booking', 'quote', 'invoice'].flatMap((c) => [
      ...closure(`chunks/${c}.js`),
    ])
    for (const f of ['embed.js', ...chunks]) {
      expect(readFileSync(join(pub, f), 'utf8')).not.toMatch(/\beval\(|new Function\(/)
    }
  })
})
