/**
 * `<leadline-templates>`: the store's e-mail and SMS templates. A list; an editor (name,
 * channel, subject and body in both languages, the variables); saving (`POST`/`PUT
 * /admin/api/templates`, a 422 for unsafe HTML or unknown variables shown at the field);
 * archiving after a confirmation; and a preview rendered for one of the store's leads
 * (`POST …/:id/preview`), shown as text: the console's CSP allows no frames, so no HTML is shown.
 */
import { html, nothing, type PropertyDeclarations } from 'lit'
import {
  TEMPLATE_VARIABLES,
  type LeadListItem,
  type Locale,
  type Template,
  type TemplateInput,
} from '../../../../contract'
import { define } from '../../define'
import { base } from '../../styles'
import { renderEditorActions, renderItemList, upsert } from '../editor-kit/editor-parts'
import { input, select, textArea } from '../editor-kit/fields'
import { EditorSection } from '../editor-kit/editor-section'
import { nurtureText, type NurtureWords } from './text'
import { editorStyles } from '../editor-kit/styles'

type Preview = { subject?: string; text: string }

const blank = (): TemplateInput => ({
  name: '',
  channel: 'email',
  subject: { tr: '', en: '' },
  body: { tr: '', en: '' },
})

/** What the editor sends for a stored template. */
const inputOf = (t: Template): TemplateInput => ({
  name: t.name,
  channel: t.channel,
  ...(t.subject ? { subject: { ...t.subject } } : {}),
  body: { ...t.body },
})

export class LeadlineTemplates extends EditorSection<NurtureWords> {
  protected readonly words = nurtureText

  static override styles = [base, editorStyles]
  static override properties: PropertyDeclarations = {
    items: { state: true },
    editing: { state: true },
    draft: { state: true },
    revision: { state: true },
    confirming: { state: true },
    leads: { state: true },
    previewLead: { state: true },
    previewLocale: { state: true },
    preview: { state: true },
  }

  private items: Template[] = []
  /** The template being edited: its id, `new`, or none. */
  private editing: string | undefined
  private draft: TemplateInput = blank()
  private revision = 0
  private confirming = false
  private leads: LeadListItem[] | undefined
  private previewLead = ''
  private previewLocale: Locale = 'tr'
  private preview: Preview | undefined

  protected override pathWords() {
    return this.t.templates.paths
  }

  protected override async load() {
    const res = await this.api!.call<{ items: Template[] }>('/templates')
    if (res.ok) this.items = res.value.items
    else this.fail(this.t.templates.loadFailed, res)
  }

  private async open(id: string | 'new') {
    const stored = this.items.find((t) => t.id === id)
    this.editing = id
    this.draft = stored ? inputOf(stored) : blank()
    this.preview = undefined
    this.confirming = false
    this.clearOutcome()
    await this.focusLater('#tp-name')
    if (stored && !this.leads) await this.loadLeads()
  }

  private async loadLeads() {
    const res = await this.api!.call<{ items: LeadListItem[] }>('/leads?limit=25')
    this.leads = res.ok ? res.value.items : []
    this.previewLead = this.leads[0]?.id ?? ''
  }

  private changed() {
    this.revision++
  }

  private setChannel(channel: TemplateInput['channel']) {
    const d = this.draft
    d.channel = channel
    if (channel === 'sms') delete d.subject
    else d.subject ??= { tr: '', en: '' }
    this.changed()
  }

  private async save(event: SubmitEvent) {
    event.preventDefault()
    const api = this.api
    const id = this.editing
    if (!api || !id) return
    this.clearOutcome()
    const res = await upsert<Template>(api, '/templates', id, this.draft)
    if (!res.ok) {
      this.fail(this.t.templates.saveFailed, res)
      return
    }
    await this.load()
    this.editing = res.value.id
    this.draft = inputOf(res.value)
    if (!this.leads) await this.loadLeads()
    await this.say(this.t.templates.saved(res.value.name))
  }

  private async archive() {
    const id = this.editing
    if (!id || id === 'new') return
    const name = this.draft.name
    const res = await this.api!.call<null>(`/templates/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    })
    this.confirming = false
    if (!res.ok) {
      this.fail(this.t.templates.archiveFailed, res)
      return
    }
    this.editing = undefined
    await this.load()
    await this.say(this.t.templates.archived(name))
    await this.focusLater('#tp-new')
  }

  private async runPreview() {
    const id = this.editing
    if (!id || id === 'new' || !this.previewLead) return
    this.clearOutcome()
    const res = await this.api!.call<Preview>(`/templates/${encodeURIComponent(id)}/preview`, {
      method: 'POST',
      body: JSON.stringify({ leadId: this.previewLead, locale: this.previewLocale }),
    })
    if (!res.ok) {
      this.preview = undefined
      this.fail(this.t.templates.previewFailed, res)
      return
    }
    this.preview = res.value
    await this.say(this.t.templates.previewReady)
  }

  private renderList() {
    const t = this.t.templates
    return renderItemList({
      list: (rows) =>
        html`<ul class="rows" data-templates>
          ${rows}
        </ul>`,
      items: this.items,
      t,
      addId: 'tp-new',
      open: (id) => this.open(id),
      row: (x) =>
        html`<span class="grow"
          >${x.name} <span class="meta">· ${t.channels[x.channel]}</span></span
        >`,
      edit: () => t.edit,
    })
  }

  private renderEditor() {
    const t = this.t.templates
    const d = this.draft
    const langs = ['tr', 'en'] as const
    const lang = (l: Locale) => (l === 'tr' ? 'Türkçe' : 'English')
    return html`<form @submit=${this.save} novalidate aria-labelledby="tp-edit-h" class="panel">
      <h4 id="tp-edit-h">${this.editing === 'new' ? t.newHeading : t.editHeading(d.name)}</h4>
      <div class="fields">
        ${input({
          id: 'tp-name',
          label: t.name,
          value: d.name,
          maxLength: 120,
          issues: this.issuesAt('name'),
          onInput: (v) => ((d.name = v), this.changed()),
        })}
        ${select({
          id: 'tp-channel',
          label: t.channel,
          value: d.channel,
          options: [
            { value: 'email', label: t.channels.email },
            { value: 'sms', label: t.channels.sms },
          ],
          onChange: (v) => this.setChannel(v),
        })}
      </div>
      ${
        d.subject
          ? html`<div class="fields">
              ${langs.map((l) =>
                input({
                  id: `tp-subject-${l}`,
                  label: `${t.subject} (${lang(l)})`,
                  value: d.subject![l],
                  maxLength: 200,
                  issues: this.issuesAt(`subject.${l}`),
                  onInput: (v) => ((d.subject![l] = v), this.changed()),
                }),
              )}
            </div>`
          : nothing
      }
      ${langs.map((l) =>
        textArea({
          id: `tp-body-${l}`,
          label: `${t.body} (${lang(l)})`,
          hint: d.channel === 'email' ? t.htmlHint : t.smsHint,
          rows: 6,
          value: d.body[l],
          issues: this.issuesAt(`body.${l}`),
          onInput: (v) => ((d.body[l] = v), this.changed()),
        }),
      )}
      <p class="hint">
        ${t.variables} ${TEMPLATE_VARIABLES.map((v) => html`<code>{{${v}}}</code> `)}
      </p>
      ${renderEditorActions({
        t,
        stored: this.editing !== 'new',
        confirming: this.confirming,
        archiveId: 'tp-archive',
        question: t.archiveQuestion(d.name),
        onClose: () => (this.editing = undefined),
        onArchive: () => ((this.confirming = true), this.focusLater('#tp-archive-yes')),
        onYes: () => this.archive(),
        onCancel: () => (this.confirming = false),
      })}
      ${this.editing !== 'new' ? this.renderPreview() : nothing}
    </form>`
  }

  private renderPreview() {
    const t = this.t.templates
    const leads = this.leads ?? []
    const p = this.preview
    return html`<section aria-labelledby="tp-pv-h">
      <h4 id="tp-pv-h">${t.previewHeading}</h4>
      <p class="hint">${t.previewHint}</p>
      <div class="fields">
        ${select({
          id: 'tp-pv-lead',
          label: t.previewLead,
          value: this.previewLead,
          options: leads.map((l) => ({
            value: l.id,
            label: l.contact.name || l.contact.email || l.id,
          })),
          onChange: (v) => (this.previewLead = v),
        })}
        ${select({
          id: 'tp-pv-locale',
          label: t.previewLocale,
          value: this.previewLocale,
          options: [
            { value: 'tr', label: 'Türkçe' },
            { value: 'en', label: 'English' },
          ],
          onChange: (v) => (this.previewLocale = v),
        })}
      </div>
      ${leads.length ? nothing : html`<p class="meta">${t.noLeads}</p>`}
      <button
        type="button"
        class="secondary"
        ?disabled=${!this.previewLead}
        @click=${this.runPreview}
      >
        ${t.runPreview}
      </button>
      ${
        p
          ? html`<div data-preview>
              ${
                p.subject !== undefined
                  ? html`<p><strong>${t.subject}:</strong> ${p.subject}</p>`
                  : nothing
              }
              <pre>${p.text}</pre>
            </div>`
          : nothing
      }
    </section>`
  }

  override render() {
    const t = this.t.templates
    return html`<section aria-labelledby="tp-h">
      <h3 id="tp-h">${t.heading}</h3>
      <p class="hint">${t.intro}</p>
      ${this.renderList()} ${this.renderOutcome()} ${this.editing ? this.renderEditor() : nothing}
    </section>`
  }
}

define('leadline-templates', LeadlineTemplates)
