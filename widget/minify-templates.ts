/**
 * A vite plugin that collapses the indentation inside Lit's html`` and css`` templates. The
 * minifier leaves template literal text alone, and in a chunk every visitor downloads the
 * indentation of dozens of template lines is worth removing. A whitespace run that contains a
 * newline becomes one space, which HTML and CSS both read the same way (our templates have no
 * `<pre>` and no whitespace-sensitive text).
 */
import type { Plugin } from 'vite'

const TAGS = ['html', 'css']

/** Returns the source with every html``/css`` template's multi-line whitespace collapsed. */
export function collapseTemplates(src: string): string {
  let out = ''
  let i = 0
  // Copies a template literal starting at the backtick at `i`; returns the index after it.
  const template = (collapse: boolean): void => {
    out += src[i++]
    while (i < src.length) {
      const c = src[i]!
      if (c === '\\') {
        out += c + (src[i + 1] ?? '')
        i += 2
      } else if (c === '`') {
        out += c
        i++
        return
      } else if (c === '$' && src[i + 1] === '{') {
        out += '${'
        i += 2
        code(1)
      } else if (collapse && /\s/.test(c)) {
        let j = i
        while (j < src.length && /\s/.test(src[j]!)) j++
        const run = src.slice(i, j)
        out += run.includes('\n') ? ' ' : run
        i = j
      } else {
        out += c
        i++
      }
    }
  }
  // Copies code until the brace depth returns to zero (or the end of the source at depth 0).
  const code = (depth: number): void => {
    while (i < src.length) {
      const c = src[i]!
      if (c === '`') {
        const tagged = TAGS.some(
          (t) => src.slice(i - t.length, i) === t && !/[\w$]/.test(src[i - t.length - 1] ?? ''),
        )
        template(tagged)
      } else if (c === "'" || c === '"') {
        let j = i + 1
        while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1
        out += src.slice(i, j + 1)
        i = j + 1
      } else if (c === '/' && src[i + 1] === '/') {
        const j = src.indexOf('\n', i)
        const end = j === -1 ? src.length : j
        out += src.slice(i, end)
        i = end
      } else if (c === '/' && src[i + 1] === '*') {
        const j = src.indexOf('*/', i + 2)
        const end = j === -1 ? src.length : j + 2
        out += src.slice(i, end)
        i = end
      } else {
        if (c === '{') depth++
        if (c === '}' && --depth === 0) {
          out += c
          i++
          return
        }
        out += c
        i++
      }
    }
  }
  code(Number.POSITIVE_INFINITY)
  return out
}

export function minifyTemplates(): Plugin {
  return {
    name: 'leadline:minify-templates',
    enforce: 'pre',
    apply: 'build',
    transform(code, id) {
      if (!/\/widget\/src\/.*\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return null
      return { code: collapseTemplates(code), map: null }
    },
  }
}
