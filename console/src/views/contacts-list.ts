/**
 * `<leadline-contacts-list>`: the store's contacts (`GET /admin/api/contacts`) searched, filtered
 * by tag and owner and paged by keyset cursor, with the filters and page in the address; the
 * matching contacts exported as CSV or NDJSON (`GET …/contacts/export`, a Blob download link);
 * and the possible duplicates (`GET …/contacts/duplicates`) merged after a confirm dialog.
 */
import { html, type PropertyDeclarations, type PropertyValues } from 'lit'
import {
  ContactListQuerySchema,
  type Contact,
  type DuplicateGroup,
  type Duplicates,
  type TeamMember,
} from '../../../contract'
import { define } from '../define'
import { listsText } from '../i18n/lists'
import { fileUrl } from '../files'
import { personName } from '../lists/format'
import { ListController } from '../lists/list-controller'
import { mergeContacts, mergeDialog, mergeFailure, planNames, type MergePlan } from '../lists/merge'
import { takeNotice } from '../lists/notice'
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
import { withQuery } from '../lists/url'
import { explain, formatDate, messages } from '../localize'
import { base } from '../styles'
import { ConsoleView } from '../view'

const { q, tag, owner } = ContactListQuerySchema.entries
const FILTERS = { q, tag, owner }
const NAMES = Object.keys(FILTERS)

export class LeadlineContactsList extends ConsoleView {
  static override styles = [base, listStyles]
  static override properties: PropertyDeclarations = {
    team: { state: true },
    notice: { state: true },
    exportState: { state: true },
    file: { state: true },
    dups: { state: true },
    dupState: { state: true },
    plan: { state: true },
  }

  private team: TeamMember[] = []
  /** The outcome of the last action (an export, a merge, an erase on the contact page). */
  private notice = ''
  private exportState: { busy: boolean; error: string } = { busy: false, error: '' }
  private file: { url: string; name: string } | undefined
  private dups: DuplicateGroup[] | undefined
  private dupState: { busy: boolean; error: string } = { busy: false, error: '' }
  private plan: MergePlan | undefined
  private readonly list = new ListController<Contact>(this, {
    path: '/contacts',
    schemas: FILTERS,
    limit: 25,
  })

  private get t() {
    return listsText[this.locale]
  }

  private get m() {
    return messages(this.locale)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) void loadTeam(this.api).then((team) => (this.team = team))
  }

  protected override firstUpdated(): void {
    const notice = takeNotice()
    // After the status line is in the page, so it is announced.
    if (notice) requestAnimationFrame(() => (this.notice = notice(this.t)))
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    if (this.file) URL.revokeObjectURL(this.file.url)
    this.file = undefined
  }

  private async exportFile(event: SubmitEvent) {
    event.preventDefault()
    const api = this.api
    if (!api || this.exportState.busy) return
    const data = new FormData(event.currentTarget as HTMLFormElement)
    const format = data.get('format') === 'ndjson' ? 'ndjson' : 'csv'
    const filters = { ...this.list.filters, format, separator: String(data.get('separator')) }
    this.exportState = { busy: true, error: '' }
    this.notice = this.t.contacts.exporting
    const result = await api.file(withQuery('/contacts/export', filters), `contacts.${format}`)
    if (!result.ok) {
      this.notice = ''
      this.exportState = {
        busy: false,
        error: this.t.contacts.exportFailed(explain(this.m, result)),
      }
      return
    }
    this.file = { url: fileUrl(result.value, this.file?.url), name: result.value.name }
    this.exportState = { busy: false, error: '' }
    this.notice = this.t.contacts.exportReady
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>('#download')?.focus()
  }

  private async findDuplicates() {
    const api = this.api
    if (!api) return
    this.dupState = { busy: true, error: '' }
    const result = await api.call<Duplicates>('/contacts/duplicates')
    if (!result.ok) {
      this.dupState = { busy: false, error: this.t.contacts.dupFailed(explain(this.m, result)) }
      return
    }
    this.dups = result.value.items
    this.dupState = { busy: false, error: '' }
  }

  private async askMerge(event: SubmitEvent, group: DuplicateGroup) {
    event.preventDefault()
    const keep = new FormData(event.currentTarget as HTMLFormElement).get('keep')
    const into = group.contacts.find((c) => c.id === keep) ?? group.contacts[0]!
    this.plan = { into, from: group.contacts.filter((c) => c !== into) }
    await this.updateComplete
    this.renderRoot.querySelector('dialog')!.showModal()
  }

  private cancelMerge() {
    this.renderRoot.querySelector('dialog')?.close()
    this.plan = undefined
  }

  private async confirmMerge() {
    const plan = this.plan
    const api = this.api
    if (!plan || !api) return
    this.renderRoot.querySelector('dialog')?.close()
    this.plan = undefined
    this.notice = this.t.merge.merging
    const result = await mergeContacts(api, plan)
    const names = planNames(this.t, plan)
    this.notice = result.ok ? this.t.merge.done(names.from, names.into) : ''
    this.dupState = { busy: false, error: result.ok ? '' : mergeFailure(this.t, this.m, result) }
    await Promise.all([this.findDuplicates(), this.list.load()])
    this.renderRoot.querySelector<HTMLElement>('#dups-h')?.focus()
  }

  private renderRow(contact: Contact) {
    const t = this.t
    return html`<tr>
      <td>
        <a href=${`/admin/contacts/${encodeURIComponent(contact.id)}`}
          >${personName({ name: contact.name, email: contact.email }, t.noName)}</a
        >
      </td>
      <td>${contact.email ?? t.none}</td>
      <td>${contact.phone ?? t.none}</td>
      <td>${contact.company ?? t.none}</td>
      <td>${contact.tags.length ? contact.tags.join(', ') : t.none}</td>
      <td>${formatDate(this.locale, contact.createdAt)}</td>
    </tr>`
  }

  private renderExport() {
    const c = this.t.contacts
    return html`<section class="panel" aria-labelledby="export-h">
      <h3 id="export-h">${c.exportHeading}</h3>
      <p class="help">${c.exportHelp}</p>
      <form class="filters" @submit=${this.exportFile}>
        ${selectField('format', c.format, 'csv', [
          ['csv', c.formats.csv],
          ['ndjson', c.formats.ndjson],
        ])}
        ${selectField('separator', c.separator, this.locale === 'tr' ? 'semicolon' : 'comma', [
          ['semicolon', c.separators.semicolon],
          ['comma', c.separators.comma],
        ])}
        <button type="submit" aria-disabled=${this.exportState.busy}>${c.export}</button>
      </form>
      <div role="alert" class="error">${this.exportState.error}</div>
      ${
        this.file
          ? html`<p>
              <a id="download" href=${this.file.url} download=${this.file.name}
                >${c.download(this.file.name)}</a
              >
            </p>`
          : ''
      }
    </section>`
  }

  private renderGroup(group: DuplicateGroup, index: number) {
    const c = this.t.contacts
    return html`<form @submit=${(e: SubmitEvent) => this.askMerge(e, group)}>
      <fieldset>
        <legend>${c.dupReason(group.reason, group.key, group.score)}</legend>
        <p class="meta">${c.keep}</p>
        ${group.contacts.map(
          (contact, i) =>
            html`<div>
              <input
                type="radio"
                name="keep"
                id=${`keep-${index}-${i}`}
                value=${contact.id}
                ?checked=${i === 0}
              />
              <label for=${`keep-${index}-${i}`}>
                ${[
                  personName(contact, this.t.noName),
                  contact.email ?? contact.phone,
                  formatDate(this.locale, contact.createdAt),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </label>
            </div>`,
        )}
        <button type="submit">${c.mergeGroup}</button>
      </fieldset>
    </form>`
  }

  private renderDuplicates() {
    const c = this.t.contacts
    const { busy, error } = this.dupState
    const dups = this.dups
    return html`<section class="panel" aria-labelledby="dups-h">
      <h3 id="dups-h" tabindex="-1">${c.dupHeading}</h3>
      <p class="help">${c.dupHelp}</p>
      <button type="button" class="secondary" @click=${this.findDuplicates}>${c.dupShow}</button>
      <p role="status" class="meta">
        ${busy ? c.dupLoading : dups ? (dups.length ? c.dupFound(dups.length) : c.dupNone) : ''}
      </p>
      <div role="alert" class="error">${error}</div>
      ${dups?.map((g, i) => this.renderGroup(g, i))}
    </section>`
  }

  override render() {
    const t = this.t
    const c = t.contacts
    const f = this.list.filters
    return html`<section aria-labelledby="contacts-h" aria-busy=${this.list.loading}>
        <h2 id="contacts-h">${c.heading}</h2>
        <p role="status" class="notice">${this.notice}</p>
        ${filterBar(
          t,
          this.list,
          NAMES,
          html`${searchField('q', c.searchLabel, f.q)}
            <div class="field">
              <label for="tag">${c.tag}</label>
              <input id="tag" name="tag" maxlength="40" value=${f.tag ?? ''} />
            </div>
            ${ownerField(t, f.owner, this.me, this.team, false)}`,
        )}
        ${listStatus(t, this.list, c.empty, this.m)}
        ${listTable(c.caption, c.cols, this.list.page?.items, (contact) => this.renderRow(contact))}
        ${pager(t, this.list)}
      </section>
      ${this.renderExport()} ${this.renderDuplicates()}
      ${mergeDialog(
        t,
        this.plan,
        () => this.confirmMerge(),
        () => this.cancelMerge(),
      )}`
  }
}

define('leadline-contacts-list', LeadlineContactsList)
