/**
 * `<leadline-booking>`: books a demo. Loads the store's meeting types, shows a month of free
 * slots in the visitor's time zone, and books the chosen one through the outbox (one
 * Idempotency-Key, retried until the server answers). Also the management view for a booking's
 * link: see it, cancel it, move it.
 */
import { html, type PropertyDeclarations } from 'lit'
import type { Locale } from '../../../../contract'
import { define, leadStorageKey, LeadlineElement } from '../../internal/base'
import { LoadController } from '../../internal/controllers'
import { resolveLocale } from '../../internal/localize'
import { guard, readConsent, readControls, SubmitGuard } from '../../internal/submit'
import { bookingMessages, type BookingMessages } from '../../i18n/booking'
import { renderCalendar } from './calendar'
import { renderDay, renderReview, renderType, renderZone, typeName } from './steps'
import { tokenOf, renderConfirmation } from './confirmation'
import { checkContact, CONTACT, type ContactState } from './contact'
import { dayOf, detectedZone, isZone, LOCAL, warmZone } from './dates'
import { bookingStyles } from './styles'
import { Flow } from './flow'

export interface LeadlineSlotSelectDetail {
  start: string
  end: string
}
export interface LeadlineBookedDetail {
  bookingId: string
  start: string
  end: string
}
export interface LeadlineCancelledDetail {
  bookingId: string
}

/** Zones offered besides the detected one and the store's. */
const ZONES = [
  'Europe/Istanbul',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Moscow',
  'Asia/Dubai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'UTC',
]

/**
 * Books a demo with the store's team in a few clicks, in the visitor's own time zone.
 *
 * @tag leadline-booking
 * @summary A month of free meeting times, booking, confirmation, cancel and reschedule.
 *
 * @attr site-key - The store's public site key (`pk_…`); defaults to the loader's `data-site`.
 * @attr api-base - The API origin; defaults to the loader script's origin.
 * @attr lang - `tr` or `en`; defaults to the page's `<html lang>`, then Turkish.
 * @attr lead-id - The lead booking the meeting. Without it: the lead of a `<leadline-form>` or
 *   `<leadline-quiz>` on the page, else the last one this device created for the site
 *   (`localStorage` `leadline:lead:{siteKey}`), else a contact step asks name, e-mail and consent.
 * @attr time-zone - The zone to show times in first; defaults to the browser's.
 * @attr manage-token - Opens the management view of the booking with this token (also read from
 *   the page URL's `?leadline_booking=`).
 *
 * @event leadline-slot-select - The visitor chose a time; `detail` has `start`, `end` (UTC ISO).
 * @event leadline-booked - The meeting is booked; `detail` has `bookingId`, `start`, `end`.
 * @event leadline-cancelled - The visitor cancelled the meeting; `detail` has `bookingId`.
 * @event leadline-error - The server refused; `detail` has `code` and `message`.
 *
 * @csspart booking - The element's outer section.
 * @csspart type - The meeting type select.
 * @csspart zone - The time zone line and its select.
 * @csspart calendar - The month grid.
 * @csspart day - A day cell (`aria-disabled` without free times, `aria-selected` when chosen).
 * @csspart slot - A free time's button (`aria-pressed` when chosen).
 * @csspart input - A contact input or the cancel reason.
 * @csspart contact - The contact step of a booking without a known lead.
 * @csspart confirmation - The booked (or cancelled) meeting.
 * @csspart button - Month navigation, confirm, calendar, reschedule and cancel buttons and links.
 * @csspart error - What went wrong, in plain words (announced).
 * @csspart status - The live region with loading and sending states.
 *
 * @cssproperty --leadline-color-primary - Accent colour: buttons, free days, focus rings.
 * @cssproperty --leadline-color-text - Text colour.
 * @cssproperty --leadline-color-error - Colour of errors.
 * @cssproperty --leadline-font-family - Font family.
 * @cssproperty --leadline-radius - Corner radius of cells and buttons.
 * @cssproperty --leadline-spacing - Gap between parts.
 */
export class LeadlineBooking extends LeadlineElement {
  static override styles = bookingStyles
  static override shadowRootOptions = { ...LeadlineElement.shadowRootOptions, delegatesFocus: true }

  static override properties: PropertyDeclarations = {
    leadId: { attribute: 'lead-id' },
    timeZone: { attribute: 'time-zone' },
    manageToken: { attribute: 'manage-token' },
    state: { state: true },
  }

  leadId?: string
  timeZone?: string
  manageToken?: string

  /** Everything the element shows; a new object on each change. */
  private state = { rev: 0 }
  readonly flow = new Flow(this)
  /** The zone picked in the select (`LOCAL` for the browser's own); undefined until one is. */
  zoneChoice: string | undefined
  zonesChecked = false
  private heardLead: string | undefined
  contact: ContactState = { values: {}, channels: {}, errors: {} }
  private readonly submits = new SubmitGuard(this, () => this.flow.failed())

  private readonly onLead = (e: Event) => {
    const id = (e as CustomEvent<{ leadId?: string }>).detail?.leadId
    if (id) this.heardLead = id
  }
  constructor() {
    super()
    this.loader = new LoadController(
      this,
      () => `${this.api} ${this.site} ${this.token}`,
      (signal) => this.flow.load(signal),
    )
  }
  private readonly loader: LoadController
  /** The page's `?leadline_booking=` now names the booking the flow shows: nothing to load. */
  tokenMoved(): void {
    this.loader.keep()
  }

  override connectedCallback(): void {
    super.connectedCallback()
    for (const type of ['leadline-success', 'leadline-quiz-complete', 'leadline-book-demo']) {
      document.addEventListener(type, this.onLead)
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    for (const type of ['leadline-success', 'leadline-quiz-complete', 'leadline-book-demo']) {
      document.removeEventListener(type, this.onLead)
    }
  }

  /** Re-renders after the flow changed what is shown. */
  changed(): void {
    this.state = { rev: this.state.rev + 1 }
  }

  get t(): BookingMessages {
    return bookingMessages(this.locale)
  }
  get locale(): Locale {
    return resolveLocale(this.lang)
  }
  /**
   * The zone the visitor chose, else a valid `time-zone`; undefined for the browser's own, which
   * `Date` knows without `Intl` (the first month can be asked for before any formatter exists).
   */
  get chosenZone(): string | undefined {
    const zone = this.zoneChoice ?? (this.timeZone && isZone(this.timeZone) ? this.timeZone : LOCAL)
    return zone || undefined
  }
  /** The zone times are shown in: the visitor's choice, else `time-zone`, else the browser's. */
  get zone(): string {
    return this.chosenZone ?? LOCAL
  }
  /** The zone's IANA name, sent with a booking (the browser's own needs `Intl`: read then). */
  get zoneId(): string {
    return this.chosenZone ?? detectedZone()
  }
  /** The lead booking: attribute, then a form or quiz on this page, then an earlier visit. */
  get lead(): string | undefined {
    if (this.leadId || this.heardLead) return this.leadId || this.heardLead
    try {
      return (this.site && localStorage.getItem(leadStorageKey(this.site))) || undefined
    } catch {
      return undefined
    }
  }
  /** The management token: attribute, else `?leadline_booking=` in the page URL. */
  get token(): string | undefined {
    return (
      this.manageToken || new URL(location.href).searchParams.get('leadline_booking') || undefined
    )
  }

  /** Once the requests are sent: a named zone's formatters, in a task, while the answers travel. */
  protected override firstUpdated(): void {
    void warmZone(this.zone)
  }

  /**
   * A render that shows dates in a named zone waits until its formatters are built (`warmZone`),
   * so the first month is not drawn in the same task as the page's first formatter.
   */
  protected override async scheduleUpdate(): Promise<void> {
    const dated = typeof this.flow.config === 'object' || this.flow.view
    if (dated && this.zone !== LOCAL) await warmZone(this.zone)
    super.scheduleUpdate()
  }

  emitSlot(s: { start: string; end: string }): void {
    this.emit('leadline-slot-select', { start: s.start, end: s.end })
  }
  emitBooked(v: { bookingId: string; start: string; end: string }): void {
    this.emit('leadline-booked', { bookingId: v.bookingId, start: v.start, end: v.end })
  }
  emitCancelled(v: { bookingId: string }): void {
    this.emit('leadline-cancelled', { bookingId: v.bookingId })
  }
  // ------------------------------------------------------------------------------ render

  override render() {
    const f = this.flow
    const t = this.t
    const status = html`<p part="status" class="status" role="status" aria-live="polite">
        ${f.statusText}
      </p>
      <p part="error" class="error" role="alert">${f.error}</p>`
    if (f.gone) return html`<section part="booking">${status}</section>`
    if (f.view && !f.rescheduling) {
      const view = f.view
      const manage = new URL(location.href)
      manage.searchParams.set('leadline_booking', tokenOf(view.manageUrl))
      return html`<section part="booking">
        ${renderConfirmation({
          t,
          locale: this.locale,
          zone: this.zone,
          view,
          heading: view.status === 'cancelled' ? t.cancelled : f.heading,
          cancelling: f.cancelling,
          busy: f.busy,
          manageHref: manage.href,
          onReschedule: (e) => (e.preventDefault(), f.startReschedule()),
          onCancel: (e) => (e.preventDefault(), f.openCancel(true)),
          onCancelConfirm: (reason) => void guard(() => f.cancel(reason), f.failed),
          onCancelKeep: () => f.openCancel(false),
        })}
        ${status}
      </section>`
    }
    const config = f.config
    if (typeof config !== 'object') {
      return html`<section part="booking">
        <p part="status" class="status" role="status">
          ${config === 'failed' ? t.bookingLoadFailed : t.bookingLoading}
        </p>
      </section>`
    }
    return html`<section part="booking">
      <h2 tabindex="-1">${f.rescheduling ? t.pickNew : typeName(this, config)}</h2>
      ${renderType(this, config)} ${renderZone(this, config, ZONES)}
      ${renderCalendar({
        t,
        locale: this.locale,
        zone: this.zone,
        month: f.month,
        focus: f.focusDay,
        selected: f.day,
        today: dayOf(Date.now(), this.zone),
        free: f.free(),
        loading: f.monthState() === 'loading',
        onMove: (day) => f.moveTo(day),
        onPick: (day) => f.pickDay(day),
      })}
      ${renderDay(this)} ${renderReview(this)} ${status}
    </section>`
  }

  /**
   * The review step's submit, however it comes (a click, Enter, page code): checks the contact
   * step, then books (or moves) the meeting. `SubmitGuard` hands over the form read during
   * dispatch, lets one submit through at a time and keeps any error from the host page.
   */
  readonly confirm = this.submits.listener((form) => this.book(form))

  private book(form: HTMLFormElement): Promise<void> | void {
    const f = this.flow
    if (f.busy) return
    if (!f.rescheduling && !this.lead) {
      // What the controls hold now: a script or autofill may have filled them silently.
      const values = readControls(form, [...CONTACT], this.contact.values)
      this.contact.values = values as ContactState['values']
      readConsent(form, f.siteConfig?.consent.channels ?? [], this.contact.channels)
      this.contact.errors = checkContact(this.renderRoot, this.t)
      if (Object.keys(this.contact.errors).length) {
        this.changed()
        return void this.focusOn('[aria-invalid="true"]')
      }
    }
    return f.book()
  }
}

/** Registers `<leadline-booking>`; a no-op when it is already defined. */
export function defineBooking(): void {
  define('leadline-booking', LeadlineBooking)
}

declare global {
  interface HTMLElementTagNameMap {
    'leadline-booking': LeadlineBooking
  }
  interface GlobalEventHandlersEventMap {
    'leadline-slot-select': CustomEvent<LeadlineSlotSelectDetail>
    'leadline-booked': CustomEvent<LeadlineBookedDetail>
    'leadline-cancelled': CustomEvent<LeadlineCancelledDetail>
  }
}
