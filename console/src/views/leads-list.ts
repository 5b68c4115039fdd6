/**
 * `<leadline-leads-list>`: every lead of the store, filtered by stage, status, owner and a
 * search (name, e-mail, company), sorted by the API's allowlist and paged by keyset cursor
 * (`GET /admin/api/leads`). The filters and the page live in the address, so a reload or a
 * shared link shows the same list.
 */
import { html, type PropertyDeclarations, type PropertyValues } from 'lit'
import {
  LEAD_SORTS,
  LeadListQuerySchema,
  STAGES,
  type LeadListItem,
  type TeamMember,
} from '../../../contract'
import { daysSince } from '../board-data'
import { define } from '../define'
import { listsText } from '../i18n/lists'
import { ListController } from '../lists/list-controller'
import { ownerName, personName } from '../lists/format'
import {
  filterBar,
  listStatus,
  listTable,
  ownerField,
  pager,
  searchField,
  selectField,
} from '../lists/parts'
import { listStyles } from '../lists/styles'
import { loadTeam } from '../lists/team'
import { formatDate, formatMoney, messages } from '../localize'
import { base } from '../styles'
import { ConsoleView } from '../view'

const { stage, status, owner, q, sort, order } = LeadListQuerySchema.entries
const FILTERS = { q, stage, status, owner, sort, order }
const NAMES = Object.keys(FILTERS)

export class LeadlineLeadsList extends ConsoleView {
  static override styles = [base, listStyles]
  static override properties: PropertyDeclarations = { team: { state: true } }

  private team: TeamMember[] = []
  private readonly list = new ListController<LeadListItem>(this, {
    path: '/leads',
    schemas: FILTERS,
    limit: 25,
  })

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) void loadTeam(this.api).then((team) => (this.team = team))
  }

  private get t() {
    return listsText[this.locale]
  }

  private renderRow(lead: LeadListItem) {
    const t = this.t
    const company = lead.contact.company
    const name = personName(lead.contact, t.noName)
    return html`<tr>
      <td>
        <a href=${`/admin/leads/${encodeURIComponent(lead.id)}`}>${name}</a>
        ${company && company !== name ? html`<span class="sub">${company}</span>` : ''}
      </td>
      <td>${t.stages[lead.stage]}</td>
      <td>${t.statuses[lead.status]}</td>
      <td>${ownerName(t, lead.ownerId, this.team)}</td>
      <td class="num">${formatMoney(this.locale, lead.valueMinor, lead.currency)}</td>
      <td class="num">${lead.score ?? t.none}</td>
      <td class="num">
        ${lead.status === 'open' ? t.days(daysSince(lead.stageEnteredAt, Date.now())) : t.none}
      </td>
      <td>${formatDate(this.locale, lead.createdAt)}</td>
    </tr>`
  }

  override render() {
    const t = this.t
    const l = t.leads
    const f = this.list.filters
    return html`<section aria-labelledby="leads-h" aria-busy=${this.list.loading}>
      <h2 id="leads-h">${l.heading}</h2>
      ${filterBar(
        t,
        this.list,
        NAMES,
        html`${searchField('q', l.searchLabel, f.q)}
        ${selectField('stage', l.stage, f.stage, [
          ['', t.all],
          ...STAGES.map((s) => [s, t.stages[s]] as const),
        ])}
        ${selectField('status', l.status, f.status, [
          ['', t.all],
          ['open', t.statuses.open],
          ['won', t.statuses.won],
          ['lost', t.statuses.lost],
        ])}
        ${ownerField(t, f.owner, this.me, this.team, true)}
        ${selectField(
          'sort',
          t.sort,
          f.sort,
          LEAD_SORTS.map((s) => [s, l.sorts[s]] as const),
        )}
        ${selectField('order', t.order, f.order, [
          ['desc', t.orders.desc],
          ['asc', t.orders.asc],
        ])}`,
      )}
      ${listStatus(t, this.list, l.empty, messages(this.locale))}
      ${listTable(l.caption, l.cols, this.list.page?.items, (lead) => this.renderRow(lead))}
      ${pager(t, this.list)}
    </section>`
  }
}

define('leadline-leads-list', LeadlineLeadsList)
