/**
 * The month grid and the chosen day's slots. The grid follows the WAI-ARIA grid pattern for a
 * date picker (https://www.w3.org/WAI/ARIA/apg/patterns/dialog-modal/examples/datepicker-dialog/):
 * one cell in the tab order (roving tabindex), arrows by day and week, Home/End to the week's
 * start/end, PageUp/PageDown by month, Enter/Space to choose. Every cell is named by its full
 * date, never by its number alone.
 */
import { html, nothing } from 'lit'
import type { Locale, Slot } from '../../../../contract'
import { DAY_MS } from '../../../../contract/time'
import type { BookingMessages } from '../../i18n/booking'
import {
  addMonths,
  fullDate,
  isoDay,
  monthName,
  slotName,
  time,
  weekday,
  weekdayNames,
  weeks,
} from './dates'

export interface CalendarView {
  t: BookingMessages
  locale: Locale
  zone: string
  month: number
  /** The cell in the tab order. */
  focus: number
  selected: number | undefined
  today: number
  /** Free slots by calendar day in the visitor's zone. */
  free: Map<number, Slot[]>
  loading: boolean
  onMove: (day: number) => void
  onPick: (day: number) => void
}

/** Where a key moves the focused day, or undefined for keys the grid does not handle. */
export function moveBy(key: string, day: number): number | undefined {
  const w = weekday(day)
  const to: Record<string, number> = {
    ArrowLeft: day - DAY_MS,
    ArrowRight: day + DAY_MS,
    ArrowUp: day - 7 * DAY_MS,
    ArrowDown: day + 7 * DAY_MS,
    Home: day - w * DAY_MS,
    End: day + (6 - w) * DAY_MS,
    PageUp: addMonths(day, -1),
    PageDown: addMonths(day, 1),
  }
  return to[key]
}

export function renderCalendar(v: CalendarView) {
  const { t, locale } = v
  const long = weekdayNames(locale, 'long')
  const short = weekdayNames(locale, 'short')
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      return v.onPick(v.focus)
    }
    const to = moveBy(e.key, v.focus)
    if (to === undefined) return
    e.preventDefault()
    v.onMove(to)
  }
  return html`<div class="month">
      <button
        part="button"
        type="button"
        class="secondary"
        aria-label=${t.prevMonth}
        @click=${() => v.onMove(addMonths(v.month, -1))}
      >
        ‹
      </button>
      <h3 id="month" aria-live="polite">${monthName(v.month, locale)}</h3>
      <button
        part="button"
        type="button"
        class="secondary"
        aria-label=${t.nextMonth}
        @click=${() => v.onMove(addMonths(v.month, 1))}
      >
        ›
      </button>
    </div>
    <table
      part="calendar"
      role="grid"
      aria-labelledby="month"
      aria-busy=${v.loading ? 'true' : 'false'}
      @keydown=${onKey}
    >
      <thead>
        <tr>
          ${long.map(
            (name, i) =>
              html`<th scope="col" aria-label=${name}><abbr title=${name}>${short[i]}</abbr></th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${weeks(v.month).map(
          (row) =>
            html`<tr>
              ${row.map((day) => (day === undefined ? html`<td></td>` : cell(v, day)))}
            </tr>`,
        )}
      </tbody>
    </table>`
}

function cell(v: CalendarView, day: number) {
  const free = v.free.has(day)
  const empty = !free && !v.loading
  const name = fullDate(day, v.locale) + (empty ? ', ' + v.t.noFreeTimes : '')
  return html`<td
    part="day"
    data-day=${isoDay(day)}
    class=${free ? 'free' : ''}
    tabindex=${day === v.focus ? 0 : -1}
    aria-label=${name}
    aria-disabled=${free ? nothing : 'true'}
    aria-selected=${day === v.selected ? 'true' : 'false'}
    aria-current=${day === v.today ? 'date' : nothing}
    @click=${() => v.onPick(day)}
  >
    ${new Date(day).getUTCDate()}
  </td>`
}

/** The chosen day's free times as buttons named in full ("Salı, 8 Aralık 2026, 14:30"). */
export function renderSlots(
  v: Pick<CalendarView, 't' | 'locale' | 'zone'>,
  slots: Slot[],
  picked: string | undefined,
  onSlot: (slot: Slot) => void,
) {
  return html`<ul class="slots">
    ${slots.map(
      (s) =>
        html`<li>
          <button
            part="slot"
            type="button"
            class="secondary"
            aria-label=${slotName(s.start, v.locale, v.zone)}
            aria-pressed=${s.start === picked ? 'true' : 'false'}
            @click=${() => onSlot(s)}
          >
            ${time(s.start, v.locale, v.zone)}
          </button>
        </li>`,
    )}
  </ul>`
}
