/** The live totals block of the quote editor: subtotal, discount, tax per rate and the total. */
import { html, nothing } from 'lit'
import type { Locale } from '../../../contract'
import type { QuotesMessages } from '../i18n/quotes'
import type { LiveTotals } from './draft'
import { formatRate } from './money'

export function renderTotals(
  t: QuotesMessages['editor'],
  locale: Locale,
  live: LiveTotals,
  money: (minor: number) => string,
) {
  const totals = live.totals
  const skipped = live.byLine.filter((l) => l === null).length
  return html`<section class="totals" aria-labelledby="totals-h">
    <h5 id="totals-h">${t.totals}</h5>
    ${
      totals
        ? html`<dl>
            <dt>${t.subtotal}</dt>
            <dd data-total="subtotal">${money(totals.subtotalMinor)}</dd>
            <dt>${t.discountTotal}</dt>
            <dd data-total="discount">${money(totals.discountMinor)}</dd>
            <dt>${t.net}</dt>
            <dd data-total="net">${money(totals.netMinor)}</dd>
            ${totals.taxes.map(
              (tax) =>
                html`<dt>${t.taxAt(formatRate(locale, tax.rateBps), money(tax.baseMinor))}</dt>
                  <dd data-tax=${tax.rateBps}>${money(tax.taxMinor)}</dd>`,
            )}
            <dt>${t.total}</dt>
            <dd><output data-total="total">${money(totals.totalMinor)}</output></dd>
          </dl>`
        : html`<p class="error">${t.tooLarge}</p>`
    }
    ${skipped ? html`<p class="hint">${t.skipped(skipped)}</p>` : nothing}
  </section>`
}
