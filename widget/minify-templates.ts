/**
 * A vite plugin that collapses the indentation inside Lit's html`` and css`` templates (and
 * minifies the CSS of css`` ones, see `minifyCss`). The
 * minifier leaves template literal text alone, and in a chunk every visitor downloads the
 * indentation of dozens of template lines is worth removing. A whitespace run that contains a
 * newline becomes one space, which HTML and CSS both read the same way (our templates have no
 * `<pre>` and no whitespace-sensitive text).
 */
import type { Plugin } from 'vite'

const TAGS = ['html', 'css']

/**
 * The static text of a css`` template without what CSS does not read: comments, and spaces
 * next to `{ } ; ,` and after `:` (never inside a quoted string, nor before `:`, where a space
 * is a descendant combinator: `a :focus`). A space that ends the text before a `${}` stays.
 */
export function minifyCss(css: string): string {
  return css
    .split(/('[^']*'|"[^"]*")/)
    .map((part, i) =>
      i % 2
        ? part
        : part
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
    )
    .join('')
}

/**
 * Returns the source with every html``/css`` template's multi-line whitespace collapsed, and
 * css`` templates minified.
 */
export function collapseTemplates(src: string): string {
  let out = ''
  let i = 0
  // Copies a template literal starting at the backtick at `i`; returns the index after it. A css``
  // template's static text is gathered up to each `${` and the end, and minified.
  const template = (collapse: boolean, css = false): void => {
    out += src[i++]
    let start = out.length
    const flush = () => {
      if (css) out = out.slice(0, start) + minifyCss(out.slice(start))
    }
    while (i < src.length) {
      const c = src[i]!
      if (c === '\\') {
        out += c + (src[i + 1] ?? '')
        i += 2
      } else if (c === '`') {
        flush()
        out += c
        i++
        return
      } else if (c === '$' && src[i + 1] === '{') {
        flush()
        out += '${'
        i += 2
        code(1)
        start = out.length
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
        const tag = TAGS.find(
          (t) => src.slice(i - t.length, i) === t && !/[\w$]/.test(src[i - t.length - 1] ?? ''),
        )
        template(tag !== undefined, tag === 'css')
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
