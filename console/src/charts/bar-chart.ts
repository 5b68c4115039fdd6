/**
 * `<leadline-bar-chart>`: a hand-drawn horizontal bar chart in SVG. Each bar says its number in
 * text beside it (never by colour alone) and carries its whole sentence as its SVG `<title>`,
 * which is also its accessible name. The bars are one Tab stop (a roving tabindex): arrow keys,
 * Home and End move between them, and a tooltip with the bar's sentence appears on keyboard
 * focus as on hover (Escape hides it; it stays while the pointer is over the chart).
 * No styles inline (the console's CSP): the tooltip is placed through CSS custom properties.
 */
import {
  css,
  html,
  LitElement,
  nothing,
  svg,
  type PropertyDeclarations,
  type PropertyValues,
} from 'lit'
import { define } from '../define'
import { base } from '../styles'
import { layoutChart, LABEL_END, WIDTH, type Layout, type PlacedBar } from './layout'
import type { ChartRow } from './types'

const NEXT = ['ArrowDown', 'ArrowRight']
const PREVIOUS = ['ArrowUp', 'ArrowLeft']

export class LeadlineBarChart extends LitElement {
  static override styles = [
    base,
    css`
      .chart {
        position: relative;
        max-width: 760px;
      }
      svg {
        display: block;
        width: 100%;
        height: auto;
        font-size: 13px;
      }
      text {
        fill: #1b1f24;
      }
      .s0 rect {
        fill: #1f5fbf;
      }
      .s1 rect {
        fill: #7a4fb0;
      }
      .bar {
        cursor: default;
      }
      .bar:focus {
        outline: none;
      }
      .bar:focus-visible rect,
      .bar.tip rect {
        stroke: #f0a500;
        stroke-width: 3px;
      }
      .tooltip {
        position: absolute;
        left: var(--tip-x, 0);
        top: var(--tip-y, 0);
        transform: translateY(-100%);
        max-width: 22rem;
        background: #1b1f24;
        color: #fff;
        border-radius: 4px;
        padding: 4px 8px;
        font-size: 0.85rem;
        z-index: 1;
      }
      .legend {
        display: flex;
        gap: 16px;
        list-style: none;
        margin: 0 0 4px;
        padding: 0;
        font-size: 0.85rem;
      }
      .swatch {
        display: inline-block;
        width: 12px;
        height: 12px;
        margin-right: 4px;
        vertical-align: -1px;
      }
      .swatch.s0 {
        background: #1f5fbf;
      }
      .swatch.s1 {
        background: #7a4fb0;
      }
    `,
  ]
  static override properties: PropertyDeclarations = {
    rows: { attribute: false },
    label: {},
    help: {},
    max: { attribute: false },
    legend: { attribute: false },
    active: { state: true },
    tip: { state: true },
  }

  rows: ChartRow[] = []
  /** The chart's name (its heading's words). */
  label = ''
  /** How to move between the bars, for screen readers. */
  help = ''
  max: number | null = null
  legend: [string, string] | null = null
  /** The bar that takes the Tab stop. */
  private active = 0
  /** The bar whose tooltip shows, if any. */
  private tip: number | null = null
  private layout: Layout = layoutChart([], null)
  private bars: PlacedBar[] = []

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('rows') && !changed.has('max')) return
    this.layout = layoutChart(this.rows, this.max)
    this.bars = this.layout.rows.flatMap((r) => r.bars)
    if (this.active >= this.bars.length) this.active = 0
  }

  /** Moves the Tab stop (and the focus) to a bar. */
  private focusBar(index: number) {
    const last = this.bars.length - 1
    this.active = Math.max(0, Math.min(last, index))
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<SVGGElement>(`[data-index="${this.active}"]`)?.focus(),
    )
  }

  private onKeydown(event: KeyboardEvent) {
    const from = this.active
    let to: number | undefined
    if (NEXT.includes(event.key)) to = from + 1
    else if (PREVIOUS.includes(event.key)) to = from - 1
    else if (event.key === 'Home') to = 0
    else if (event.key === 'End') to = this.bars.length - 1
    else if (event.key === 'Escape') this.tip = null
    if (to === undefined) return
    event.preventDefault()
    this.focusBar(to)
  }

  private indexOf(event: Event): number | null {
    const bar = (event.target as Element).closest?.('[data-index]')
    return bar ? Number(bar.getAttribute('data-index')) : null
  }

  private onFocusIn(event: FocusEvent) {
    const index = this.indexOf(event)
    if (index === null) return
    this.active = index
    this.tip = index
  }

  private onPointerLeave() {
    const focused = this.renderRoot.querySelector(':focus')
    this.tip = focused ? Number(focused.getAttribute('data-index')) : null
  }

  /** Puts the tooltip above the start of its bar. */
  protected override updated(): void {
    if (this.tip === null) return
    const rect = this.renderRoot.querySelector(`[data-index="${this.tip}"] rect`)
    const box = this.renderRoot.querySelector('.chart')
    const tooltip = this.renderRoot.querySelector<HTMLElement>('.tooltip')
    if (!rect || !box || !tooltip) return
    const r = rect.getBoundingClientRect()
    const b = box.getBoundingClientRect()
    tooltip.style.setProperty('--tip-x', `${Math.max(0, r.left - b.left)}px`)
    tooltip.style.setProperty('--tip-y', `${r.top - b.top - 4}px`)
  }

  private renderBar(bar: PlacedBar) {
    const classes = `bar s${bar.series}${this.tip === bar.index ? ' tip' : ''}`
    return svg`<g
      class=${classes}
      role="img"
      data-index=${bar.index}
      tabindex=${bar.index === this.active ? 0 : -1}
      @pointerenter=${() => (this.tip = bar.index)}
    >
      <title>${bar.name}</title>
      <rect x=${bar.x} y=${bar.y} width=${bar.width} height=${bar.height} rx="2"></rect>
      <text x=${bar.textX} y=${bar.textY} dominant-baseline="central" aria-hidden="true">
        ${bar.text}
      </text>
    </g>`
  }

  override render() {
    const layout = this.layout
    const tip = this.tip === null ? undefined : this.bars[this.tip]
    return html`${
        this.legend
          ? html`<ul class="legend">
              ${this.legend.map(
                (name, i) => html`<li><span class="swatch s${i}"></span>${name}</li>`,
              )}
            </ul>`
          : nothing
      }
      <p id="help" class="visually-hidden">${this.help}</p>
      <div class="chart" @pointerleave=${this.onPointerLeave}>
        <svg
          viewBox="0 0 ${WIDTH} ${layout.height}"
          role="group"
          tabindex="-1"
          aria-label=${this.label}
          aria-describedby="help"
          @keydown=${this.onKeydown}
          @focusin=${this.onFocusIn}
          @focusout=${() => (this.tip = null)}
        >
          ${layout.rows.map(
            (row) =>
              svg`<text x=${LABEL_END} y=${row.labelY} text-anchor="end" dominant-baseline="central" aria-hidden="true">${row.label}</text>
              ${row.bars.map((bar) => this.renderBar(bar))}`,
          )}
        </svg>
        ${
          tip
            ? html`<div class="tooltip" role="tooltip" aria-hidden="true">${tip.name}</div>`
            : nothing
        }
      </div>`
  }
}

define('leadline-bar-chart', LeadlineBarChart)

declare global {
  interface HTMLElementTagNameMap {
    'leadline-bar-chart': LeadlineBarChart
  }
}
