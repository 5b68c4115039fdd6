/**
 * The HTML subset of e-mail templates: parsing a body into allowed elements (every problem an
 * issue), and writing the tree out again as HTML and as plain text, with each value escaped
 * where it lands. See templates.ts for the rules.
 */
import { TEMPLATE_VARIABLES, type Locale, type TemplateVariable } from '../../../contract'
import { escapeHtml } from '../lib/html'

/** The values a template's `{{variables}}` are filled with; a missing one is left empty. */
export type TemplateValues = Partial<Record<TemplateVariable, string>>

export type Part = { t: 'text'; value: string } | { t: 'var'; name: TemplateVariable }
export type El = { t: 'el'; tag: string; href: Part[] | null; children: Node[] }
export type Node = Part | { t: 'br' } | El

export const LOCALES: readonly Locale[] = ['tr', 'en']
export const KNOWN = new Set<string>(TEMPLATE_VARIABLES)
export const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/y
export const ALLOWED = new Set(['p', 'br', 'b', 'strong', 'i', 'em', 'ul', 'ol', 'li', 'a'])
export const INLINE = new Set(['br', 'b', 'strong', 'i', 'em', 'a'])
export const LISTS = new Set(['ul', 'ol'])
export const SCHEME = /^(https?|mailto|tel):/i
export const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
// A tag with its attributes (validated one by one below), a comment, a declaration, or a stray
// `<`. Attribute names cannot hold white space, so the repetition cannot backtrack badly.
export const TAG =
  /<(\/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?)*)\s*(\/?)>|<!--[\s\S]*?(?:-->|$)|<[!?][^>]*>?|</g
// Control characters: browsers drop them inside URLs, and CR/LF would split a mail header.
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001f\u007f]+/g
export const ATTR = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>=`]+)))?/g

/** Decodes character references; anything unknown or invalid stays as written. */
export function decode(s: string): string {
  return s.replace(/&(#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (ref, name: string) => {
    if (name[0] !== '#') return name === 'nbsp' ? '\u00a0' : (NAMED[name] ?? ref)
    const code = /x/i.test(name) ? parseInt(name.slice(2), 16) : Number(name.slice(1))
    const ok = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
    return ok ? String.fromCodePoint(code) : ref
  })
}

/** Splits text into literal parts and variables; `html` decodes character references. */
export function split(source: string, html: boolean, issues: string[]): Part[] {
  const parts: Part[] = []
  const text = (s: string) => s !== '' && parts.push({ t: 'text', value: html ? decode(s) : s })
  let from = 0
  for (let i = source.indexOf('{{'); i !== -1; i = source.indexOf('{{', from)) {
    text(source.slice(from, i))
    VARIABLE.lastIndex = i
    const name = VARIABLE.exec(source)?.[1]
    if (name === undefined) issues.push('"{{" starts no variable: write one as {{firstName}}')
    else if (KNOWN.has(name)) parts.push({ t: 'var', name: name as TemplateVariable })
    else issues.push(`unknown variable {{${name}}} (known: ${TEMPLATE_VARIABLES.join(', ')})`)
    if (name === undefined) text('{{')
    from = name === undefined ? i + 2 : VARIABLE.lastIndex
  }
  text(source.slice(from))
  return parts
}

export const fill = (parts: Part[], values: TemplateValues) =>
  parts.map((p) => (p.t === 'text' ? p.value : (values[p.name] ?? ''))).join('')

/** The URL when it is safe as an e-mail link (http, https, mailto, tel), else null. */
export function safeHref(url: string): string | null {
  // Browsers drop tabs and newlines inside a URL (`java\tscript:`): refuse any control character.
  if (url.search(CONTROL) !== -1) return null
  const u = url.trim()
  const scheme = SCHEME.exec(u)?.[1]?.toLowerCase()
  if (scheme === undefined) return null
  if (scheme.startsWith('http')) return /^https?:\/\/[^/?#\s]/i.test(u) ? u : null
  return u.length > scheme.length + 1 ? u : null
}

/** Checks an href as written: its literal start decides the scheme unless a variable does. */
export function checkHref(parts: Part[], issues: string[]) {
  const first = parts.findIndex((p) => p.t === 'var')
  const prefix = fill(first === -1 ? parts : parts.slice(0, first), {}).trimStart()
  if (first === -1 ? safeHref(prefix) === null : prefix !== '' && !SCHEME.test(prefix)) {
    issues.push('a link uses http:, https:, mailto: or tel: (or starts with a variable)')
  }
}

/** Parses an e-mail body into allowed elements; every problem is an issue. */
export function parseHtml(src: string): { nodes: Node[]; issues: string[] } {
  const issues: string[] = []
  const root: El = { t: 'el', tag: '', href: null, children: [] }
  const stack = [root]
  const top = () => stack[stack.length - 1] as El
  const text = (s: string) => {
    for (const part of split(s, true, issues)) {
      if (!LISTS.has(top().tag)) top().children.push(part)
      else if (part.t === 'var' || part.value.trim() !== '') {
        issues.push(`text in <${top().tag}> belongs in <li>`)
      }
    }
  }
  let from = 0
  for (const m of src.matchAll(TAG)) {
    text(src.slice(from, m.index))
    from = m.index + m[0].length
    const [whole, slash, raw, attrText = '', selfClosing] = m
    if (raw === undefined) {
      issues.push(whole === '<' ? 'write a literal "<" as &lt;' : 'no comments or declarations')
      continue
    }
    const name = raw.toLowerCase()
    const attrs = [...attrText.matchAll(ATTR)].map((a) => {
      if (a[4] !== undefined) issues.push(`quote the value of ${a[1]} in <${name}>`)
      return [(a[1] as string).toLowerCase(), a[2] ?? a[3] ?? a[4]] as const
    })
    if (!ALLOWED.has(name)) {
      issues.push(`<${name}> is not allowed (only ${[...ALLOWED].join(', ')})`)
    } else if (slash === '') open(name, attrs, selfClosing === '/')
    else if (attrs.length > 0 || selfClosing === '/' || name === 'br') {
      issues.push(`</${name}> is malformed`)
    } else close(name)
  }
  text(src.slice(from))
  for (const el of stack.slice(1)) issues.push(`<${el.tag}> is never closed`)
  return { nodes: root.children, issues: [...new Set(issues)] }

  function open(name: string, attrs: (readonly [string, string | undefined])[], empty: boolean) {
    let href: Part[] | null = null
    for (const [attr, value] of attrs) {
      if (name !== 'a' || attr !== 'href') issues.push(`the ${attr} attribute is not allowed`)
      else if (href !== null) issues.push('<a> has one href')
      else if (value !== undefined) checkHref((href = split(value, true, issues)), issues)
    }
    if (name === 'a' && href === null) issues.push('<a> needs an href')
    const parent = top().tag
    const misplaced =
      name === 'li'
        ? !LISTS.has(parent)
        : LISTS.has(parent) || (parent !== '' && parent !== 'li' && !INLINE.has(name))
    if (misplaced) {
      issues.push(
        name === 'li' ? '<li> belongs in <ul> or <ol>' : `<${name}> cannot be in <${parent}>`,
      )
    } else if (name === 'a' && stack.some((el) => el.tag === 'a')) {
      issues.push('a link cannot hold a link')
    }
    if (name === 'br') top().children.push({ t: 'br' })
    else if (empty) issues.push(`<${name}/> is malformed: write <${name}></${name}>`)
    else {
      const el: El = { t: 'el', tag: name, href, children: [] }
      top().children.push(el)
      stack.push(el)
    }
  }

  function close(name: string) {
    const at = stack.map((el) => el.tag).lastIndexOf(name)
    if (at < 1) return void issues.push(`</${name}> has no matching <${name}>`)
    for (const el of stack.slice(at + 1)) issues.push(`<${el.tag}> is not closed before </${name}>`)
    stack.length = at
  }
}

/** Throws unless there are no issues: rendering is only for templates `checkTemplate` accepts. */
export function valid<T>(result: T, issues: string[], path: string): T {
  if (issues.length > 0) throw new RangeError(`${path}: ${issues.join('; ')}`)
  return result
}

/** The e-mail HTML of parsed nodes. */
export function toHtml(nodes: Node[], values: TemplateValues): string {
  return nodes
    .map((n) => {
      if (n.t !== 'el') return n.t === 'br' ? '<br>' : escapeHtml(fill([n], values))
      const inner = toHtml(n.children, values)
      if (n.tag !== 'a') return `<${n.tag}>${inner}</${n.tag}>`
      const href = safeHref(fill(n.href ?? [], values))
      return href === null ? inner : `<a href="${escapeHtml(href)}">${inner}</a>`
    })
    .join('')
}

/** The plain text of inline nodes: HTML white space collapses, br is a line break. */
export function inlineText(nodes: Node[], values: TemplateValues): string {
  return nodes
    .map((n) => {
      if (n.t !== 'el') return n.t === 'br' ? '\n' : fill([n], values).replace(/[ \t\n\f\r]+/g, ' ')
      const label = inlineText(n.children, values).trim()
      const url = n.tag === 'a' ? safeHref(fill(n.href ?? [], values)) : null
      if (url === null || label === url || label === url.replace(/^(mailto|tel):/i, '')) {
        return label || (url ?? '')
      }
      return label === '' ? url : `${label} (${url})`
    })
    .join('')
}

/** Lines trimmed, at most one blank line between paragraphs. */
export const tidy = (s: string) =>
  s
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()

/** One list item: "- " before its first line, two spaces before the rest (nested lists too). */
export const item = (blocks: string[]) => `- ${blocks.join('\n').replace(/\n+/g, '\n  ')}`.trimEnd()

/** The plain-text alternative as blocks: paragraphs, loose inline text, and lists as lines. */
export function textBlocks(nodes: Node[], values: TemplateValues): string[] {
  const blocks: string[] = []
  let run: Node[] = []
  const flush = (more: Node[] = []) => {
    const text = tidy(inlineText([...run, ...more], values))
    if (text !== '') blocks.push(text)
    run = []
  }
  for (const n of nodes) {
    if (n.t !== 'el' || INLINE.has(n.tag)) run.push(n)
    else if (n.tag === 'p') {
      flush()
      flush([n])
    } else {
      flush()
      const items = n.children.flatMap((li) =>
        li.t === 'el' ? [item(textBlocks(li.children, values))] : [],
      )
      if (items.length > 0) blocks.push(items.join('\n'))
    }
  }
  flush()
  return blocks
}
