/**
 * `<leadline-deals-list>`: the open deals ranked by impact (`GET /admin/api/deals`), with each
 * deal's probability and where it comes from, the weighted value, the expected close, the days in
 * its stage against the store's usual, the rotting flag and, in words, the reasons the API gives
 * for the rank. Filters (stage, owner, pipeline, sort) and the keyset page live in the address.
 */
import { html, type PropertyDeclarations, type PropertyValues } from 'lit'
import {
  DEAL_SORTS,
  DEAL_STAGES,
  DealListQuerySchema,
  type Deal,
  type Pipeline,
  type TeamMember,
} from '../../../contract'
import { define } from '../define'
import { listsText } from '../i18n/lists'
import { formatPercent, personName, reasonText } from '../lists/format'
import { ListController } from '../lists/list-controller'
import { filterBar, listStatus, listTable, ownerField, pager, selectField } from '../lists/parts'
import { listStyles } from '../lists/styles'
import { loadTeam } from '../lists/team'
import { pageNumber } from '../lists/url'
import { formatDay, formatMoney, messages } from '../localize'
import { base } from '../styles'
import { ConsoleView } from '../view'

const { stage, owner, pipeline, sort } = DealListQuerySchema.entries
const FILTERS = { stage, owner, pipeline, sort }
const NAMES = Object.keys(FILTERS)
const LIMIT = 25

export class LeadlineDealsList extends ConsoleView {
  static override styles = [base, listStyles]
  static override properties: PropertyDeclarations = {
    team: { state: true },
    pipelines: { state: true },
  }

  private team: TeamMember[] = []
  private pipelines: Pipeline[] = []
  private readonly list = new ListController<Deal>(this, {
    path: '/deals',
    schemas: FILTERS,
    limit: LIMIT,
  })

  protected override willUpdate(changed: PropertyValues<this>): void {
    const api = this.api
    if (!changed.has('api') || !api) return
    void loadTeam(api).then((team) => (this.team = team))
    void api.call<{ items: Pipeline[] }>('/pipelines').then((r) => {
      if (r.ok) this.pipelines = r.value.items
    })
  }

  private get t() {
    return listsText[this.locale]
  }

  /** The stage as the deal's pipeline names it, else the standard name. */
  private stageName(deal: Deal): string {
    const p = this.pipelines.find((x) => x.id === deal.pipeline.id)
    return p?.stages[deal.stage].label[this.locale] ?? this.t.stages[deal.stage]
  }

  private renderRow(deal: Deal, rank: number) {
    const t = this.t
    const d = t.deals
    const money = (minor: number) => formatMoney(this.locale, minor, deal.currency)
    const name = personName(deal.contact, t.noName)
    const company = deal.contact.company
    return html`<tr data-lead=${deal.leadId}>
      <td class="num">${rank}</td>
      <td>
        <a href=${`/admin/leads/${encodeURIComponent(deal.leadId)}`}>${name}</a>
        ${company && company !== name ? html`<span class="sub">${company}</span>` : ''}
      </td>
      <td>${this.stageName(deal)}<span class="sub">${deal.pipeline.name}</span></td>
      <td class="num">${money(deal.valueMinor)}</td>
      <td>
        ${formatPercent(this.locale, deal.probability)}
        <span class="sub">${d.source(deal.probabilitySource, deal.probabilitySample)}</span>
      </td>
      <td class="num">${money(deal.weightedMinor)}</td>
      <td>${deal.expectedClose ? formatDay(this.locale, deal.expectedClose) : t.none}</td>
      <td>
        ${d.usual(
          t.days(deal.daysInStage),
          deal.usualDays === null ? null : t.days(deal.usualDays),
        )}
        ${deal.rotting ? html`<span class="sub rot">${d.rotting}</span>` : ''}
      </td>
      <td>
        <ul class="reasons">
          ${deal.reasons.map((r) => html`<li>${reasonText(t, this.locale, r, deal.currency)}</li>`)}
        </ul>
      </td>
    </tr>`
  }

  override render() {
    const t = this.t
    const d = t.deals
    const f = this.list.filters
    const first = (pageNumber(this.list.paging) - 1) * LIMIT
    return html`<section aria-labelledby="deals-h" aria-busy=${this.list.loading}>
      <h2 id="deals-h">${d.heading}</h2>
      <p class="help">${d.intro}</p>
      ${filterBar(
        t,
        this.list,
        NAMES,
        html`${selectField('stage', d.stage, f.stage, [
          ['', t.all],
          ...DEAL_STAGES.map((s) => [s, t.stages[s]] as const),
        ])}
        ${ownerField(t, f.owner, this.me, this.team, true)}
        ${selectField('pipeline', d.pipeline, f.pipeline, [
          ['', t.all],
          ...this.pipelines.map((p) => [p.id, p.name] as const),
        ])}
        ${selectField(
          'sort',
          t.sort,
          f.sort,
          DEAL_SORTS.map((s) => [s, d.sorts[s]] as const),
        )}`,
      )}
      ${listStatus(t, this.list, d.empty, messages(this.locale))}
      ${listTable(d.caption, d.cols, this.list.page?.items, (deal, i) =>
        this.renderRow(deal, first + i + 1),
      )}
      ${pager(t, this.list)}
    </section>`
  }
}

define('leadline-deals-list', LeadlineDealsList)
