/**
 * The booking's state and its conversations with the server, apart from the element's rendering:
 * the meeting types, the months of free slots (fetched per month with a margin that covers every
 * zone, so switching zones regroups without fetching), the chosen day and time, and the writes
 * (book, cancel, reschedule) through the outbox. A write waiting for the network is kept in
 * localStorage, so a reload shows its outcome (`PendingWrites`).
 */
import type {
  BookingCreate,
  Locale,
  PublicBooking,
  PublicBookingView,
  SiteConfig,
  Slot,
} from '../../../../contract'
import { getJson, newKey, type ApiFailure } from '../../internal/api'
import { monthIn } from '../../internal/urls'
import { PendingWrites, type Answer, type WritesHost } from '../../internal/writes'
import type { BookingMessages } from '../../i18n/booking'
import { replaceToken, takeAction } from './confirmation'
import { contactBody, contactIssues, type ContactState } from './contact'
import { addMonths, dayOf, monthOf } from './dates'
import { SlotCache, type MonthSlots } from './slots'

/** What the flow uses of its element (`LeadlineBooking`), so it needs no import of it. */
export interface BookingHost extends WritesHost {
  readonly api: string
  readonly site: string | undefined
  readonly lead: string | undefined
  readonly token: string | undefined
  readonly locale: Locale
  readonly t: BookingMessages
  /** The zone times are shown in: an IANA name, or `LOCAL` (dates.ts) for the browser's own. */
  readonly zone: string
  readonly chosenZone: string | undefined
  /** The zone's IANA name, for what is sent. */
  readonly zoneId: string
  readonly contact: ContactState
  theme(config: SiteConfig | undefined): void
  /** After the flow put the rescheduled booking's token in the page's URL. */
  tokenMoved(): void
  emitSlot(s: { start: string; end: string }): void
  emitBooked(v: { bookingId: string; start: string; end: string }): void
  emitCancelled(v: { bookingId: string }): void
  emitError(e: { code: string; message: string }): void
}

/** A write in flight: its kind, Idempotency-Key, URL and body (the same bytes on every retry). */
export interface Op {
  kind: 'book' | 'cancel' | 'reschedule'
  key: string
  url: string
  body: unknown
}

export class Flow extends PendingWrites<Op, BookingHost> {
  config: PublicBooking | 'loading' | 'failed' = 'loading'
  siteConfig: SiteConfig | undefined
  type = ''
  month = monthOf(Date.now())
  focusDay = dayOf(Date.now(), 'UTC')
  day: number | undefined
  picked: Slot | undefined
  /** The nearest free slots after the chosen one was taken. */
  nearest: Slot[] | undefined
  view: PublicBookingView | undefined
  heading = ''
  rescheduling = false
  cancelling = false
  /** The management link no longer works. */
  gone = false
  private readonly slots: SlotCache

  constructor(el: BookingHost) {
    super(el)
    this.slots = new SlotCache(el)
  }

  protected get storageKey(): string {
    return 'leadline:booking:' + this.el.site
  }

  protected get failure(): string {
    return this.el.t.failed
  }

  /** Loads the settings (the element's `LoadController` calls it), and a booking's view. */
  async load(signal: AbortSignal): Promise<void> {
    const el = this.el
    const site = el.site
    const base = `${el.api}/v1/sites/${encodeURIComponent(site ?? '')}/`
    const token = el.token
    // Undefined for the browser's own zone, which `Date` knows without building a formatter.
    const month = monthIn(el.chosenZone)
    try {
      if (!site) throw new Error('no site key: set site-key or the script tag data-site')
      // The first month's slots travel with the settings rather than after them.
      if (!token) this.slots.prime(month)
      const [config, siteConfig, view] = await Promise.all([
        getJson<PublicBooking>(base + 'booking', signal),
        getJson<SiteConfig>(base + 'config', signal).catch(() => undefined),
        token
          ? getJson<PublicBookingView>(`${el.api}/v1/bookings/${encodeURIComponent(token)}`)
          : undefined,
      ])
      if (signal.aborted) return
      this.type = config.meetingTypes[0]?.id ?? ''
      // The calendar is drawn once, with its first month's slots, rather than empty and again.
      if (!view) await this.slots.fetch(this.type, month)
      if (signal.aborted) return
      el.theme(siteConfig)
      this.config = config
      this.siteConfig = siteConfig
      if (view) {
        this.view = view
        this.heading = el.t.yourBooking
      }
      // The invite's reschedule or cancel link opens that action, while the booking allows it.
      const action = view ? takeAction() : undefined
      if (view?.manageable && action === 'reschedule') this.startReschedule()
      if (view?.manageable && action === 'cancel') this.openCancel(true)
      this.resume()
      // Draws the calendar (once: its month is here already).
      if (!view) return await this.showMonth(month, true)
    } catch (e) {
      if (signal.aborted) return
      const status = (e as Partial<ApiFailure>).status
      if (token && (status === 404 || status === 410)) this.gone = true
      this.config = 'failed'
      if (this.gone) this.error = el.t.manageGone
      console.warn('[leadline]', e)
    }
    el.changed()
  }

  // ------------------------------------------------------------------------------ slots

  /** Free slots of the current type by calendar day in the visitor's zone. */
  free(): Map<number, Slot[]> {
    return this.slots.free(this.type, this.el.zone)
  }

  monthState(month = this.month): MonthSlots | undefined {
    return this.slots.state(this.type, month)
  }

  private async fetchMonth(month: number, fresh = false): Promise<MonthSlots> {
    const result = await this.slots.fetch(this.type, month, fresh)
    if (result === 'failed' && month === this.month) this.error = this.el.t.slotsFailed
    return result
  }

  /** Shows a month; on first load, moves on to the next month when this one has nothing left. */
  private async showMonth(month: number, first = false, focus?: number): Promise<void> {
    this.month = month
    this.error = ''
    this.focusDay = focus ?? this.defaultFocus()
    // Shown at once (a month on its way as loading). The first, already here, is drawn once, below.
    if (!first || !Array.isArray(this.monthState())) this.el.changed()
    const slots = await this.fetchMonth(month)
    if (this.month !== month) return
    if (
      first &&
      Array.isArray(slots) &&
      !slots.some((s) => monthOf(dayOf(s.start, this.el.zone)) === month)
    ) {
      return this.showMonth(addMonths(month, 1))
    }
    if (focus === undefined) this.focusDay = this.defaultFocus()
    this.el.changed()
  }

  /** The chosen day when in view, else the month's first free day, else today or the 1st. */
  private defaultFocus(): number {
    const next = addMonths(this.month, 1)
    const inMonth = (d: number | undefined) => d !== undefined && d >= this.month && d < next
    if (inMonth(this.day)) return this.day!
    const firstFree = [...this.free().keys()].sort((a, b) => a - b).find(inMonth)
    if (firstFree !== undefined) return firstFree
    const today = dayOf(Date.now(), this.el.zone)
    return inMonth(today) ? today : this.month
  }

  moveTo(day: number): void {
    const month = monthOf(day)
    if (month !== this.month) void this.showMonth(month, false, day)
    else {
      this.focusDay = day
      this.el.changed()
    }
    void this.el.focusOn(`[data-day="${new Date(day).toISOString().slice(0, 10)}"]`)
  }

  pickDay(day: number): void {
    this.focusDay = day
    if (!this.free().has(day)) return this.el.changed()
    this.day = day
    this.nearest = undefined
    this.el.changed()
  }

  pickSlot(slot: Slot): void {
    this.picked = slot
    this.nearest = undefined
    this.day = dayOf(slot.start, this.el.zone)
    this.error = ''
    this.el.changed()
    this.el.emitSlot(slot)
    void this.el.focusOn('#review')
  }

  setType(type: string): void {
    this.type = type
    this.day = this.picked = this.nearest = undefined
    void this.showMonth(this.month)
  }

  zoneChanged(): void {
    // The same instants, regrouped: a chosen day follows the chosen time into the new zone.
    if (this.picked) this.day = dayOf(this.picked.start, this.el.zone)
    this.el.changed()
  }

  // ------------------------------------------------------------------------------ writes

  async book(): Promise<void> {
    const el = this.el
    const slot = this.picked
    const site = el.site
    if (!slot || !site) return
    if (this.rescheduling && this.view) {
      const body = { start: slot.start, timeZone: el.zoneId }
      return this.send({
        kind: 'reschedule',
        key: newKey(),
        url: `${this.view.manageUrl}/reschedule`,
        body,
      })
    }
    const body: BookingCreate = {
      siteKey: site,
      type: this.type,
      start: slot.start,
      timeZone: el.zoneId,
      // The page the visitor booked on: the calendar invite links back to it to manage the booking.
      pageUrl: location.href.split('#')[0],
    }
    const lead = el.lead
    if (lead) body.leadId = lead
    else body.contact = contactBody(el.contact, this.siteConfig, el.locale)
    return this.send({ kind: 'book', key: newKey(), url: `${el.api}/v1/bookings`, body })
  }

  async cancel(reason: string): Promise<void> {
    if (!this.view) return
    const body = reason ? { reason } : {}
    return this.send({
      kind: 'cancel',
      key: newKey(),
      url: `${this.view.manageUrl}/cancel`,
      body,
    })
  }

  /** A write that a previous page load left waiting: same key, same body. */
  private resume(): void {
    const op = this.stored()
    if (op?.key) void this.send(op)
  }

  protected async settled(op: Op, result: Answer): Promise<void> {
    const el = this.el
    const t = el.t
    if (result.state === 'delivered') {
      const view = result.data as PublicBookingView
      this.view = view
      this.cancelling = this.rescheduling = false
      this.picked = this.nearest = undefined
      this.heading =
        op.kind === 'book' ? t.booked : op.kind === 'reschedule' ? t.rescheduled : t.cancelled
      if (op.kind === 'book') el.emitBooked(view)
      if (op.kind === 'cancel') el.emitCancelled(view)
      if (op.kind === 'reschedule') {
        replaceToken(view.manageUrl)
        el.tokenMoved()
      }
      el.changed()
      return void el.focusOn('h2')
    }
    const error = result.error
    el.emitError(error)
    if (error.code === 'slot_taken') return this.taken(op)
    if (error.code === 'booking_started' && this.view) {
      // The meeting began while the page was open: show why it can no longer be changed.
      this.view = { ...this.view, manageable: false }
      this.cancelling = this.rescheduling = false
      el.changed()
      return void el.focusOn('.closed')
    }
    if (this.view && (error.status === 404 || error.status === 410)) {
      this.gone = true
      this.error = t.manageGone
    } else {
      this.error = t.failed
      contactIssues(el.contact, error.issues ?? [], t)
    }
    el.changed()
  }

  /** The slot was just taken: fetch fresh slots and offer the three nearest to the wanted time. */
  private async taken(op: Op): Promise<void> {
    const wanted = Date.parse((op.body as { start: string }).start)
    const month = monthOf(dayOf(wanted, this.el.zone))
    this.slots.clear(this.type)
    this.nearest = []
    this.el.changed()
    await Promise.all([this.fetchMonth(month, true), this.fetchMonth(addMonths(month, 1), true)])
    const all = [...this.free().values()].flat()
    const distance = (s: Slot) => Math.abs(Date.parse(s.start) - wanted)
    this.nearest = all
      .sort((a, b) => distance(a) - distance(b))
      .slice(0, 3)
      .sort((a, b) => a.start.localeCompare(b.start))
    this.picked = undefined
    this.el.changed()
    void this.el.focusOn('.taken')
  }

  startReschedule(): void {
    const view = this.view
    if (!view) return
    this.rescheduling = true
    this.type = view.type
    this.day = this.picked = this.nearest = undefined
    void this.showMonth(monthOf(dayOf(view.start, this.el.zone)))
    void this.el.focusOn('h2')
  }

  openCancel(open: boolean): void {
    this.cancelling = open
    this.el.changed()
    if (open) void this.el.focusOn('#reason')
  }
}
