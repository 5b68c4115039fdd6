/**
 * The pricing section: a real `<table>` of the quote's lines (column headers with `scope`, a
 * caption naming the currency) and a totals table. The totals are computed here from the lines
 * with the same pricing module the worker uses (contract/pricing.ts), so what the visitor reads
 * is what the lines add up to; only if pricing refuses the lines are the server's shown. Under ~600px of the
 * element's width the rows stack (see styles.ts); each cell then shows its column name from
 * `data-label`. `<leadline-invoice>` renders its lines with the same function.
 */
import { html, nothing } from 'lit'
import type { Locale, PublicQuote } from '../../../../contract'
import type { QuoteMessages } from '../../i18n/quote'
import { quoteTotals } from '../../../../contract/pricing'
import { discountText, money, percent, quantity } from './format'

/** The lines' totals by the shared pricing module; the server's when pricing refuses the lines. */
function totalsOf(q: Priced): Priced['totals'] {
  try {
    return quoteTotals(q.lines)
  } catch {
    return q.totals
  }
}

/** What the tables read: a quote's or an invoice's currency, lines and server totals. */
export type Priced = Pick<PublicQuote, 'currency' | 'lines' | 'totals'>
/** The strings the tables use (`<leadline-invoice>` passes its own `itemsCaption`). */
export type LinesMessages = Pick<
  QuoteMessages,
  'itemsCaption' | 'cols' | 'totalsCaption' | 'subtotal' | 'discount' | 'net' | 'taxAt' | 'total'
>

export function renderLines(q: Priced, t: LinesMessages, locale: Locale) {
  const m = (minor: number) => money(minor, q.currency, locale)
  const c = t.cols
  const totals = totalsOf(q)
  return html`<div class="table-wrap">
      <table part="table" class="lines">
        <caption>
          ${t.itemsCaption(q.currency)}
        </caption>
        <thead>
          <tr>
            <th scope="col">${c.name}</th>
            <th scope="col" class="num">${c.quantity}</th>
            <th scope="col">${c.unit}</th>
            <th scope="col" class="num">${c.unitPrice}</th>
            <th scope="col" class="num">${c.discount}</th>
            <th scope="col" class="num">${c.tax}</th>
            <th scope="col" class="num">${c.total}</th>
          </tr>
        </thead>
        <tbody>
          ${q.lines.map(
            (line, i) =>
              html`<tr>
                <th scope="row" data-label=${c.name}>
                  <span class="name">${line.name}</span>
                  ${
                    line.description ? html`<span class="desc">${line.description}</span>` : nothing
                  }
                </th>
                <td class="num" data-label=${c.quantity}>
                  ${quantity(line.quantityMilli, locale)}
                </td>
                <td data-label=${c.unit}>${line.unit}</td>
                <td class="num" data-label=${c.unitPrice}>${m(line.unitPriceMinor)}</td>
                <td class="num" data-label=${c.discount}>
                  ${discountText(line.discount, q.currency, locale)}
                </td>
                <td class="num" data-label=${c.tax}>${percent(line.taxRateBps, locale)}</td>
                <td class="num" data-label=${c.total}>${m(totals.lines[i]?.netMinor ?? 0)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <table part="totals" class="totals">
      <caption>
        ${t.totalsCaption}
      </caption>
      <tbody>
        <tr>
          <th scope="row">${t.subtotal}</th>
          <td class="num">${m(totals.subtotalMinor)}</td>
        </tr>
        ${
          totals.discountMinor
            ? html`<tr>
                  <th scope="row">${t.discount}</th>
                  <td class="num">${m(-totals.discountMinor)}</td>
                </tr>
                <tr>
                  <th scope="row">${t.net}</th>
                  <td class="num">${m(totals.netMinor)}</td>
                </tr>`
            : nothing
        }
        ${totals.taxes.map(
          (tax) =>
            html`<tr>
              <th scope="row">${t.taxAt(percent(tax.rateBps, locale), m(tax.baseMinor))}</th>
              <td class="num">${m(tax.taxMinor)}</td>
            </tr>`,
        )}
        <tr class="grand">
          <th scope="row">${t.total}</th>
          <td class="num">${m(totals.totalMinor)}</td>
        </tr>
      </tbody>
    </table>`
}
