/**
 * The quote's body in the source document's order: problems, solutions, pricing, timeline, FAQ,
 * notes. Each is a `<section data-section=…>` labelled by its heading, which the view tracker
 * watches; an empty section is left out (and so never reported as seen).
 */
import { html, nothing, type TemplateResult } from 'lit'
import type { Locale, PublicQuote, RichText } from '../../../../contract'
import type { QuoteMessages } from '../../i18n/quote'
import { renderLines } from './lines'
import { renderRichText } from './rich-text'

/** The names `POST …/view` accepts (the contract's `QuoteViewSchema`). */
export type QuoteSection = 'problems' | 'solutions' | 'pricing' | 'timeline' | 'faq' | 'notes'

function section(name: QuoteSection, title: string, body: TemplateResult | unknown) {
  return html`<section part="section" class="section" data-section=${name} aria-labelledby=${name}>
    <h3 id=${name}>${title}</h3>
    ${body}
  </section>`
}

export function renderSections(q: PublicQuote, t: QuoteMessages, locale: Locale) {
  const rich = (name: 'problems' | 'solutions' | 'timeline', doc: RichText) =>
    doc.length ? section(name, t.sections[name], renderRichText(doc, t.newWindow)) : nothing
  const s = q.sections
  return html`${rich('problems', s.problems)} ${rich('solutions', s.solutions)}
  ${section('pricing', t.sections.pricing, renderLines(q, t, locale))}
  ${rich('timeline', s.timeline)}
  ${
    s.faq.length
      ? section(
          'faq',
          t.sections.faq,
          s.faq.map(
            (f) =>
              html`<h4>${f.question}</h4>
                ${renderRichText(f.answer, t.newWindow)}`,
          ),
        )
      : nothing
  }
  ${q.notes ? section('notes', t.sections.notes, html`<p class="notes">${q.notes}</p>`) : nothing}`
}
