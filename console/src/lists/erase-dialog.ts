/**
 * The erase dialog of a contact's page (`#erase-dialog`, owners only): it says what is removed
 * and what is kept, and asks for the contact's e-mail (or a confirm word) and a reason.
 */
import { html, type TemplateResult } from 'lit'
import type { Contact } from '../../../contract'
import type { ListsMessages } from '../i18n/lists'
import { confirmsErase, eraseWord } from './contact-form'
import { escapeCancels } from './dialog'
import { personName } from './format'

/**
 * Checks the dialog's form with the browser's constraint validation (the word typed, a reason)
 * and reports it; the trimmed reason when both are right.
 */
export function checkedReason(
  t: ListsMessages,
  form: HTMLFormElement,
  contact: Contact,
): string | undefined {
  const e = t.erase
  const typed = form.querySelector<HTMLInputElement>('#erase-confirm')!
  const reason = form.querySelector<HTMLTextAreaElement>('#erase-reason')!
  const word = eraseWord(contact, e.word)
  typed.setCustomValidity(confirmsErase(typed.value, word) ? '' : e.mismatch(word))
  reason.setCustomValidity(reason.value.trim() ? '' : e.reasonMissing)
  return form.reportValidity() ? reason.value.trim() : undefined
}

/** The dialog; open it with `showModal()`. `error` is the outcome line (erasing, failed). */
export function eraseDialog(
  t: ListsMessages,
  contact: Contact,
  error: string,
  on: { submit: (event: SubmitEvent) => void; cancel: () => void },
): TemplateResult {
  const e = t.erase
  const word = eraseWord(contact, e.word)
  return html`<dialog
    id="erase-dialog"
    aria-labelledby="erase-h"
    aria-describedby="erase-undo erase-removed erase-kept"
    @cancel=${escapeCancels(on.cancel)}
  >
    <form novalidate @submit=${on.submit}>
      <h3 id="erase-h">${e.heading(personName(contact, t.noName))}</h3>
      <p id="erase-undo"><strong>${e.cannotUndo}</strong></p>
      <p id="erase-removed">${e.removed}</p>
      <p id="erase-kept">${e.kept}</p>
      <div class="field">
        <label for="erase-confirm">${e.confirmLabel(word)}</label>
        <input
          id="erase-confirm"
          autocomplete="off"
          @input=${(ev: Event) => (ev.target as HTMLInputElement).setCustomValidity('')}
        />
      </div>
      <div class="field">
        <label for="erase-reason">${e.reason}</label>
        <textarea
          id="erase-reason"
          maxlength="500"
          @input=${(ev: Event) => (ev.target as HTMLTextAreaElement).setCustomValidity('')}
        ></textarea>
      </div>
      <p role="status" class="error">${error}</p>
      <div class="actions">
        <button type="button" class="secondary" @click=${on.cancel}>${e.cancel}</button>
        <button type="submit" class="danger">${e.confirm}</button>
      </div>
    </form>
  </dialog>`
}
