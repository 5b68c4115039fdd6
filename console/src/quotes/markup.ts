/**
 * The quote sections' rich text (contract `RichText`: paragraphs, bulleted and numbered lists,
 * bold, links) edited as plain text with a small markup, so a textarea is the whole editor:
 *
 * ```
 * A paragraph with **bold words** and a [link](https://example.com).
 *
 * - a bullet
 * - another
 *
 * 1. a numbered item
 * 2. the next
 * ```
 *
 * Blocks are separated by a blank line. Only http, https, mailto and tel links become links
 * (what the contract accepts); anything else stays text, brackets and all.
 */
import type { Inline, RichText } from '../../../contract'

const BULLET = /^[-*]\s+/
const NUMBERED = /^\d+[.)]\s+/
const LINK = /^\[([^\]]+)\]\(((?:https?:|mailto:|tel:)[^)\s]+)\)$/i
const TOKEN = /\*\*(.+?)\*\*|\[[^\]]+\]\((?:https?:|mailto:|tel:)[^)\s]+\)/gi

function link(token: string, bold: boolean): Inline {
  const [, text = '', href = ''] = LINK.exec(token) ?? []
  return bold ? { text, bold, href } : { text, href }
}

/** One line of text with `**bold**` and `[text](url)` as inline runs. */
export function parseInline(source: string): Inline[] {
  const runs: Inline[] = []
  let at = 0
  for (const match of source.matchAll(TOKEN)) {
    if (match.index > at) runs.push({ text: source.slice(at, match.index) })
    const bold = match[1]
    if (bold === undefined) runs.push(link(match[0], false))
    else runs.push(LINK.test(bold) ? link(bold, true) : { text: bold, bold: true })
    at = match.index + match[0].length
  }
  if (at < source.length) runs.push({ text: source.slice(at) })
  return runs
}

/**
 * The markup as the contract's rich text; empty text is an empty document.
 *
 * @example
 * fromMarkup('- **550 g/m²** pamuk\n- Logo') // [{ type: 'ul', items: [[{ text: '550 g/m²',
 * //   bold: true }, { text: ' pamuk' }], [{ text: 'Logo' }]] }]
 */
export function fromMarkup(markup: string): RichText {
  return markup
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.split('\n').filter((line) => line.trim() !== ''))
    .filter((lines) => lines.length > 0)
    .map((lines) => {
      const list = lines.every((l) => BULLET.test(l))
        ? 'ul'
        : lines.every((l) => NUMBERED.test(l))
          ? 'ol'
          : null
      if (!list) return { type: 'p' as const, children: parseInline(lines.join('\n')) }
      const marker = list === 'ul' ? BULLET : NUMBERED
      return { type: list, items: lines.map((l) => parseInline(l.replace(marker, ''))) }
    })
}

function inlineMarkup(run: Inline): string {
  const text = run.href ? `[${run.text}](${run.href})` : run.text
  return run.bold ? `**${text}**` : text
}

const runsMarkup = (runs: Inline[]) => runs.map(inlineMarkup).join('')

/** Rich text back as markup, for editing a saved quote or an FAQ answer from the library. */
export function toMarkup(doc: RichText): string {
  return doc
    .map((block) =>
      block.type === 'p'
        ? runsMarkup(block.children)
        : block.items
            .map((item, i) => `${block.type === 'ul' ? '-' : `${i + 1}.`} ${runsMarkup(item)}`)
            .join('\n'),
    )
    .join('\n\n')
}
