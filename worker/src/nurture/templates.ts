/**
 * Message templates: `{{variable}}` placeholders in a small HTML subset (e-mail) or plain text
 * (SMS). One parser both checks a template and renders it, so what an admin saved is exactly what
 * gets sent. The HTML is never passed through: it is parsed into a tree of allowed elements and
 * written out again, with every value escaped where it lands.
 *
 * E-mail bodies: p, br, b, strong, i, em, ul, ol, li and a, properly nested (p and inline elements
 * hold only inline content, lists only li, no link in a link). Only `a` carries an attribute,
 * `href`, quoted, using http:, https:, mailto: or tel: — or starting with a variable, whose value
 * is checked when rendering: a value that would make the link unsafe renders its text alone.
 * Character references are decoded (`&amp;`, `&#351;`); an unknown one stays as written.
 */
import { TEMPLATE_VARIABLES, type Locale, type TemplateVariable } from '../../../contract'

/** `path` says where: 'subject', 'subject.en', 'body.tr', … */
export type TemplateIssue = { path: string; message: string }
export type TemplateValues = Partial<Record<TemplateVariable, string>>
export type RenderedEmailParts = { subject: string; html: string; text: string }
export type TemplateSource = {
  channel: 'email' | 'sms'
  subject?: { tr: string; en: string } | null
  body: { tr: string; en: string }
}

type Part = { t: 'text'; value: string } | { t: 'var'; name: TemplateVariable }
type El = { t: 'el'; tag: string; href: Part[] | null; children: Node[] }
type Node = Part | { t: 'br' } | El

const LOCALES: readonly Locale[] = ['tr', 'en']
const KNOWN = new Set<string>(TEMPLATE_VARIABLES)
const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/y
const ALLOWED = new Set(['p', 'br', 'b', 'strong', 'i', 'em', 'ul', 'ol', 'li', 'a'])
const INLINE = new Set(['br', 'b', 'strong', 'i', 'em', 'a'])
const LISTS = new Set(['ul', 'ol'])
const SCHEME = /^(https?|mailto|tel):/i
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }
// A tag with its attributes (validated one by one below), a comment, a declaration, or a stray
// `<`. Attribute names cannot hold white space, so the repetition cannot backtrack badly.
const TAG =
  /<(\/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?)*)\s*(\/?)>|<!--[\s\S]*?(?:-->|$)|<[!?][^>]*>?|</g
// Control characters: browsers drop them inside URLs, and CR/LF would split a mail header.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]+/g
const ATTR = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>=`]+)))?/g

/** Escapes text for HTML content and for quoted attribute values alike. */
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? '&#39;')

/** Decodes character references; anything unknown or invalid stays as written. */
function decode(s: string): string {
  return s.replace(/&(#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (ref, name: string) => {
    if (name[0] !== '#') return name === 'nbsp' ? '\u00a0' : (NAMED[name] ?? ref)
    const code = /x/i.test(name) ? parseInt(name.slice(2), 16) : Number(name.slice(1))
    const ok = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
    return ok ? String.fromCodePoint(code) : ref
  })
}

/** Splits text into literal parts and variables; `html` decodes character references. */
function split(source: string, html: boolean, issues: string[]): Part[] {
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

const fill = (parts: Part[], values: TemplateValues) =>
  parts.map((p) => (p.t === 'text' ? p.value : (values[p.name] ?? ''))).join('')

/** The URL when it is safe as an e-mail link (http, https, mailto, tel), else null. */
function safeHref(url: string): string | null {
  // Browsers drop tabs and newlines inside a URL (`java\tscript:`): refuse any control character.
  if (url.search(CONTROL) !== -1) return null
  const u = url.trim()
  const scheme = SCHEME.exec(u)?.[1]?.toLowerCase()
  if (scheme === undefined) return null
  if (scheme.startsWith('http')) return /^https?:\/\/[^/?#\s]/i.test(u) ? u : null
  return u.length > scheme.length + 1 ? u : null
}

/** Checks an href as written: its literal start decides the scheme unless a variable does. */
function checkHref(parts: Part[], issues: string[]) {
  const first = parts.findIndex((p) => p.t === 'var')
  const prefix = fill(first === -1 ? parts : parts.slice(0, first), {}).trimStart()
  if (first === -1 ? safeHref(prefix) === null : prefix !== '' && !SCHEME.test(prefix)) {
    issues.push('a link uses http:, https:, mailto: or tel: (or starts with a variable)')
  }
}

/** Parses an e-mail body into allowed elements; every problem is an issue. */
function parseHtml(src: string): { nodes: Node[]; issues: string[] } {
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
function valid<T>(result: T, issues: string[], path: string): T {
  if (issues.length > 0) throw new RangeError(`${path}: ${issues.join('; ')}`)
  return result
}

/** The e-mail HTML of parsed nodes. */
function toHtml(nodes: Node[], values: TemplateValues): string {
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
function inlineText(nodes: Node[], values: TemplateValues): string {
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
const tidy = (s: string) =>
  s
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()

/** One list item: "- " before its first line, two spaces before the rest (nested lists too). */
const item = (blocks: string[]) => `- ${blocks.join('\n').replace(/\n+/g, '\n  ')}`.trimEnd()

/** The plain-text alternative as blocks: paragraphs, loose inline text, and lists as lines. */
function textBlocks(nodes: Node[], values: TemplateValues): string[] {
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

/**
 * Everything wrong with a template: unknown variables, unsafe or malformed HTML, an SMS with tags,
 * a missing, superfluous or multi-line subject; [] when it is fine.
 *
 * @example
 * checkTemplate({ channel: 'sms', body: { tr: 'Merhaba {{isim}}', en: 'Hi <b>{{name}}</b>' } })
 * // [{ path: 'body.tr', message: 'unknown variable {{isim}} …' },
 * //  { path: 'body.en', message: 'an SMS has no HTML tags' }]
 */
export function checkTemplate(t: TemplateSource): TemplateIssue[] {
  const issues: TemplateIssue[] = []
  const add = (path: string, messages: string[]) => {
    for (const message of new Set(messages)) issues.push({ path, message })
  }
  const subject = t.subject ?? null
  const email = t.channel === 'email'
  if (email !== (subject !== null)) {
    add('subject', [email ? 'an e-mail template needs a subject' : 'an SMS has no subject'])
  }
  for (const locale of subject !== null && email ? LOCALES : []) {
    add(`subject.${locale}`, plainIssues(subject?.[locale] ?? '', 'subject'))
  }
  for (const locale of LOCALES) {
    const body = t.body[locale]
    add(`body.${locale}`, email ? parseHtml(body).issues : plainIssues(body, 'sms'))
  }
  return issues
}

/** Issues of plain text: variables; an SMS has no tags and a subject no line breaks. */
function plainIssues(text: string, kind: 'sms' | 'subject'): string[] {
  const issues: string[] = []
  split(text, false, issues)
  if (kind === 'sms' && /<\/?[A-Za-z][^<>]*>|<!--/.test(text))
    issues.push('an SMS has no HTML tags')
  if (kind === 'subject' && /[\r\n]/.test(text)) issues.push('a subject is one line')
  return issues
}

/** The footer's text, then its URL as a link (text alone when the URL is not a safe link). */
function footerParts({ text, url }: { text: string; url: string }) {
  const href = safeHref(url)
  const link = href === null ? '' : `<a href="${escapeHtml(href)}">${escapeHtml(href)}</a>`
  const lines = [text.trim(), href ?? ''].filter((line) => line !== '')
  return {
    html: [escapeHtml(text.trim()), link].filter(Boolean).join('<br>'),
    text: lines.join('\n'),
  }
}

/**
 * Renders an e-mail for one contact. Values are escaped where they land; a link whose value would
 * make it unsafe renders its text alone. `html` is a small complete document (lang, UTF-8, no
 * external resources); `text` is the plain alternative: paragraphs separated by blank lines, list
 * items as "- ", links as "label (url)". A footer ends both, its URL as a link; the subject is one
 * line (control characters become spaces: no header injection). Missing values render as ''.
 * Throws RangeError for a template `checkTemplate` refuses: check before saving, not when sending.
 *
 * @example
 * renderEmail(template, 'tr', { firstName: 'Ayşe', quoteLink: 'https://x.test/q/1' },
 *   { text: 'Abonelikten çıkmak için:', url: 'https://x.test/u/abc' })
 */
export function renderEmail(
  t: TemplateSource,
  locale: Locale,
  values: TemplateValues,
  footer?: { text: string; url: string },
): RenderedEmailParts {
  if (t.channel !== 'email' || !t.subject) throw new RangeError('not an e-mail template')
  const issues: string[] = []
  const parts = valid(split(t.subject[locale], false, issues), issues, `subject.${locale}`)
  const subject = fill(parts, values).replace(CONTROL, ' ').trim()
  const parsed = parseHtml(t.body[locale])
  const nodes = valid(parsed.nodes, parsed.issues, `body.${locale}`)
  const f = footer === undefined ? null : footerParts(footer)
  const body = toHtml(nodes, values) + (f === null ? '' : `\n<hr>\n<p>${f.html}</p>`)
  const html = `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body>
${body}
</body>
</html>
`
  const text = [...textBlocks(nodes, values), ...(f === null ? [] : [f.text])].join('\n\n')
  return { subject, html, text }
}

/** Renders an SMS body; values go in as they are (plain text). Throws like `renderEmail`. */
export function renderSms(t: TemplateSource, locale: Locale, values: TemplateValues): string {
  if (t.channel !== 'sms') throw new RangeError('not an SMS template')
  const body = t.body[locale]
  return fill(valid(split(body, false, []), plainIssues(body, 'sms'), `body.${locale}`), values)
}

/** The known variables a template uses anywhere, in the order of TEMPLATE_VARIABLES. */
export function templateVariables(t: TemplateSource): TemplateVariable[] {
  const texts = [...LOCALES.map((l) => t.body[l]), ...LOCALES.map((l) => t.subject?.[l] ?? '')]
  const used = new Set(
    texts.flatMap((s) => split(s, false, [])).map((p) => p.t === 'var' && p.name),
  )
  return TEMPLATE_VARIABLES.filter((name) => used.has(name))
}
