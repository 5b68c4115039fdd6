/**
 * `<leadline-contact-page contact-id="…">`: one person (`GET /admin/api/contacts/:id`) with
 * their details, custom fields, consents, leads, timeline and merges. Actions: edit
 * (`PATCH`, fields checked with the contract before sending), merge another contact into this
 * one, download everything held about them (subject access), and for owners erase them, after a
 * dialog that asks to type their e-mail (or a confirm word) and says what is kept.
 */
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import type { Contact, ContactDetail } from '../../../contract'
import type { ApiFailure } from '../api'
import { define } from '../define'
import { listsText } from '../i18n/lists'
import { editForm, formValues } from '../lists/contact-edit'
import { contactPatch, type EditField } from '../lists/contact-form'
import * as sections from '../lists/contact-sections'
import { fileUrl } from '../files'
import { checkedReason, eraseDialog } from '../lists/erase-dialog'
import { personName } from '../lists/format'
import {
  mergeContacts,
  mergeDialog,
  mergeFailure,
  mergeSearch,
  planNames,
  type MergePlan,
} from '../lists/merge'
import { leaveNotice } from '../lists/notice'
import { listStyles } from '../lists/styles'
import { withQuery } from '../lists/url'
import { explain, formatDateTime, messages } from '../localize'
import { navigate } from '../router'
import { base } from '../styles'
import { ConsoleView } from '../view'

export class LeadlineContactPage extends ConsoleView {
  static override styles = [base, listStyles]
  static override properties: PropertyDeclarations = {
    contactId: { attribute: 'contact-id' },
    detail: { state: true },
    loadError: { state: true },
    editing: { state: true },
    invalid: { state: true },
    error: { state: true },
    notice: { state: true },
    candidates: { state: true },
    plan: { state: true },
    file: { state: true },
    eraseError: { state: true },
  }

  contactId = ''
  private detail: ContactDetail | undefined
  private loadError = ''
  private editing = false
  private invalid: EditField[] = []
  /** Why the last action failed, in words. */
  private error = ''
  /** The outcome of the last action. */
  private notice = ''
  /** Contacts found to merge into this one. */
  private candidates: Contact[] | undefined
  private plan: MergePlan | undefined
  private file: { url: string; name: string } | undefined
  private eraseError = ''

  private get t() {
    return listsText[this.locale]
  }

  private get m() {
    return messages(this.locale)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('api') || changed.has('contactId')) && this.api) void this.load()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    if (this.file) URL.revokeObjectURL(this.file.url)
    this.file = undefined
  }

  async load(): Promise<void> {
    const api = this.api
    if (!api) return
    const id = this.contactId
    const result = await api.call<ContactDetail>(`/contacts/${encodeURIComponent(id)}`)
    if (id !== this.contactId) return
    if (result.ok) {
      this.detail = result.value
      this.loadError = ''
    } else this.loadError = this.t.contact.loadFailed(explain(this.m, result))
  }

  private async focusOn(selector: string) {
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus()
  }

  private say(notice: string, error = '') {
    this.notice = notice
    this.error = error
  }

  // ------------------------------------------------------------------------------------ edit

  private startEdit() {
    this.editing = true
    this.invalid = []
    this.say('')
    void this.focusOn('#f-name')
  }

  private cancelEdit() {
    this.editing = false
    this.invalid = []
    void this.focusOn('#edit')
  }

  private async save(event: SubmitEvent, contact: Contact) {
    event.preventDefault()
    const api = this.api
    if (!api) return
    const outcome = contactPatch(contact, formValues(event.currentTarget as HTMLFormElement))
    const c = this.t.contact
    if (outcome.kind === 'unchanged') return this.say(c.nothingChanged)
    if (outcome.kind === 'invalid') {
      this.invalid = outcome.fields
      this.say('', c.fieldErrors)
      return this.focusOn(`#f-${outcome.fields[0]}`)
    }
    this.invalid = []
    this.say(c.saving)
    const result = await api.call<Contact>(`/contacts/${encodeURIComponent(contact.id)}`, {
      method: 'PATCH',
      body: JSON.stringify(outcome.body),
    })
    if (!result.ok) return this.failed(result, c.saveFailed(explain(this.m, result)))
    this.detail = { ...this.detail!, contact: result.value }
    this.editing = false
    this.say(c.saved)
    await this.focusOn('#edit')
  }

  /** A conflict reloads the contact (someone changed it); anything else is said as it is. */
  private async failed(failure: ApiFailure, words: string) {
    if (failure.code !== 'conflict') return this.say('', words)
    this.say('', this.t.contact.conflict)
    await this.load()
  }

  // -------------------------------------------------------------------- export, merge, erase

  private async exportData(contact: Contact) {
    const api = this.api
    if (!api) return
    const result = await api.file(
      `/contacts/${encodeURIComponent(contact.id)}/export`,
      `contact-${contact.id}.json`,
    )
    if (!result.ok) return this.say('', this.t.contacts.exportFailed(explain(this.m, result)))
    this.file = { url: fileUrl(result.value, this.file?.url), name: result.value.name }
    this.say(this.t.contacts.exportReady)
    await this.focusOn('#download')
  }

  private async findCandidates(event: SubmitEvent, contact: Contact) {
    event.preventDefault()
    const api = this.api
    const q = String(new FormData(event.currentTarget as HTMLFormElement).get('q') ?? '').trim()
    if (!api || !q) return
    const result = await api.call<{ items: Contact[] }>(withQuery('/contacts', { q, limit: '10' }))
    if (!result.ok) return this.say('', explain(this.m, result))
    this.candidates = result.value.items.filter((x) => x.id !== contact.id)
  }

  private async askMerge(into: Contact, from: Contact) {
    this.plan = { into, from: [from] }
    await this.updateComplete
    this.renderRoot.querySelector<HTMLDialogElement>('#merge-dialog')!.showModal()
  }

  private cancelMerge() {
    this.renderRoot.querySelector<HTMLDialogElement>('#merge-dialog')?.close()
    this.plan = undefined
  }

  private async confirmMerge() {
    const plan = this.plan
    const api = this.api
    if (!plan || !api) return
    this.cancelMerge()
    this.say(this.t.merge.merging)
    const result = await mergeContacts(api, plan)
    const names = planNames(this.t, plan)
    if (!result.ok) await this.failed(result, mergeFailure(this.t, this.m, result))
    else {
      this.candidates = undefined
      this.say(this.t.merge.done(names.from, names.into))
      await this.load()
    }
    await this.focusOn('#merge-q')
  }

  private async askErase() {
    this.eraseError = ''
    await this.updateComplete
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('#erase-dialog')!
    dialog.querySelector('form')!.reset()
    dialog.showModal()
    dialog.querySelector<HTMLInputElement>('#erase-confirm')!.focus()
  }

  private cancelErase() {
    this.renderRoot.querySelector<HTMLDialogElement>('#erase-dialog')?.close()
    void this.focusOn('#erase')
  }

  private async confirmErase(event: SubmitEvent, contact: Contact) {
    event.preventDefault()
    const api = this.api
    if (!api) return
    const e = this.t.erase
    const reason = checkedReason(this.t, event.currentTarget as HTMLFormElement, contact)
    if (reason === undefined) return
    this.eraseError = e.erasing
    const result = await api.call(`/contacts/${encodeURIComponent(contact.id)}/erase`, {
      method: 'POST',
      body: JSON.stringify({ reason }),
    })
    if (!result.ok) {
      this.eraseError = e.failed(explain(this.m, result))
      return
    }
    this.renderRoot.querySelector<HTMLDialogElement>('#erase-dialog')?.close()
    const name = personName(contact, this.t.noName)
    leaveNotice((t) => t.contacts.erased(name))
    navigate('/admin/contacts')
  }

  // ---------------------------------------------------------------------------------- render

  private renderDetails(contact: Contact) {
    const c = this.t.contact
    const none = this.t.none
    const rows: [string, string][] = [
      [c.fields.name, contact.name ?? none],
      [c.fields.email, contact.email ?? none],
      [c.fields.phone, contact.phone ?? none],
      [c.fields.company, contact.company ?? none],
      [c.fields.location, contact.location ?? none],
      [c.fields.tags, contact.tags.join(', ') || none],
      [c.fields.timeZone, contact.timeZone ?? none],
      [c.fields.created, formatDateTime(this.locale, contact.createdAt)],
      [c.fields.updated, formatDateTime(this.locale, contact.updatedAt)],
    ]
    const live = !contact.erasedAt && !contact.mergedInto
    return html`<dl>
        ${rows.map(
          ([k, value]) =>
            html`<dt>${k}</dt>
              <dd>${value}</dd>`,
        )}
      </dl>
      ${
        live
          ? html`<p><button id="edit" type="button" @click=${this.startEdit}>${c.edit}</button></p>`
          : nothing
      }`
  }

  private renderActions(contact: Contact) {
    const t = this.t
    const c = t.contact
    const live = !contact.erasedAt && !contact.mergedInto
    return html`<section class="panel" aria-labelledby="actions-h">
      <h3 id="actions-h">${c.actions}</h3>
      <p class="help">${c.exportHelp}</p>
      <button type="button" class="secondary" @click=${() => this.exportData(contact)}>
        ${c.exportData}
      </button>
      ${
        this.file
          ? html`<p>
              <a id="download" href=${this.file.url} download=${this.file.name}
                >${this.t.contacts.download(this.file.name)}</a
              >
            </p>`
          : nothing
      }
      ${
        live
          ? mergeSearch(t, this.candidates, {
              find: (e) => void this.findCandidates(e, contact),
              pick: (x) => void this.askMerge(contact, x),
            })
          : nothing
      }
      ${
        live && this.isOwner
          ? html`<p>
              <button id="erase" type="button" class="danger" @click=${this.askErase}>
                ${c.erase}
              </button>
            </p>`
          : live
            ? html`<p class="meta">${c.eraseOwnersOnly}</p>`
            : nothing
      }
    </section>`
  }

  override render() {
    const t = this.t
    const c = t.contact
    const detail = this.detail
    const back = html`<p><a href="/admin/contacts">${c.back}</a></p>`
    if (!detail) {
      return html`${back}
        <p role="status">${this.loadError ? '' : c.loading}</p>
        <div role="alert" class="error">${this.loadError}</div>
        ${
          this.loadError
            ? html`<button type="button" @click=${() => this.load()}>${t.retry}</button>`
            : nothing
        }`
    }
    const contact = detail.contact
    return html`${back}
      <h2 id="contact-h">${personName(contact, t.noName)}</h2>
      ${
        contact.erasedAt
          ? html`<p>${c.erasedNote(formatDateTime(this.locale, contact.erasedAt))}</p>`
          : nothing
      }
      ${
        contact.mergedInto
          ? html`<p>
              ${c.mergedNote}
              <a href=${`/admin/contacts/${encodeURIComponent(contact.mergedInto)}`}
                >${c.mergedLink}</a
              >
            </p>`
          : nothing
      }
      <p role="status" class="meta">${this.notice}</p>
      <div role="alert" class="error">${this.error}</div>
      <section aria-labelledby="details-h">
        <h3 id="details-h">${c.details}</h3>
        ${
          this.editing
            ? editForm(t, contact, this.invalid, {
                submit: (e) => void this.save(e, contact),
                cancel: () => this.cancelEdit(),
              })
            : this.renderDetails(contact)
        }
      </section>
      ${sections.customFields(t, this.locale, detail)} ${sections.consents(t, this.locale, detail)}
      ${sections.leads(t, this.locale, detail)} ${sections.timeline(t, this.locale, detail)}
      ${sections.merges(t, this.locale, detail)} ${this.renderActions(contact)}
      ${mergeDialog(
        t,
        this.plan,
        () => this.confirmMerge(),
        () => this.cancelMerge(),
      )}
      ${
        this.isOwner
          ? eraseDialog(t, contact, this.eraseError, {
              submit: (e) => void this.confirmErase(e, contact),
              cancel: () => this.cancelErase(),
            })
          : nothing
      }`
  }
}

define('leadline-contact-page', LeadlineContactPage)
