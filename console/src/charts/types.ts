/** What the chart element and the data tables draw: plain data, built by the analytics shaping. */

/** One bar: its length, the short text drawn beside it, and the whole sentence a person hears. */
export interface ChartBar {
  value: number
  /** Drawn at the end of the bar, so the number never depends on colour. */
  text: string
  /** The bar's accessible name, its SVG `<title>` and its tooltip: complete on its own. */
  name: string
  /** 0 or 1: which of a chart's two series (the legend says which is which). */
  series: 0 | 1
}

/** A labelled row of one bar, or two side by side (weighted and best case, median and p90). */
export interface ChartRow {
  label: string
  bars: ChartBar[]
}

export interface TableData {
  caption: string
  /** Column headings; the first names the row headings' column. */
  head: string[]
  rows: { head: string; cells: string[] }[]
}

/** A chart with its table, or the words to show instead when there is nothing to draw. */
export interface ChartSpec {
  key: string
  title: string
  rows: ChartRow[]
  /** The two series' names, when the rows hold two bars. */
  legend: [string, string] | null
  /** The largest value a bar may reach (1 for ratios); else the largest bar. */
  max: number | null
  table: TableData
  empty: string | null
}
