/**
 * `<leadline-lead-bookings lead-id="…">`: a lead's meetings with the rep's actions (held,
 * no-show, cancel) and booking a new one: meeting types from the booking settings, the free
 * slots of a range grouped by day in the browser's zone, `POST /admin/api/leads/:id/bookings`.
 * Fires `leadline-lead-changed` after a change, so the page re-reads the lead (its stage moves).
 */
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import { type Booking, type BookingSettings, DAY_MS, type Slots } from '../../../contract'
import { define } from '../define'
import { leadPageText } from '../i18n/lead-page'
import { explain, messages } from '../localize'
import { base } from '../styles'
import { ConsoleView } from '../view'
import { slotsByDay } from './lead-data'
import { leadStyles } from './styles'

type Outcome = 'held' | 'no-show' | 'cancel'

/** The browser's zone: slots are shown and booked in it. */
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone

export class LeadlineLeadBookings extends ConsoleView {
  static override styles = [base, leadStyles]
  static override properties: PropertyDeclarations = {
    leadId: { attribute: 'lead-id' },
    bookings: { state: true },
    settings: { state: true },
    slots: { state: true },
    error: { state: true },
    dialogError: { state: true },
    outcome: { state: true },
    booking: { state: true },
  }

  leadId = ''
  private bookings: Booking[] | undefined
  private settings: BookingSettings | undefined
  /** The free slots in the booking dialog; undefined while they load. */
  private slots: Slots | undefined
  private error = ''
  private dialogError = ''
  /** The meeting and the action its dialog asks to confirm. */
  private outcome: { booking: Booking; action: Outcome } | undefined
  /** Whether the booking dialog is open. */
  private booking = false
  private opener: HTMLElement | null = null
  private slotRequest = 0

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('api') || changed.has('leadId')) && this.api && this.leadId) void this.load()
  }

  private get t() {
    return leadPageText[this.locale].bookings
  }

  private when(iso: string) {
    return new Intl.DateTimeFormat(this.locale, { dateStyle: 'full', timeStyle: 'short' }).format(
      new Date(iso),
    )
  }

  private typeName(id: string) {
    return this.settings?.meetingTypes.find((t) => t.id === id)?.name[this.locale] ?? id
  }

  async load(): Promise<void> {
    const api = this.api!
    const [list, settings] = await Promise.all([
      api.call<{ items: Booking[] }>(`/bookings?lead=${encodeURIComponent(this.leadId)}`),
      this.settings ? null : api.call<BookingSettings>('/booking/settings'),
    ])
    if (settings?.ok) this.settings = settings.value
    if (list.ok) {
      this.bookings = list.value.items
      this.error = ''
    } else this.error = `${this.t.loadFailed} ${explain(messages(this.locale), list)}`
  }

  private changed(text: string) {
    this.dispatchEvent(
      new CustomEvent('leadline-lead-changed', { detail: { text }, bubbles: true, composed: true }),
    )
  }

  private async open(opener: EventTarget | null, setup: () => void) {
    this.opener = opener as HTMLElement | null
    this.dialogError = ''
    setup()
    await this.updateComplete
    const dialog = this.renderRoot.querySelector('dialog')!
    dialog.showModal()
    dialog.querySelector<HTMLElement>('select, textarea, input')?.focus()
  }

  private close() {
    this.renderRoot.querySelector('dialog')?.close()
    this.outcome = undefined
    this.booking = false
    this.opener?.focus()
  }

  private async loadSlots() {
    const form = this.renderRoot.querySelector<HTMLFormElement>('#book-form')
    if (!form) return
    const data = new FormData(form)
    const from = new Date(`${String(data.get('from'))}T00:00:00`)
    const days = Number(data.get('days'))
    const start = Math.max(from.getTime(), Date.now())
    const q = new URLSearchParams({
      type: String(data.get('type')),
      from: new Date(start).toISOString(),
      to: new Date(from.getTime() + days * DAY_MS).toISOString(),
    })
    const request = ++this.slotRequest
    this.slots = undefined
    const res = await this.api!.call<Slots>(`/slots?${q}`)
    if (request !== this.slotRequest) return
    if (res.ok) this.slots = res.value
    else this.dialogError = explain(messages(this.locale), res)
  }

  private async openBooking(event: Event) {
    await this.open(event.currentTarget, () => (this.booking = true))
    await this.loadSlots()
  }

  private async book(event: SubmitEvent) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    const start = data.get('start')
    if (!start) {
      this.dialogError = this.t.chooseSlot
      return
    }
    const res = await this.api!.call<Booking>(
      `/leads/${encodeURIComponent(this.leadId)}/bookings`,
      {
        method: 'POST',
        headers: { 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({ type: data.get('type'), start, timeZone: ZONE }),
      },
    )
    if (res.ok) {
      this.close()
      await this.load()
      this.changed(this.t.booked(this.when(res.value.start)))
    } else if (res.code === 'slot_taken') {
      this.dialogError = this.t.taken
      await this.loadSlots()
    } else this.dialogError = explain(messages(this.locale), res)
  }

  private async confirmOutcome(event: SubmitEvent) {
    event.preventDefault()
    const outcome = this.outcome!
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim()
    const res = await this.api!.call<Booking>(
      `/bookings/${encodeURIComponent(outcome.booking.id)}/${outcome.action}`,
      { method: 'POST', body: JSON.stringify(reason ? { reason } : {}) },
    )
    if (!res.ok) {
      this.dialogError = explain(messages(this.locale), res)
      return
    }
    this.close()
    await this.load()
    this.changed(this.t.updated)
  }

  private renderBooking(b: Booking) {
    const t = this.t
    const actions: [Outcome, string][] = [
      ['held', t.held],
      ['no-show', t.noShow],
      ['cancel', t.cancel],
    ]
    return html`<li data-booking=${b.id}>
      <span class="name">${this.typeName(b.type)}</span> · ${this.when(b.start)} ·
      <span class="meta">${t.status[b.status]}</span>
      ${
        b.status === 'confirmed'
          ? html`<span class="row-actions">
              ${actions.map(
                ([action, label]) =>
                  html`<button
                    type="button"
                    class="secondary"
                    aria-label=${`${label}: ${this.typeName(b.type)}, ${this.when(b.start)}`}
                    @click=${(e: Event) =>
                      this.open(e.currentTarget, () => (this.outcome = { booking: b, action }))}
                  >
                    ${label}
                  </button>`,
              )}
            </span>`
          : nothing
      }
    </li>`
  }

  private renderBookingForm() {
    const t = this.t
    const today = new Date().toLocaleDateString('sv')
    const days = this.slots ? slotsByDay(this.slots.slots, this.locale) : []
    return html`<form id="book-form" @submit=${this.book} novalidate>
      <h3 id="dialog-h">${t.dialogHeading}</h3>
      <div class="fields">
        <label
          >${t.type}
          <select name="type" @change=${this.loadSlots}>
            ${(this.settings?.meetingTypes ?? []).map(
              (mt) => html`<option value=${mt.id}>${mt.name[this.locale]}</option>`,
            )}
          </select></label
        >
        <label
          >${t.from}
          <input
            id="from"
            type="date"
            name="from"
            .value=${today}
            min=${today}
            @change=${this.loadSlots}
        /></label>
        <label
          >${t.days}
          <select name="days" @change=${this.loadSlots}>
            <option value="7">7</option>
            <option value="14">14</option>
            <option value="30">30</option>
          </select></label
        >
      </div>
      <p class="meta">${t.zoneHint(ZONE)}</p>
      <fieldset class="slots">
        <legend>${t.slots}</legend>
        <p role="status">${this.slots ? (days.length ? '' : t.noSlots) : t.loadingSlots}</p>
        ${days.map(
          (d) =>
            html`<div class="day">
              <p class="day-label">${d.label}</p>
              ${d.slots.map(
                (s) =>
                  html`<label class="slot"
                    ><input type="radio" name="start" value=${s.start} />
                    <span class="visually-hidden">${d.label}</span> ${s.label}</label
                  >`,
              )}
            </div>`,
        )}
      </fieldset>
      <p role="alert" class="error">${this.dialogError}</p>
      <div class="actions">
        <button type="button" class="secondary" @click=${this.close}>
          ${leadPageText[this.locale].actions.cancel}
        </button>
        <button type="submit">${t.submit}</button>
      </div>
    </form>`
  }

  private renderOutcomeForm(o: { booking: Booking; action: Outcome }) {
    const t = this.t
    const label = { held: t.held, 'no-show': t.noShow, cancel: t.cancel }[o.action]
    return html`<form @submit=${this.confirmOutcome} novalidate>
      <h3 id="dialog-h">${t.outcomeHeading(label, this.when(o.booking.start))}</h3>
      <label for="outcome-reason">${t.reasonOptional}</label>
      <textarea id="outcome-reason" name="reason" maxlength="500"></textarea>
      <p role="alert" class="error">${this.dialogError}</p>
      <div class="actions">
        <button type="button" class="secondary" @click=${this.close}>
          ${leadPageText[this.locale].actions.cancel}
        </button>
        <button type="submit">${t.confirm}</button>
      </div>
    </form>`
  }

  override render() {
    const t = this.t
    const list = this.bookings
    return html`<section aria-labelledby="bookings-h">
      <div class="section-head">
        <h3 id="bookings-h">${t.heading}</h3>
        <button type="button" class="secondary" @click=${this.openBooking}>${t.book}</button>
      </div>
      <p role="alert" class="error">${this.error}</p>
      ${list && list.length === 0 ? html`<p class="meta">${t.none}</p>` : nothing}
      ${
        list?.length
          ? html`<ul class="plain">
              ${list.map((b) => this.renderBooking(b))}
            </ul>`
          : nothing
      }
      <dialog aria-labelledby="dialog-h" @cancel=${this.onCancel}>
        ${
          this.booking
            ? this.renderBookingForm()
            : this.outcome
              ? this.renderOutcomeForm(this.outcome)
              : nothing
        }
      </dialog>
    </section>`
  }

  private onCancel(event: Event) {
    event.preventDefault()
    this.close()
  }
}

define('leadline-lead-bookings', LeadlineLeadBookings)

declare global {
  interface HTMLElementEventMap {
    'leadline-lead-changed': CustomEvent<{ text: string }>
  }
}
