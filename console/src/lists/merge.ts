/**
 * Merging contacts (`POST /admin/api/contacts/:id/merge`), from the duplicates on the contacts
 * list and from a contact's page: the call, the confirm dialog that says what happens, and the
 * contact page's search for someone to merge in.
 */
import { html, nothing, type TemplateResult } from 'lit'
import type { Contact, ContactMerged } from '../../../contract'
import type { AdminApi, ApiFailure, ApiResult } from '../api'
import type { ListsMessages } from '../i18n/lists'
import type { Messages } from '../i18n/tr'
import { explain } from '../localize'
import { escapeCancels } from './dialog'
import { personName } from './format'

export interface MergePlan {
  into: Contact
  from: Contact[]
}

/** Merges each of `from` into `into`, one after the other (each merge is a new version). */
export async function mergeContacts(api: AdminApi, plan: MergePlan): Promise<ApiResult<Contact>> {
  let into = plan.into
  for (const from of plan.from) {
    const merged = await api.call<ContactMerged>(`/contacts/${encodeURIComponent(into.id)}/merge`, {
      method: 'POST',
      body: JSON.stringify({ from: from.id, expectedVersion: into.version }),
    })
    if (!merged.ok) return merged
    into = merged.value.contact
  }
  return { ok: true, value: into }
}

/** Why a merge failed, in words: a conflict asks to look again. */
export const mergeFailure = (t: ListsMessages, m: Messages, failure: ApiFailure): string =>
  failure.code === 'conflict' ? t.merge.conflict : t.merge.failed(explain(m, failure))

/** The names of a plan's contacts, as the dialog and the outcome say them. */
export function planNames(t: ListsMessages, plan: MergePlan) {
  return {
    into: personName(plan.into, t.noName),
    from: plan.from.map((c) => personName(c, t.noName)).join(', '),
  }
}

/**
 * The confirm dialog (`#merge-dialog`): open it with `showModal()`; the focus starts on Cancel,
 * Escape cancels.
 */
export function mergeDialog(
  t: ListsMessages,
  plan: MergePlan | undefined,
  onConfirm: () => void,
  onCancel: () => void,
): TemplateResult {
  const names = plan ? planNames(t, plan) : { into: '', from: '' }
  return html`<dialog
    id="merge-dialog"
    aria-labelledby="merge-h"
    aria-describedby="merge-what merge-after"
    @cancel=${escapeCancels(onCancel)}
  >
    <form
      @submit=${(e: SubmitEvent) => {
        e.preventDefault()
        onConfirm()
      }}
    >
      <h3 id="merge-h">${t.merge.heading(names.into)}</h3>
      <p id="merge-what">${t.merge.what(names.from, names.into)}</p>
      <p id="merge-after">${t.merge.after}</p>
      <div class="actions">
        <button type="button" class="secondary" @click=${onCancel}>${t.merge.cancel}</button>
        <button type="submit">${t.merge.confirm}</button>
      </div>
    </form>
  </dialog>`
}

/**
 * A contact page's "merge someone in": a search (`find` gets the submit) and the people found
 * (`found`, none yet while undefined), each a button that asks to merge them (`pick`).
 */
export function mergeSearch(
  t: ListsMessages,
  found: readonly Contact[] | undefined,
  on: { find: (event: SubmitEvent) => void; pick: (from: Contact) => void },
): TemplateResult {
  const c = t.contact
  return html`<h4>${c.mergeIn}</h4>
    <form class="filters" role="search" @submit=${on.find}>
      ${html`<div class="field">
        <label for="merge-q">${c.mergeSearch}</label>
        <input id="merge-q" name="q" type="search" maxlength="100" required />
      </div>`}
      <button type="submit" class="secondary">${c.mergeFind}</button>
    </form>
    ${
      found
        ? found.length
          ? html`<ul>
              ${found.map(
                (x) =>
                  html`<li>
                    <button type="button" class="secondary" @click=${() => on.pick(x)}>
                      ${c.mergePick(personName(x, t.noName))}
                    </button>
                    ${x.email ?? x.phone ?? ''}
                  </li>`,
              )}
            </ul>`
          : html`<p class="meta">${c.mergeNone}</p>`
        : nothing
    }`
}
