/**
 * The booking step's parts around the month grid: the meeting type picker, the time zone line
 * and its select, the chosen day's times (or the nearest free ones after a taken slot), and the
 * review with the contact step and the confirm button.
 */
import { html, nothing } from 'lit'
import type { PublicBooking, Slot } from '../../../../contract'
import { renderSlots } from './calendar'
import { renderContact } from './contact'
import { isZone, LOCAL, slotName, zoneLabel } from './dates'
import type { BookingHost, Flow } from './flow'

/** What the steps use of their element (`LeadlineBooking`), so they need no import of it. */
interface Host extends Pick<BookingHost, 'lead' | 'locale' | 't' | 'zone' | 'contact' | 'changed'> {
  readonly flow: Flow
  zoneChoice: string | undefined
  /** Whether the visitor went to the zone select, so the zones it offers are checked. */
  zonesChecked: boolean
  confirm(event: Event): void
}

export function typeName(el: Host, config: PublicBooking): string {
  const type = config.meetingTypes.find((m) => m.id === el.flow.type)
  return type ? `${type.name[el.locale]} (${el.t.minutes(type.durationMin)})` : ''
}

export function renderType(el: Host, config: PublicBooking) {
  if (config.meetingTypes.length < 2 || el.flow.rescheduling) return nothing
  return html`<div class="field">
    <label for="type">${el.t.meetingType}</label>
    <select
      id="type"
      part="type"
      @change=${(e: Event) => el.flow.setType((e.target as HTMLSelectElement).value)}
    >
      ${config.meetingTypes.map(
        (m) =>
          html`<option value=${m.id} ?selected=${m.id === el.flow.type}>
            ${m.name[el.locale]} (${el.t.minutes(m.durationMin)})
          </option>`,
      )}
    </select>
  </div>`
}

/**
 * The zone line and its select: the browser's own, the one shown, the store's, then `common`.
 * `common` is a fixed list of zones every browser knows (booking.test.ts checks them) and the
 * shown one is known, so neither needs `Intl`; the store's zone, when not among them, is checked
 * (the page's first formatter, a long task) only once the visitor goes to the select.
 */
export function renderZone(el: Host, config: PublicBooking, common: string[]) {
  const zone = el.zone
  const zones = [...new Set([LOCAL, zone, config.storeTimeZone, ...common])].filter(
    (z) => z === LOCAL || z === zone || common.includes(z) || (el.zonesChecked && isZone(z)),
  )
  return html`<div part="zone" class="zone">
    <span id="zone-now">${el.t.zone(zoneLabel(el.t, zone))}</span>
    <label for="zone">${el.t.changeZone}</label>
    <select
      id="zone"
      @focus=${() => {
        if (el.zonesChecked) return
        el.zonesChecked = true
        el.changed()
      }}
      @change=${(e: Event) => {
        el.zoneChoice = (e.target as HTMLSelectElement).value
        el.flow.zoneChanged()
      }}
    >
      ${zones.map(
        (z) => html`<option value=${z} ?selected=${z === zone}>${zoneLabel(el.t, z)}</option>`,
      )}
    </select>
  </div>`
}

export function renderDay(el: Host) {
  const f = el.flow
  const t = el.t
  const ctx = { t, locale: el.locale, zone: el.zone }
  if (f.nearest) {
    return html`<div class="day" aria-live="polite">
      <p class="taken">${f.nearest.length ? t.slotTaken : t.slotTakenNone}</p>
      ${renderSlots(ctx, f.nearest, f.picked?.start, (s) => f.pickSlot(s))}
    </div>`
  }
  if (f.day === undefined) return html`<p class="hint">${t.pickDay}</p>`
  const slots = f.free().get(f.day) ?? []
  return html`<div class="day">
    ${
      slots.length
        ? renderSlots(ctx, slots, f.picked?.start, (s) => f.pickSlot(s))
        : html`<p>${f.monthState() === 'loading' ? t.loadingSlots : t.dayEmpty}</p>`
    }
  </div>`
}

export function renderReview(el: Host) {
  const f = el.flow
  const slot: Slot | undefined = f.picked
  if (!slot || f.nearest) return nothing
  const t = el.t
  const standalone = !f.rescheduling && !el.lead
  return html`<form class="review" novalidate @submit=${(e: Event) => el.confirm(e)}>
    <h3 id="review" tabindex="-1">${t.yourTime}</h3>
    <p class="when">${slotName(slot.start, el.locale, el.zone)} (${zoneLabel(t, el.zone)})</p>
    ${
      standalone
        ? renderContact(t, el.locale, f.siteConfig, el.contact, () => el.changed())
        : nothing
    }
    <button part="button" type="submit" ?disabled=${f.busy}>
      ${f.rescheduling ? t.reschedule : t.confirm}
    </button>
  </form>`
}
