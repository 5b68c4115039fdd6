/**
 * `<leadline-analytics>`: the analytics screen. The funnel (stages and widget steps), time in
 * stage with the bottleneck named, the revenue forecast by month (and past forecasts against
 * what was won) and win rate by source with the lost reasons, each as a bar chart with its
 * numbers on hover and focus, and as a table. The four calls load independently: each part shows
 * what has arrived, its own status line and its own failure. The period and the funnel's
 * filters live in the address query, so a reload keeps them.
 */
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import {
  MAX_RANGE_DAYS,
  type Forecast,
  type Funnel,
  type TimeInStage,
  type WinRates,
} from '../../../contract'
import { formatDay } from '../analytics/format'
import { forecastCharts } from '../analytics/forecast'
import { funnelCharts } from '../analytics/funnel'
import {
  apiQuery,
  parseQuery,
  periodDays,
  PRESETS,
  rangeProblem,
  toSearch,
  utcDay,
  type AnalyticsQuery,
} from '../analytics/range'
import { screenStyles } from '../analytics/styles'
import { bottleneckText, timeChart } from '../analytics/time-in-stage'
import { groupName, overallText, winRateCharts } from '../analytics/win-rates'
import '../charts/bar-chart'
import { dataTable, tableStyles } from '../charts/data-table'
import type { ChartSpec } from '../charts/types'
import { define } from '../define'
import { analyticsText } from '../i18n/analytics'
import { explain, messages } from '../localize'
import { ROOT } from '../router'
import { base } from '../styles'
import { ConsoleView } from '../view'

interface Parts {
  funnel: Funnel
  time: TimeInStage
  forecast: Forecast
  winRates: WinRates
}
type Part = keyof Parts
interface Slot<T> {
  value?: T
  loading: boolean
  error: string
}
type Slots = { [P in Part]: Slot<Parts[P]> }
type Filter = 'owner' | 'source' | 'pipeline'

const PATHS: Record<Part, string> = {
  funnel: '/analytics/funnel',
  time: '/analytics/time-in-stage',
  forecast: '/analytics/forecast',
  winRates: '/analytics/win-rates',
}
/** The parts the period changes (the forecast always looks ahead from today). */
const RANGED: Part[] = ['funnel', 'time', 'winRates']
const FILTERS: Filter[] = ['owner', 'source', 'pipeline']
const idle = { loading: false, error: '' }

export class LeadlineAnalytics extends ConsoleView {
  static override styles = [base, tableStyles, screenStyles]
  static override properties: PropertyDeclarations = {
    query: { state: true },
    slots: { state: true },
    custom: { state: true },
    rangeError: { state: true },
  }

  private query: AnalyticsQuery = parseQuery(location.search)
  private slots: Slots = { funnel: idle, time: idle, forecast: idle, winRates: idle }
  /** The custom range inputs are open (a custom period, or "custom" just chosen). */
  private custom = !('preset' in this.query.period)
  private rangeError = ''
  private requests = new Map<Part, AbortController>()

  /** Back, forward, or a link to this screen with another query. */
  private readonly onRoute = () => {
    const next = parseQuery(location.search)
    if (location.pathname !== `${ROOT}/analytics` || toSearch(next) === toSearch(this.query)) return
    this.query = next
    this.custom = !('preset' in next.period)
    RANGED.forEach((p) => void this.load(p))
  }

  override connectedCallback(): void {
    super.connectedCallback()
    window.addEventListener('popstate', this.onRoute)
    window.addEventListener('leadline-route', this.onRoute)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    window.removeEventListener('popstate', this.onRoute)
    window.removeEventListener('leadline-route', this.onRoute)
    this.requests.forEach((r) => r.abort())
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) (Object.keys(PATHS) as Part[]).forEach((p) => this.load(p))
  }

  private get t() {
    return analyticsText[this.locale]
  }

  private setSlot<P extends Part>(part: P, slot: Slot<Parts[P]>) {
    this.slots = { ...this.slots, [part]: slot }
  }

  /** Reads one part; what it showed stays until the new answer is in. */
  async load<P extends Part>(part: P): Promise<void> {
    const api = this.api
    if (!api) return
    this.requests.get(part)?.abort()
    const request = new AbortController()
    this.requests.set(part, request)
    const query =
      part === 'forecast' ? '' : apiQuery(this.query, utcDay(new Date()), part === 'funnel')
    const shown = this.slots[part].value as Parts[P] | undefined
    this.setSlot(part, { value: shown, loading: true, error: '' })
    try {
      const result = await api.call<Parts[P]>(PATHS[part] + query, { signal: request.signal })
      if (request.signal.aborted) return
      this.setSlot(
        part,
        result.ok
          ? { value: result.value, ...idle }
          : { value: shown, loading: false, error: explain(messages(this.locale), result) },
      )
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'AbortError')) throw err
    }
  }

  /** Shows a new period or filter: the address keeps it (no new history entry), then reload. */
  private apply(query: AnalyticsQuery) {
    this.query = query
    this.rangeError = ''
    // Not navigate(): the shell would move the focus to <main>, away from the control in use.
    history.replaceState(null, '', `${ROOT}/analytics${toSearch(query)}`)
    RANGED.forEach((p) => void this.load(p))
  }

  private onPeriod(event: Event) {
    const value = (event.target as HTMLSelectElement).value
    const preset = PRESETS.find((d) => String(d) === value)
    this.custom = !preset
    if (preset) this.apply({ ...this.query, period: { preset } })
  }

  private onCustom(event: SubmitEvent) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const from = (form.elements.namedItem('from') as HTMLInputElement).value
    const to = (form.elements.namedItem('to') as HTMLInputElement).value
    const problem = rangeProblem(from, to)
    const r = this.t.range
    if (problem) this.rangeError = problem === 'tooLong' ? r.tooLong(MAX_RANGE_DAYS) : r[problem]
    else this.apply({ ...this.query, period: { from, to } })
  }

  private onFilter(filter: Filter, event: Event) {
    const value = (event.target as HTMLSelectElement).value
    this.apply({ ...this.query, [filter]: value || null })
  }

  /** A filter's choices: the funnel's breakdown, and the current choice even when absent there. */
  private options(filter: Filter) {
    const groups = this.slots.funnel.value?.breakdown[filter] ?? []
    const options = groups.map((g) => ({ key: g.key, name: groupName(g, this.locale) }))
    const current = this.query[filter]
    if (current !== null && !options.some((o) => o.key === current))
      options.unshift({ key: current, name: current })
    return options
  }

  private renderControls() {
    const r = this.t.range
    const f = this.t.filters
    const today = utcDay(new Date())
    const { from, to } = periodDays(this.query.period, today)
    const period = 'preset' in this.query.period ? String(this.query.period.preset) : 'custom'
    const filters = FILTERS.map((k) => ({ k, options: this.options(k) })).filter(
      ({ k, options }) => options.length > (k === 'pipeline' ? 1 : 0),
    )
    return html`<form class="controls" @submit=${this.onCustom}>
      <fieldset>
        <legend>${r.legend}</legend>
        <label for="period">${r.preset}</label>
        <select id="period" @change=${this.onPeriod}>
          ${PRESETS.map(
            (d) =>
              html`<option value=${d} ?selected=${!this.custom && period === String(d)}>
                ${r.last(d)}
              </option>`,
          )}
          <option value="custom" ?selected=${this.custom}>${r.custom}</option>
        </select>
        ${
          this.custom
            ? html`<label for="from">${r.from}</label>
                <input id="from" name="from" type="date" max=${today} .value=${from} />
                <label for="to">${r.to}</label>
                <input id="to" name="to" type="date" max=${today} .value=${to} />
                <button type="submit">${r.apply}</button>`
            : nothing
        }
        <span class="muted"
          >${r.shown(formatDay(this.locale, from), formatDay(this.locale, to))}</span
        >
        <span role="alert" class="error">${this.rangeError}</span>
      </fieldset>
      ${
        filters.length
          ? html`<fieldset>
              <legend>${f.legend}</legend>
              ${filters.map(
                ({ k, options }) =>
                  html`<label for=${`filter-${k}`}>${f[k]}</label>
                    <select id=${`filter-${k}`} @change=${(e: Event) => this.onFilter(k, e)}>
                      <option value="" ?selected=${this.query[k] === null}>${f.all}</option>
                      ${options.map(
                        (o) =>
                          html`<option value=${o.key} ?selected=${this.query[k] === o.key}>
                            ${o.name}
                          </option>`,
                      )}
                    </select>`,
              )}
            </fieldset>`
          : nothing
      }
    </form>`
  }

  private renderChart(spec: ChartSpec) {
    const id = `chart-${spec.key}`
    return html`<h4 id=${id}>${spec.title}</h4>
      ${
        spec.empty
          ? html`<p class="muted">${spec.empty}</p>`
          : html`<leadline-bar-chart
                data-chart=${spec.key}
                label=${spec.title}
                help=${this.t.chartHelp}
                .rows=${spec.rows}
                .max=${spec.max}
                .legend=${spec.legend}
              ></leadline-bar-chart>
              ${dataTable(spec.table, this.t.table)}`
      }`
  }

  private renderPart<P extends Part>(
    part: P,
    heading: string,
    content: (value: Parts[P]) => { notes: (string | null)[]; charts: ChartSpec[] },
  ) {
    const slot = this.slots[part] as Slot<Parts[P]>
    const t = this.t
    const shown = slot.value === undefined ? undefined : content(slot.value)
    return html`<section aria-labelledby=${`part-${part}`} data-part=${part}>
      <h3 id=${`part-${part}`}>${heading}</h3>
      <p role="status" class="status">${slot.loading ? (shown ? t.refreshing : t.loading) : ''}</p>
      ${
        slot.error
          ? html`<p role="alert" class="error">
              ${t.failed(slot.error)}
              <button type="button" class="secondary" @click=${() => this.load(part)}>
                ${t.retry}
              </button>
            </p>`
          : nothing
      }
      ${
        shown
          ? html`${shown.notes.map((n) => (n ? html`<p class="finding">${n}</p>` : nothing))}
            ${shown.charts.map((c) => this.renderChart(c))}`
          : nothing
      }
    </section>`
  }

  override render() {
    const t = this.t
    const locale = this.locale
    return html`<h2>${t.heading}</h2>
      <p class="muted">${t.intro}</p>
      ${this.renderControls()}
      <div class="parts">
        ${this.renderPart('funnel', t.funnel.heading, (v) => ({
          notes: [],
          charts: funnelCharts(v, locale),
        }))}
        ${this.renderPart('time', t.time.heading, (v) => ({
          notes: [bottleneckText(v, locale)],
          charts: [timeChart(v, locale)],
        }))}
        ${this.renderPart('forecast', t.forecast.heading, (v) => ({
          notes: [t.forecast.about(formatDay(locale, v.asOf))],
          charts: forecastCharts(v, locale),
        }))}
        ${this.renderPart('winRates', t.winRates.heading, (v) => ({
          notes: [overallText(v, locale)],
          charts: winRateCharts(v, locale),
        }))}
      </div>`
  }
}

define('leadline-analytics', LeadlineAnalytics)
