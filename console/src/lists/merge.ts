/**
 * Merging contacts (`POST /admin/api/contacts/:id/merge`), from the duplicates on the contacts
 * list and from a contact's page: the call and the confirm dialog that says what happens.
 */
import { html, type TemplateResult } from 'lit'
import type { Contact, ContactMerged } from '../../../contract'
import type { AdminApi, ApiFailure, ApiResult } from '../api'
import type { ListsMessages } from '../i18n/lists'
import type { Messages } from '../i18n/tr'
import { explain } from '../localize'
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
    @cancel=${(e: Event) => {
      e.preventDefault()
      onCancel()
    }}
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
