/**
 * Renders the contract's `RichText` (paragraphs, lists, bold and links as data) with Lit
 * templates only. Every string is a text binding, so store text like `<img onerror=…>` shows as
 * text; there is no `innerHTML` or `unsafeHTML` anywhere. The server refuses unsafe links, and
 * this renderer drops them again: an `href` becomes a link only when it starts with http:,
 * https:, mailto: or tel: (checked on the raw string, so a leading space or tab fails too).
 */
import { html, nothing } from 'lit'
import type { Inline, RichText } from '../../../../contract'

/** The link target when it is safe to follow, else undefined. */
export const safeHref = (href: string | undefined): string | undefined =>
  href && /^(https?:|mailto:|tel:)/i.test(href) ? href : undefined

function inline(run: Inline, newWindow: string) {
  const text = run.bold ? html`<strong>${run.text}</strong>` : run.text
  const href = safeHref(run.href)
  if (!href) return text
  // A new window for the web only: mailto: and tel: open an app, not a page.
  const web = /^https?:/i.test(href)
  return html`<a href=${href} target=${web ? '_blank' : nothing} rel="noopener noreferrer"
    >${text}${web ? html`<span class="sr"> ${newWindow}</span>` : nothing}</a
  >`
}

const runs = (children: Inline[], newWindow: string) => children.map((r) => inline(r, newWindow))

/** The blocks of one rich text; `newWindow` is the announced hint for links opening a tab. */
export function renderRichText(doc: RichText, newWindow: string) {
  return doc.map((block) =>
    block.type === 'p'
      ? html`<p>${runs(block.children, newWindow)}</p>`
      : block.type === 'ol'
        ? html`<ol>
            ${block.items.map((item) => html`<li>${runs(item, newWindow)}</li>`)}
          </ol>`
        : html`<ul>
            ${block.items.map((item) => html`<li>${runs(item, newWindow)}</li>`)}
          </ul>`,
  )
}
