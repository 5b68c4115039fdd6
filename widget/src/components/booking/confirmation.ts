/**
 * The booked meeting as its visitor sees it: after booking, and in the management view opened
 * from the e-mail's link. Store and rep text (meeting name, rep, place) is bound as text only.
 */
import { html, nothing } from 'lit'
import type { Locale, PublicBookingView } from '../../../../contract'
import type { BookingMessages } from '../../i18n/booking'
import { dayOf, fullDate, time, zoneLabel } from './dates'

export interface ConfirmationView {
  t: BookingMessages
  locale: Locale
  zone: string
  view: PublicBookingView
  heading: string
  /** The cancel form is open. */
  cancelling: boolean
  busy: boolean
  /** This page's URL opening the management view for the booking's current token. */
  manageHref: string
  onReschedule: (e: Event) => void
  onCancel: (e: Event) => void
  onCancelConfirm: (reason: string) => void
  onCancelKeep: () => void
}

/** The token a `manageUrl` (`{api}/v1/bookings/{token}`) carries. */
export const tokenOf = (manageUrl: string): string =>
  decodeURIComponent(new URL(manageUrl).pathname.split('/').pop() ?? '')

export function renderConfirmation(c: ConfirmationView) {
  const { t, locale, zone, view } = c
  // Cancel and reschedule only while the server says so: confirmed and not yet started.
  const active = view.status === 'confirmed' && view.manageable
  const where = t.where[view.location.kind] ?? view.location.kind
  const when = `${fullDate(dayOf(view.start, zone), locale)}, ${time(view.start, locale, zone)}–${time(view.end, locale, zone)}`
  return html`<section part="confirmation" class="confirmation">
    <h2 tabindex="-1">${c.heading}</h2>
    <dl>
      <dt>${t.meetingType}</dt>
      <dd>${view.typeName[locale]}</dd>
      <dt>${t.yourTime}</dt>
      <dd>${when} <span class="zone">(${zoneLabel(t, zone)})</span></dd>
      <dd>${t.rep(view.repName)}</dd>
      ${
        view.location.value
          ? html`<dt>${where}</dt>
              <dd class="where">${view.location.value}</dd>`
          : nothing
      }
    </dl>
    ${
      active
        ? html`<p class="links">
            <a part="button" class="link" href=${view.icsUrl} download>${t.addToCalendar}</a>
            <a part="button" class="link" href=${c.manageHref} @click=${c.onReschedule}
              >${t.reschedule}</a
            >
            <a part="button" class="link" href=${c.manageHref} @click=${c.onCancel}>${t.cancel}</a>
          </p>`
        : view.status === 'cancelled'
          ? nothing
          : html`<p class="closed" tabindex="-1">${t.manageClosed}</p>`
    }
    ${
      active && c.cancelling
        ? html`<form
            class="cancel"
            @submit=${(e: Event) => {
              e.preventDefault()
              const reason = (e.target as HTMLFormElement).querySelector('textarea')!.value.trim()
              c.onCancelConfirm(reason)
            }}
          >
            <label for="reason">${t.reason}</label>
            <textarea id="reason" part="input" maxlength="500" rows="2"></textarea>
            <div class="nav">
              <button part="button" type="submit" ?disabled=${c.busy}>${t.confirmCancel}</button>
              <button part="button" type="button" class="secondary" @click=${c.onCancelKeep}>
                ${t.keep}
              </button>
            </div>
          </form>`
        : nothing
    }
  </section>`
}

/**
 * The action a calendar invite's link asks for (`?leadline_action=reschedule|cancel`), taken
 * out of the address so a reload does not open it again.
 */
export function takeAction(): 'reschedule' | 'cancel' | undefined {
  const url = new URL(location.href)
  const action = url.searchParams.get('leadline_action')
  if (action === null) return undefined
  url.searchParams.delete('leadline_action')
  history.replaceState(history.state, '', url)
  return action === 'reschedule' || action === 'cancel' ? action : undefined
}

/** After a move the old token is dead: a page opened from it must not keep it in its address. */
export function replaceToken(manageUrl: string): void {
  const url = new URL(location.href)
  if (!url.searchParams.has('leadline_booking')) return
  url.searchParams.set('leadline_booking', tokenOf(manageUrl))
  history.replaceState(history.state, '', url)
}
