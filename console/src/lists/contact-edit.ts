/**
 * The edit form of a contact's page: the fields the API lets a person change, each with its
 * error below it once the page has checked the values (see `contactPatch`).
 */
import { html, nothing, type TemplateResult } from 'lit'
import type { Contact } from '../../../contract'
import type { ListsMessages } from '../i18n/lists'
import { EDIT_FIELDS, editValues, type EditField, type EditValues } from './contact-form'

/** What the form holds, by field. */
export function formValues(form: HTMLFormElement): EditValues {
  const data = new FormData(form)
  return Object.fromEntries(EDIT_FIELDS.map((f) => [f, String(data.get(f) ?? '')])) as EditValues
}

/** The form, filled from `contact`; `invalid` are the fields to mark. */
export function editForm(
  t: ListsMessages,
  contact: Contact,
  invalid: readonly EditField[],
  on: { submit: (event: SubmitEvent) => void; cancel: () => void },
): TemplateResult {
  const c = t.contact
  const values = editValues(contact)
  const field = (f: EditField, type = 'text') => {
    const bad = invalid.includes(f)
    return html`<div class="field">
      <label for=${`f-${f}`}>${c.fields[f]}</label>
      <input
        id=${`f-${f}`}
        name=${f}
        type=${type}
        value=${values[f]}
        aria-invalid=${bad ? 'true' : 'false'}
        aria-describedby=${f === 'tags' ? `e-${f} h-tags` : `e-${f}`}
      />
      ${f === 'tags' ? html`<p id="h-tags" class="meta">${c.tagsHint}</p>` : nothing}
      <p id=${`e-${f}`} class="field-error">${bad ? c.errors[f] : ''}</p>
    </div>`
  }
  return html`<form novalidate @submit=${on.submit}>
    ${field('name')} ${field('email', 'email')} ${field('phone', 'tel')} ${field('company')}
    ${field('location')} ${field('tags')}
    <div class="bar">
      <button type="submit">${c.save}</button>
      <button type="button" class="secondary" @click=${on.cancel}>${c.cancel}</button>
    </div>
  </form>`
}
