/**
 * The scaffolding the list-and-editor settings sections share (templates, sequences, webhooks):
 * the list of stored items with its "none" line and add button, a confirmation group before a
 * destructive action, the editor's save/close/archive buttons, a section-wide issue line, and
 * the create-or-update call.
 */
import { html, nothing, type TemplateResult } from 'lit'
import type { AdminApi, ApiResult } from '../../api'

export interface ItemListOptions<T extends { id: string; name: string }> {
  /** The `<ul class="rows" data-…>` around the rows (Lit binds no attribute names). */
  list: (rows: unknown) => TemplateResult
  items: readonly T[]
  /** Shown under an empty list (`none`); the add button's text (`add`). */
  t: { none: string; add: string }
  /** The add button's id. */
  addId: string
  /** Opens the editor on an item, or on a new one (`new`). */
  open: (id: string | 'new') => void
  /** What one `<li>` shows before its edit button. */
  row: (item: T) => TemplateResult
  /** The edit button's text (the item's name is read after it). */
  edit: (item: T) => string
}

/** The stored items as rows, each with an edit button named for it; "none" and the add button. */
export function renderItemList<T extends { id: string; name: string }>(
  o: ItemListOptions<T>,
): TemplateResult {
  const add = () => o.open('new')
  return html`${o.list(
      o.items.map(
        (x) =>
          html`<li class="row row-head">
            ${o.row(x)}
            <button type="button" class="small secondary" @click=${() => o.open(x.id)}>
              ${o.edit(x)}<span class="visually-hidden"> ${x.name}</span>
            </button>
          </li>`,
      ),
    )}
    ${o.items.length ? nothing : html`<p class="meta">${o.t.none}</p>`}
    <div class="actions">
      <button type="button" class="secondary" id=${o.addId} @click=${add}>${o.t.add}</button>
    </div>`
}

export interface ConfirmOptions {
  /** The group's id stem: the question is `${id}-q`, the yes button `${id}-yes`. */
  id: string
  question: string
  yes: string
  cancel: string
  onYes: () => void
  onCancel: () => void
}

/** A question with a yes and a cancel button, asked before a destructive action. */
export function renderConfirm(o: ConfirmOptions): TemplateResult {
  return html`<div class="actions" role="group" aria-labelledby="${o.id}-q">
    <span id="${o.id}-q">${o.question}</span>
    <button type="button" class="danger" id="${o.id}-yes" @click=${o.onYes}>${o.yes}</button>
    <button type="button" class="secondary" @click=${o.onCancel}>${o.cancel}</button>
  </div>`
}

export interface EditorActionsOptions {
  t: { save: string; close: string; archive: string; archiveYes: string; cancel: string }
  /** Whether the item is stored (only a stored one can be archived). */
  stored: boolean
  /** Whether the archiving is being confirmed (the question shows instead of the button). */
  confirming: boolean
  /** The archive button's id, and the id stem of its confirmation (see `renderConfirm`). */
  archiveId: string
  /** The question asked before archiving. */
  question: string
  onClose: () => void
  onArchive: () => void
  /** The archiving confirmed, or not. */
  onYes: () => void
  onCancel: () => void
}

/** Save, close, and archive; once archive is pressed, the question that confirms it. */
export function renderEditorActions(o: EditorActionsOptions): TemplateResult {
  return html`<div class="actions">
      <button type="submit">${o.t.save}</button>
      <button type="button" class="secondary" @click=${o.onClose}>${o.t.close}</button>
      ${
        o.stored && !o.confirming
          ? html`<button type="button" class="danger" id=${o.archiveId} @click=${o.onArchive}>
              ${o.t.archive}
            </button>`
          : nothing
      }
    </div>
    ${
      o.confirming
        ? renderConfirm({
            id: o.archiveId,
            question: o.question,
            yes: o.t.archiveYes,
            cancel: o.t.cancel,
            onYes: o.onYes,
            onCancel: o.onCancel,
          })
        : nothing
    }`
}

/** The API's issues for a whole group (the steps, the events), above it; nothing without any. */
export function renderIssueLine(issues: readonly string[]) {
  return issues.length ? html`<p class="issue">${issues.join(' ')}</p>` : nothing
}

/**
 * Creates (`POST path`) when `id` is `new`, else updates (`method path/:id`) with `body`.
 *
 * @example
 * const res = await upsert<Template>(api, '/templates', id, draft)
 */
export function upsert<T>(
  api: AdminApi,
  path: string,
  id: string,
  body: unknown,
  method: 'PUT' | 'PATCH' = 'PUT',
): Promise<ApiResult<T>> {
  return id === 'new'
    ? api.call<T>(path, { method: 'POST', body: JSON.stringify(body) })
    : api.call<T>(`${path}/${encodeURIComponent(id)}`, { method, body: JSON.stringify(body) })
}

export interface RowButtonsOptions {
  /** The row's id stem: the buttons are `${id}-up` and `${id}-down`. */
  id: string
  index: number
  count: number
  /** The row's name, read after each button's text. */
  name: string
  t: { up: string; down: string; remove: string }
  /** The remove button's id, when it has one. */
  removeId?: string
  move: (index: number, delta: number) => void
  remove: (index: number) => void
}

/** Up, down and remove for a row of an ordered list (the only row cannot be removed). */
export function renderRowButtons(o: RowButtonsOptions): TemplateResult {
  const i = o.index
  return html`<button
      type="button"
      class="small secondary"
      id="${o.id}-up"
      ?disabled=${i === 0}
      @click=${() => o.move(i, -1)}
    >
      ${o.t.up}<span class="visually-hidden"> ${o.name}</span>
    </button>
    <button
      type="button"
      class="small secondary"
      id="${o.id}-down"
      ?disabled=${i === o.count - 1}
      @click=${() => o.move(i, 1)}
    >
      ${o.t.down}<span class="visually-hidden"> ${o.name}</span>
    </button>
    <button
      type="button"
      class="small danger"
      id=${o.removeId ?? nothing}
      ?disabled=${o.count === 1}
      @click=${() => o.remove(i)}
    >
      ${o.t.remove}<span class="visually-hidden"> ${o.name}</span>
    </button>`
}
