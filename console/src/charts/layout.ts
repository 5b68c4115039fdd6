/**
 * Where the bars of a horizontal bar chart go, in the SVG's own units (the SVG scales to its
 * box): a column of row labels, the bars, and room after each bar for its number. Pure.
 */
import type { ChartBar, ChartRow } from './types'

export const WIDTH = 640
/** Row labels end here (drawn right-aligned). */
export const LABEL_END = 168
const BAR_START = 176
/** What is left for the text after the longest bar. */
const TEXT_ROOM = 176
const BAR_AREA = WIDTH - BAR_START - TEXT_ROOM
const ROW_GAP = 12
const SINGLE = 24
const DOUBLE = 16
const BETWEEN = 3
/** The shortest bar drawn for a value above zero, so a small number stays visible. */
const MIN_BAR = 2
const LABEL_CHARS = 26

export interface PlacedBar extends ChartBar {
  /** Position among all the chart's bars, in reading order (the roving tabindex walks it). */
  index: number
  x: number
  y: number
  width: number
  height: number
  textX: number
  textY: number
}

export interface PlacedRow {
  label: string
  labelY: number
  bars: PlacedBar[]
}

export interface Layout {
  height: number
  rows: PlacedRow[]
}

/** A label cut to fit its column; the full text stays in the bar's name. */
export function shorten(label: string, max = LABEL_CHARS): string {
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`
}

/**
 * Lays out the rows; bar lengths are relative to `max` (1 for ratios) or, when null, to the
 * largest value in the chart, so bars of different series compare.
 * @example layoutChart([{ label: 'Aday', bars: [bar] }], null).rows[0].bars[0].width
 */
export function layoutChart(rows: ChartRow[], max: number | null): Layout {
  const top = max ?? Math.max(0, ...rows.flatMap((r) => r.bars.map((b) => b.value)))
  let y = ROW_GAP / 2
  let index = 0
  const placed = rows.map((row): PlacedRow => {
    const height = row.bars.length > 1 ? DOUBLE : SINGLE
    const rowTop = y
    const bars = row.bars.map((bar, i): PlacedBar => {
      const by = rowTop + i * (height + BETWEEN)
      const scaled = top > 0 ? (Math.min(bar.value, top) / top) * BAR_AREA : 0
      const width = bar.value > 0 ? Math.max(MIN_BAR, scaled) : 0
      return {
        ...bar,
        index: index++,
        x: BAR_START,
        y: by,
        width,
        height,
        textX: BAR_START + width + 6,
        textY: by + height / 2,
      }
    })
    const rowHeight = row.bars.length * height + (row.bars.length - 1) * BETWEEN
    y += rowHeight + ROW_GAP
    return { label: shorten(row.label), labelY: rowTop + rowHeight / 2, bars }
  })
  return { height: Math.max(y - ROW_GAP / 2, 1), rows: placed }
}
