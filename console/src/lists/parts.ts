/**
 * Pieces of markup every list has: a labelled select, the filter bar (selects apply at once,
 * the search box on Enter), the results line announced politely, the failure in plain words with
 * a retry, and the pager (Previous / Next over keyset cursors).
 */
import { html, nothing, type TemplateResult } from 'lit'
import type { Me, TeamMember } from '../../../contract'
import type { ListsMessages } from '../i18n/lists'
import type { Messages } from '../i18n/tr'
import { explain } from '../localize'
import { ownerChoices } from './format'
import type { ListController } from './list-controller'
import { formFilters, pageNumber } from './url'

/** A `<select>` with its label; `options` are `[value, label]`, '' for "all". */
export function selectField(
  id: string,
  label: string,
  value: string | undefined,
  options: readonly (readonly [string, string])[],
): TemplateResult {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} name=${id}>
      ${options.map(
        ([v, l]) => html`<option value=${v} ?selected=${(value ?? '') === v}>${l}</option>`,
      )}
    </select>
  </div>`
}

/** The owner select: all, me, each teammate and, with `unassigned`, nobody (`none`). */
export function ownerField(
  m: ListsMessages,
  value: string | undefined,
  me: Me | undefined,
  team: TeamMember[],
  unassigned: boolean,
): TemplateResult {
  const owners = ownerChoices(m, me, team).map((o) => [o.id, o.label] as const)
  return selectField('owner', m.owner, value, [
    ['', m.all],
    ...owners,
    ...(unassigned ? [['none', m.unassigned] as const] : []),
  ])
}

/** A search box with its label; its value applies on Enter (or the Apply button). */
export function searchField(id: string, label: string, value: string | undefined) {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input id=${id} name=${id} type="search" maxlength="100" value=${value ?? ''} />
  </div>`
}

/**
 * The filter bar: the fields' names are the API's query parameters. A select applies as soon as
 * it changes; typing applies on Enter. "Clear" shows the first page without filters.
 */
export function filterBar(
  m: ListsMessages,
  list: ListController<unknown>,
  names: readonly string[],
  fields: TemplateResult,
): TemplateResult {
  const apply = (form: HTMLFormElement) => list.apply(formFilters(new FormData(form), names))
  return html`<form
    class="filters"
    role="search"
    aria-label=${m.filters}
    @submit=${(e: SubmitEvent) => {
      e.preventDefault()
      void apply(e.currentTarget as HTMLFormElement)
    }}
    @change=${(e: Event) => {
      if (e.target instanceof HTMLSelectElement) void apply(e.currentTarget as HTMLFormElement)
    }}
  >
    ${fields}
    <button type="submit">${m.apply}</button>
    <button
      type="button"
      class="secondary"
      @click=${async (e: Event) => {
        const form = (e.currentTarget as HTMLElement).closest('form')!
        await list.apply({})
        form.reset()
      }}
    >
      ${m.clear}
    </button>
  </form>`
}

/**
 * The results line (a polite status) and, when the last load failed, why (in the shell's words,
 * `shell`) and a way on.
 */
export function listStatus(
  m: ListsMessages,
  list: ListController<unknown>,
  empty: string,
  shell: Messages,
): TemplateResult {
  const why = list.failure ? explain(shell, list.failure) : ''
  const page = list.page
  const status = list.loading
    ? m.loading
    : page && !list.failure
      ? page.items.length
        ? m.results(page.items.length, pageNumber(list.paging), page.nextCursor !== null)
        : empty
      : ''
  return html`<p id="results" role="status" class="meta">${status}</p>
    <div role="alert" class="error">${list.failure ? m.loadFailed(why) : ''}</div>
    ${
      list.failure
        ? html`<div class="bar">
            <button type="button" class="secondary" @click=${() => list.load()}>${m.retry}</button>
            ${
              list.paging.cursor
                ? html`<button
                    type="button"
                    class="secondary"
                    @click=${() => list.apply(list.filters)}
                  >
                    ${m.firstPage}
                  </button>`
                : nothing
            }
          </div>`
        : nothing
    }`
}

/**
 * Previous and Next. They stay focusable when there is no such page (`aria-disabled`), so the
 * focus never falls off a button that just became useless.
 */
export function pager(m: ListsMessages, list: ListController<unknown>): TemplateResult {
  const hasPrevious = list.paging.cursor !== null
  const hasNext = Boolean(list.page?.nextCursor)
  return html`<nav class="bar" aria-label=${m.pager}>
    <button
      type="button"
      class="secondary"
      data-page="previous"
      aria-disabled=${hasPrevious ? 'false' : 'true'}
      @click=${() => hasPrevious && list.previous()}
    >
      ${m.previous}
    </button>
    <button
      type="button"
      class="secondary"
      data-page="next"
      aria-disabled=${hasNext ? 'false' : 'true'}
      @click=${() => hasNext && list.next()}
    >
      ${m.next}
    </button>
  </nav>`
}

/** The page's rows as a captioned table with a header per column; nothing on an empty page. */
export function listTable<T>(
  caption: string,
  cols: Record<string, string>,
  items: readonly T[] | undefined,
  row: (item: T, index: number) => TemplateResult,
): TemplateResult | string {
  return items?.length
    ? html`<div class="table-wrap">
        <table>
          <caption>
            ${caption}
          </caption>
          <thead>
            <tr>
              ${Object.values(cols).map((c) => html`<th scope="col">${c}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${items.map(row)}
          </tbody>
        </table>
      </div>`
    : ''
}
