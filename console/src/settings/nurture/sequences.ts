/**
 * `<leadline-sequences>`: nurturing sequences. A list with each one's status; an editor (name,
 * active or paused, the trigger, the steps); saving (`POST`/`PUT /admin/api/sequences`: a step
 * naming a missing template, or an enroll step that would loop, comes back as a 422 shown at
 * the step, the loop named); archiving after a confirmation; and the sequence's enrollments
 * (`GET …/:id/enrollments`, page by page).
 */
import { html, nothing, type PropertyDeclarations } from 'lit'
import {
  OPEN_STAGES,
  type Enrollment,
  type Sequence,
  type SequenceInput,
  type Template,
  type Webhook,
} from '../../../../contract'
import { define } from '../../define'
import { base } from '../../styles'
import {
  renderEditorActions,
  renderIssueLine,
  renderItemList,
  upsert,
} from '../editor-kit/editor-parts'
import { input, numberOf, select } from '../editor-kit/fields'
import { moved, without } from '../editor-kit/lists'
import { EditorSection } from '../editor-kit/editor-section'
import { nurtureText, type NurtureWords } from './text'
import { editorStyles } from '../editor-kit/styles'
import { renderStep, type StepHost } from './step-editor'
import { newStep, newTrigger, TRIGGERS, type StepKind } from './steps'

interface Page<T> {
  items: T[]
  nextCursor: string | null
}

const inputOf = (s: Sequence): SequenceInput => ({
  name: s.name,
  status: s.status === 'paused' ? 'paused' : 'active',
  trigger: structuredClone(s.trigger),
  steps: structuredClone(s.steps),
})

export class LeadlineSequences extends EditorSection<NurtureWords> {
  protected readonly words = nurtureText

  static override styles = [base, editorStyles]
  static override properties: PropertyDeclarations = {
    items: { state: true },
    templates: { state: true },
    webhooks: { state: true },
    editing: { state: true },
    draft: { state: true },
    revision: { state: true },
    confirming: { state: true },
    enrollments: { state: true },
  }

  private items: Sequence[] = []
  private templates: Template[] = []
  private webhooks: Webhook[] = []
  private editing: string | undefined
  private draft: SequenceInput | undefined
  private revision = 0
  private confirming = false
  private enrollments: { items: Enrollment[]; next: string | null } | undefined

  protected override pathWords() {
    return this.t.sequences.paths
  }

  protected override async load() {
    const api = this.api!
    const [sequences, templates, webhooks] = await Promise.all([
      api.call<{ items: Sequence[] }>('/sequences'),
      api.call<{ items: Template[] }>('/templates'),
      api.call<{ items: Webhook[] }>('/webhooks'),
    ])
    if (sequences.ok) this.items = sequences.value.items
    else this.fail(this.t.sequences.loadFailed, sequences)
    if (templates.ok) this.templates = templates.value.items
    if (webhooks.ok) this.webhooks = webhooks.value.items
  }

  private get targets() {
    return {
      templates: this.templates,
      webhooks: this.webhooks,
      sequences: this.items.filter((s) => s.id !== this.editing && s.status !== 'archived'),
    }
  }

  private async open(id: string | 'new') {
    const stored = this.items.find((s) => s.id === id)
    this.editing = id
    this.draft = stored
      ? inputOf(stored)
      : {
          name: '',
          status: 'active',
          trigger: { on: 'manual' },
          steps: [newStep('wait', this.targets)],
        }
    this.confirming = false
    this.enrollments = undefined
    this.clearOutcome()
    await this.focusLater('#sq-name')
    if (stored) await this.loadEnrollments(stored.id, null)
  }

  private async loadEnrollments(id: string, cursor: string | null) {
    const q = `limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
    const res = await this.api!.call<Page<Enrollment>>(
      `/sequences/${encodeURIComponent(id)}/enrollments?${q}`,
    )
    if (!res.ok || this.editing !== id) return
    const before = cursor ? (this.enrollments?.items ?? []) : []
    this.enrollments = { items: [...before, ...res.value.items], next: res.value.nextCursor }
  }

  private changed() {
    this.revision++
  }

  private stepHost(d: SequenceInput): StepHost {
    return {
      t: this.t.sequences,
      locale: this.locale,
      steps: d.steps,
      templates: this.templates,
      webhooks: this.webhooks,
      others: this.targets.sequences,
      issuesAt: (p) => this.issuesAt(p),
      changed: () => this.changed(),
      setKind: (i, kind: StepKind) => {
        d.steps = d.steps.map((s, k) => (k === i ? newStep(kind, this.targets) : s))
        this.changed()
      },
      move: (i, delta) => {
        const to = Math.min(d.steps.length - 1, Math.max(0, i + delta))
        d.steps = moved(d.steps, i, delta)
        this.changed()
        void this.say(this.t.sequences.movedTo(to + 1))
        void this.focusLater(
          `#st${to}-${delta < 0 ? (to === 0 ? 'down' : 'up') : to === d.steps.length - 1 ? 'up' : 'down'}`,
        )
      },
      remove: (i) => {
        d.steps = without(d.steps, i)
        this.changed()
        void this.say(this.t.sequences.removed(i + 1))
        void this.focusLater(`#st${Math.min(i, d.steps.length - 1)}-kind`)
      },
    }
  }

  private async save(event: SubmitEvent) {
    event.preventDefault()
    const api = this.api
    const id = this.editing
    const d = this.draft
    if (!api || !id || !d) return
    this.clearOutcome()
    const res = await upsert<Sequence>(api, '/sequences', id, d)
    if (!res.ok) {
      this.fail(this.t.sequences.saveFailed, res)
      return
    }
    await this.load()
    this.editing = res.value.id
    this.draft = inputOf(res.value)
    await this.say(this.t.sequences.saved(res.value.name))
  }

  private async archive() {
    const id = this.editing
    if (!id || id === 'new') return
    const res = await this.api!.call<Sequence>(`/sequences/${encodeURIComponent(id)}/archive`, {
      method: 'POST',
    })
    this.confirming = false
    if (!res.ok) {
      this.fail(this.t.sequences.archiveFailed, res)
      return
    }
    this.editing = undefined
    await this.load()
    await this.say(this.t.sequences.archived(res.value.name))
    await this.focusLater('#sq-new')
  }

  private renderList() {
    const t = this.t.sequences
    return renderItemList({
      list: (rows) =>
        html`<ul class="rows" data-sequences>
          ${rows}
        </ul>`,
      items: this.items,
      t,
      addId: 'sq-new',
      open: (id) => this.open(id),
      row: (s) =>
        html`<span class="grow"
          >${s.name}
          <span class="meta">· ${t.statuses[s.status]} · ${t.triggerText(s.trigger)}</span></span
        >`,
      edit: (s) => (s.status === 'archived' ? t.view : t.edit),
    })
  }

  private renderTrigger(d: SequenceInput) {
    const t = this.t.sequences
    const tr = d.trigger
    return html`${select({
      id: 'sq-trigger',
      label: t.trigger,
      value: tr.on,
      options: TRIGGERS.map((on) => ({ value: on, label: t.triggers[on] })),
      onChange: (on) => ((d.trigger = newTrigger(on)), this.changed()),
    })}
    ${
      tr.on === 'stage'
        ? select({
            id: 'sq-stage',
            label: t.stage,
            value: tr.stage,
            options: OPEN_STAGES.map((s) => ({ value: s, label: this.m.stages[s] })),
            onChange: (v) => ((tr.stage = v), this.changed()),
          })
        : nothing
    }
    ${
      tr.on === 'quote_stalled'
        ? input({
            id: 'sq-days',
            label: t.stalledDays,
            type: 'number',
            min: 1,
            max: 90,
            value: tr.days,
            issues: this.issuesAt('trigger.days'),
            onInput: (v) => ((tr.days = numberOf(v) ?? 1), this.changed()),
          })
        : nothing
    }`
  }

  private renderEnrollments() {
    const t = this.t.sequences
    const e = this.enrollments
    if (!e || this.editing === 'new') return nothing
    const when = new Intl.DateTimeFormat(this.locale, { dateStyle: 'short', timeStyle: 'short' })
    const at = (iso: string | null) => (iso ? when.format(new Date(iso)) : '—')
    return html`<section aria-labelledby="sq-en-h">
      <h4 id="sq-en-h">${t.enrollments}</h4>
      ${
        e.items.length
          ? html`<table>
              <thead>
                <tr>
                  <th scope="col">${t.lead}</th>
                  <th scope="col">${t.enrollmentStatus}</th>
                  <th scope="col">${t.step}</th>
                  <th scope="col">${t.nextRun}</th>
                  <th scope="col">${t.enrolledAt}</th>
                </tr>
              </thead>
              <tbody>
                ${e.items.map(
                  (x) =>
                    html`<tr>
                      <td>
                        <a href="/admin/leads/${encodeURIComponent(x.leadId)}">${x.leadId}</a>
                      </td>
                      <td>
                        ${t.enrollmentStatuses[x.status]}${
                          x.exitReason ? ` (${t.exitReason(x.exitReason)})` : ''
                        }
                      </td>
                      <td>${x.step + 1}</td>
                      <td>${at(x.nextRunAt)}</td>
                      <td>${at(x.createdAt)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="meta">${t.noEnrollments}</p>`
      }
      ${
        e.next
          ? html`<button
              type="button"
              class="secondary small"
              @click=${() => this.loadEnrollments(this.editing!, e.next)}
            >
              ${t.more}
            </button>`
          : nothing
      }
    </section>`
  }

  private renderEditor(d: SequenceInput) {
    const t = this.t.sequences
    const archived = this.items.find((s) => s.id === this.editing)?.status === 'archived'
    const host = this.stepHost(d)
    return html`<form @submit=${this.save} novalidate aria-labelledby="sq-edit-h" class="panel">
      <h4 id="sq-edit-h">${this.editing === 'new' ? t.newHeading : t.editHeading(d.name)}</h4>
      ${archived ? html`<p class="hint readonly">${t.archivedNote}</p>` : nothing}
      <fieldset class="plain" ?disabled=${archived}>
        <div class="fields">
          ${input({
            id: 'sq-name',
            label: t.name,
            value: d.name,
            maxLength: 120,
            issues: this.issuesAt('name'),
            onInput: (v) => ((d.name = v), this.changed()),
          })}
          ${select({
            id: 'sq-status',
            label: t.status,
            value: d.status,
            options: [
              { value: 'active', label: t.statuses.active },
              { value: 'paused', label: t.statuses.paused },
            ],
            onChange: (v) => ((d.status = v), this.changed()),
          })}
          ${this.renderTrigger(d)}
        </div>
        <h4>${t.steps}</h4>
        ${renderIssueLine(this.issuesAt('steps'))}
        <ol class="rows">
          ${d.steps.map((s, i) => renderStep(host, s, i))}
        </ol>
        <div class="actions">
          <button
            type="button"
            class="secondary small"
            id="sq-add-step"
            ?disabled=${d.steps.length >= 50}
            @click=${() => {
              d.steps = [...d.steps, newStep('wait', this.targets)]
              this.changed()
              void this.focusLater(`#st${d.steps.length - 1}-kind`)
            }}
          >
            ${t.addStep}
          </button>
        </div>
        ${renderEditorActions({
          t,
          stored: this.editing !== 'new',
          confirming: this.confirming,
          archiveId: 'sq-archive',
          question: t.archiveQuestion(d.name),
          onClose: () => (this.editing = undefined),
          onArchive: () => ((this.confirming = true), this.focusLater('#sq-archive-yes')),
          onYes: () => this.archive(),
          onCancel: () => (this.confirming = false),
        })}
      </fieldset>
      ${this.renderEnrollments()}
    </form>`
  }

  override render() {
    const t = this.t.sequences
    return html`<section aria-labelledby="sq-h">
      <h3 id="sq-h">${t.heading}</h3>
      <p class="hint">${t.intro}</p>
      ${this.renderList()} ${this.renderOutcome()}
      ${this.editing && this.draft ? this.renderEditor(this.draft) : nothing}
    </section>`
  }
}

define('leadline-sequences', LeadlineSequences)
