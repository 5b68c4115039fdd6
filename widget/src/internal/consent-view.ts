/**
 * The information notice (aydınlatma metni) the form, the quiz's and the booking's contact steps
 * show above their opt-in boxes. KVKK asks for the notice to be shown and linked, never
 * consented to, so it is text with a link, not a checkbox; the commercial message opt-in
 * (law 6563) stays one unticked box per channel in each component's consent fieldset.
 */
import { html, nothing, type TemplateResult } from 'lit'
import type { Locale, SiteConfig } from '../../../contract'
import type { Messages } from '../i18n/tr'

/**
 * The notice paragraph (`part="notice"`), or nothing when the store shows none. The link opens
 * in a new tab, so what the visitor typed stays on the page, and says so.
 */
export function renderNotice(
  consent: SiteConfig['consent'],
  locale: Locale,
  t: Pick<Messages, 'noticeLink' | 'newTab'>,
): TemplateResult | typeof nothing {
  const text = consent.notice?.[locale]
  const url = consent.noticeUrl
  if (!text && !url) return nothing
  return html`<p part="notice" class="notice">
    ${text ?? nothing}
    ${
      url
        ? html`<a href=${url} target="_blank" rel="noopener noreferrer"
            >${t.noticeLink} ${t.newTab}</a
          >`
        : nothing
    }
  </p>`
}
