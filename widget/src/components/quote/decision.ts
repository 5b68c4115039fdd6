/**
 * The end of the quote: the accept form (full name, an unticked terms box, Accept) and the
 * decline form (an optional reason), or, when the quote can no longer be accepted, why not:
 * accepted (by whom, when), declined, expired (on which day), replaced (with a link to the
 * current revision), revoked.
 */
import { html, nothing } from 'lit'
import type { Locale, PublicQuote } from '../../../../contract'
import type { QuoteMessages } from '../../i18n/quote'
import { day, instant } from './format'
import { safeHref } from './rich-text'

/** Statuses in which the visitor may still accept or decline. */
export const isOpen = (q: PublicQuote): boolean => q.status === 'sent' || q.status === 'viewed'

/** Why the quote cannot be accepted (a heading and a sentence, maybe a link), or nothing. */
export function closedReason(q: PublicQuote, t: QuoteMessages, locale: Locale) {
  switch (q.status) {
    case 'accepted':
      return html`<h3 tabindex="-1">${t.acceptedTitle}</h3>
        <p>
          ${t.accepted(q.acceptedName ?? '', q.acceptedAt ? instant(q.acceptedAt, locale) : '')}
        </p>`
    case 'declined':
      return html`<h3 tabindex="-1">${t.declinedTitle}</h3>
        <p>${t.declined}</p>`
    case 'expired':
      return html`<p>${t.expired(day(q.validUntil, locale))}</p>`
    case 'replaced': {
      const href = safeHref(q.replacedByUrl ?? undefined)
      return html`<p>${t.replaced}</p>
        ${
          href
            ? html`<p><a part="button" class="link" href=${href}>${t.openCurrent}</a></p>`
            : nothing
        }`
    }
    case 'revoked':
      return html`<p>${t.revoked}</p>`
    case 'draft':
      return html`<p>${t.draft}</p>`
    default:
      return undefined
  }
}

export interface DecisionView {
  t: QuoteMessages
  busy: boolean
  declining: boolean
  /** Field errors, shown once the visitor tried to accept. */
  errors: { name?: string; terms?: string }
  onAccept: (e: SubmitEvent) => void
  onInput: (e: Event) => void
  onDeclineOpen: () => void
  onDeclineConfirm: (reason: string) => void
  onDeclineKeep: () => void
}

const invalid = (msg: string | undefined) => (msg ? 'true' : 'false')

export function renderDecision(d: DecisionView) {
  const { t, errors } = d
  if (d.declining) {
    return html`<form
      part="accept"
      class="decide"
      @submit=${(e: Event) => {
        e.preventDefault()
        const reason = (e.target as HTMLFormElement).querySelector('textarea')!.value.trim()
        d.onDeclineConfirm(reason)
      }}
    >
      <h3>${t.decline}</h3>
      <label for="reason">${t.reason}</label>
      <textarea id="reason" part="input" maxlength="1000" rows="3"></textarea>
      <div class="nav">
        <button part="button" type="submit" ?disabled=${d.busy}>${t.confirmDecline}</button>
        <button part="button" type="button" class="secondary" @click=${d.onDeclineKeep}>
          ${t.keep}
        </button>
      </div>
    </form>`
  }
  return html`<form
    part="accept"
    class="decide"
    novalidate
    aria-labelledby="accept-h"
    @submit=${d.onAccept}
    @input=${d.onInput}
  >
    <h3 id="accept-h">${t.acceptHeading}</h3>
    <div class="field">
      <label for="name">${t.fullName}</label>
      <input
        id="name"
        name="fullName"
        part="input"
        autocomplete="name"
        maxlength="200"
        required
        aria-invalid=${invalid(errors.name)}
        aria-describedby="name-error"
      />
      <p id="name-error" class="error">${errors.name ?? ''}</p>
    </div>
    <div class="field">
      <label class="check">
        <input
          id="terms"
          name="acceptTerms"
          type="checkbox"
          part="input"
          required
          aria-invalid=${invalid(errors.terms)}
          aria-describedby="terms-error"
        />
        ${t.terms}
      </label>
      <p id="terms-error" class="error">${errors.terms ?? ''}</p>
    </div>
    <div class="nav">
      <button part="button" type="submit" ?disabled=${d.busy}>${t.accept}</button>
      <button
        part="button"
        type="button"
        class="secondary"
        ?disabled=${d.busy}
        @click=${d.onDeclineOpen}
      >
        ${t.decline}
      </button>
    </div>
  </form>`
}
