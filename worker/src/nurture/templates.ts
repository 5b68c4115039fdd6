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
import { escapeHtml } from '../lib/html'
import {
  CONTROL,
  LOCALES,
  fill,
  parseHtml,
  safeHref,
  split,
  textBlocks,
  toHtml,
  valid,
  type TemplateValues,
} from './email-html'

/** `path` says where: 'subject', 'subject.en', 'body.tr', … */
export type TemplateIssue = { path: string; message: string }
export type { TemplateValues }
export type RenderedEmailParts = { subject: string; html: string; text: string }
export type TemplateSource = {
  channel: 'email' | 'sms'
  subject?: { tr: string; en: string } | null
  body: { tr: string; en: string }
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
