/**
 * `<leadline-lead-page lead-id="…">`: one lead: its summary, contact and consents, score
 * breakdown, meetings, quotes and invoices, and the full timeline (newest first). The rep's
 * actions: an inline note, and dialogs to log a call or an e-mail, change the stage, close won or
 * lost, and assign an owner; each announces its outcome and re-reads the lead. A stale version
 * gets the 409, shown as who/what the lead is now. Loading never blocks.
 */
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import { OPEN_STAGES, type Lead, type LeadDetail, type TeamMember } from '../../../contract'
import { leadProbability, type Odds } from '../board-data'
import { define } from '../define'
import { LOST_REASONS, leadPageText } from '../i18n/lead-page'
import '../lead/lead-bookings'
import {
  actionRequest,
  describeActivity,
  displayName,
  ownerName,
  type ActionKind,
} from '../lead/lead-data'
import { contactSection, scoreSection } from '../lead/sections'
import { leadStyles } from '../lead/styles'
import { loadTeam } from '../lists/team'
import { explain, formatDateTime, formatMoney, messages } from '../localize'
import '../quotes/lead-quotes'
import { base } from '../styles'
import { ConsoleView } from '../view'

type DialogKind = Exclude<ActionKind, 'note'>

export class LeadlineLeadPage extends ConsoleView {
  static override styles = [base, leadStyles]
  static override properties: PropertyDeclarations = {
    leadId: { attribute: 'lead-id' },
    detail: { state: true },
    team: { state: true },
    odds: { state: true },
    loading: { state: true },
    error: { state: true },
    notice: { state: true },
    dialog: { state: true },
    dialogError: { state: true },
    lostChoice: { state: true },
  }

  leadId = ''
  private detail: LeadDetail | undefined
  private team: TeamMember[] = []
  /** The lead's pipeline and the store's learned rates: its probability as the deals list has it. */
  private odds: Odds | undefined
  private loading = false
  private error = ''
  /** The outcome of the last action when it failed or met a conflict, in plain words. */
  private notice = ''
  private dialog: DialogKind | undefined
  private dialogError = ''
  private lostChoice = ''
  private opener: HTMLElement | null = null

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('api') || changed.has('leadId')) && this.api && this.leadId) {
      if (changed.has('leadId')) this.detail = this.odds = undefined
      void this.load()
      void loadTeam(this.api).then((team) => (this.team = team))
    }
  }

  private get t() {
    return leadPageText[this.locale]
  }

  private when = (iso: string) => formatDateTime(this.locale, iso)

  /** Reads the lead; keeps what is shown until the new answer is in. */
  async load(): Promise<void> {
    const id = this.leadId
    this.loading = true
    const res = await this.api!.call<LeadDetail>(`/leads/${encodeURIComponent(id)}`)
    if (id !== this.leadId) return
    this.loading = false
    if (res.ok) {
      this.detail = res.value
      this.error = ''
      if (!this.odds) void this.loadOdds(res.value.lead)
    } else this.error = `${this.t.loadFailed} ${explain(messages(this.locale), res)}`
  }

  /** The lead's pipeline (null: the default) and its learned win rates; without them, the stage's. */
  private async loadOdds(lead: Lead): Promise<void> {
    const pipelines = await this.api!.pipelines()
    const pipeline = pipelines.ok
      ? pipelines.value.items.find((p) =>
          lead.pipelineId ? p.id === lead.pipelineId : p.isDefault,
        )
      : undefined
    if (!pipeline || lead.id !== this.leadId) return
    const rates = await this.api!.probabilities(pipeline.id)
    if (lead.id !== this.leadId) return
    const stages = rates.ok && Array.isArray(rates.value?.stages) ? rates.value.stages : []
    this.odds = { pipeline, learned: Object.fromEntries(stages.map((r) => [r.stage, r])) }
  }

  private announce(text: string) {
    const live = this.renderRoot.querySelector('#live')
    if (!live) return
    // Re-set even when equal, so the same words are announced again.
    live.textContent = ''
    requestAnimationFrame(() => (live.textContent = text))
  }

  /** Sends an action's form; true when it went through. */
  private async send(kind: ActionKind, form: HTMLFormElement): Promise<boolean> {
    const lead = this.detail!.lead
    const fields = Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)]))
    const request = actionRequest(kind, fields, lead)
    if ('missing' in request) {
      const field = form.elements.namedItem(request.missing) as HTMLInputElement
      field.setCustomValidity(this.t.actions.required)
      field.reportValidity()
      return false
    }
    this.notice = ''
    this.announce(this.t.actions.working)
    const res = await this.api!.call<unknown>(request.path, {
      method: 'POST',
      body: JSON.stringify(request.body),
    })
    if (res.ok) {
      this.announce(kind === 'note' ? this.t.note.added : this.t.actions.done)
      await this.load()
      return true
    }
    if (res.status === 409 && res.current) {
      this.notice = this.conflictText(res.current)
      await this.load()
      return true
    }
    const why = this.t.actions.failed(explain(messages(this.locale), res))
    if (this.dialog) this.dialogError = why
    else this.notice = why
    return false
  }

  private conflictText(now: Lead) {
    return this.t.actions.conflict(
      this.t.stages[now.stage],
      ownerName(now.ownerId, this.team, this.t),
    )
  }

  private async addNote(event: SubmitEvent) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    if (await this.send('note', form)) form.reset()
    form.querySelector('textarea')?.focus()
  }

  private async openDialog(kind: DialogKind, event: Event) {
    this.opener = event.currentTarget as HTMLElement
    this.dialog = kind
    this.dialogError = ''
    this.lostChoice = LOST_REASONS[0]
    await this.updateComplete
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('#action-dialog')!
    dialog.querySelector('form')?.reset()
    dialog.showModal()
    dialog.querySelector<HTMLElement>('select, textarea, input')?.focus()
  }

  private closeDialog() {
    this.renderRoot.querySelector<HTMLDialogElement>('#action-dialog')?.close()
    this.dialog = undefined
    this.opener?.focus()
  }

  private async submitDialog(event: SubmitEvent) {
    event.preventDefault()
    if (this.dialog && (await this.send(this.dialog, event.target as HTMLFormElement))) {
      this.closeDialog()
    }
  }

  private onDialogCancel(event: Event) {
    event.preventDefault()
    this.closeDialog()
  }

  private onChanged(event: CustomEvent<{ text: string }>) {
    this.announce(event.detail.text)
    void this.load()
  }

  private renderSummary(lead: Lead) {
    const s = this.t.summary
    return html`<dl>
      <dt>${s.stage}</dt>
      <dd class="stage">${this.t.stages[lead.stage]}</dd>
      ${
        lead.closeReason
          ? html`<dt>${s.closedBecause}</dt>
              <dd>${lead.closeReason}</dd>`
          : nothing
      }
      <dt>${s.owner}</dt>
      <dd class="owner">${ownerName(lead.ownerId, this.team, this.t)}</dd>
      <dt>${s.value}</dt>
      <dd>${formatMoney(this.locale, lead.valueMinor, lead.currency)}</dd>
      <dt>${s.probability}</dt>
      <dd class="probability">%${leadProbability(lead, this.odds)}</dd>
      <dt>${s.created}</dt>
      <dd>${this.when(lead.createdAt)}</dd>
    </dl>`
  }

  private renderTimeline(d: LeadDetail) {
    const t = this.t
    const lines = d.timeline.map((a) => describeActivity(a, t, this.team, this.when))
    return html`<section aria-labelledby="timeline-h">
      <h3 id="timeline-h">${t.timeline.heading}</h3>
      <form class="note" @submit=${this.addNote} novalidate>
        <label for="note">${t.note.label}</label>
        <textarea
          id="note"
          name="body"
          required
          maxlength="5000"
          @input=${(e: Event) => (e.target as HTMLTextAreaElement).setCustomValidity('')}
        ></textarea>
        <div class="actions"><button type="submit">${t.note.add}</button></div>
      </form>
      ${
        lines.length
          ? html`<ol class="timeline">
              ${lines.map(
                (l) =>
                  html`<li>
                    <span class="name">${l.title}</span>
                    <span class="meta"> · ${this.when(l.at)} · ${l.actor}</span>
                    ${l.detail ? html`<p class="detail">${l.detail}</p>` : nothing}
                  </li>`,
              )}
            </ol>`
          : html`<p class="meta">${t.timeline.empty}</p>`
      }
    </section>`
  }

  private renderDialogFields(kind: DialogKind, lead: Lead) {
    const a = this.t.actions
    const clear = (e: Event) => (e.target as HTMLInputElement).setCustomValidity('')
    const reason = html`<label for="reason">${a.reason}</label>
      <textarea id="reason" name="reason" required maxlength="500" @input=${clear}></textarea>
      <p class="meta">${a.reasonHint}</p>`
    switch (kind) {
      case 'call':
      case 'email':
        return html`<fieldset>
            <legend>${a.direction}</legend>
            <label
              ><input type="radio" name="direction" value="outbound" checked /> ${a.outbound}</label
            >
            <label><input type="radio" name="direction" value="inbound" /> ${a.inbound}</label>
          </fieldset>
          ${
            kind === 'call'
              ? html`<label for="duration">${a.duration}</label>
                  <input id="duration" name="durationMinutes" type="number" min="0" max="1440" />`
              : nothing
          }
          <label for="body">${a.notes}</label>
          <textarea id="body" name="body" required maxlength="5000" @input=${clear}></textarea>`
      case 'move':
        return html`<label for="to">${a.to}</label>
          <select id="to" name="to">
            ${OPEN_STAGES.filter((s) => s !== lead.stage).map(
              (s) => html`<option value=${s}>${this.t.stages[s]}</option>`,
            )}
          </select>
          ${reason}`
      case 'won':
        return reason
      case 'lost':
        return html`<label for="lost-reason">${a.lostReason}</label>
          <select
            id="lost-reason"
            name="lostReason"
            @change=${(e: Event) => (this.lostChoice = (e.target as HTMLSelectElement).value)}
          >
            ${LOST_REASONS.map((r) => html`<option value=${r}>${a.lostReasons[r]}</option>`)}
          </select>
          ${this.lostChoice === 'other' ? reason : nothing}`
      case 'assign': {
        const me = this.me?.user
        // Without the team list (a refusal), a person can still take the lead themselves.
        const people = this.team.length ? this.team : me ? [me] : []
        return html`<label for="owner">${a.newOwner}</label>
          <select id="owner" name="ownerId">
            ${people.map(
              (u) =>
                html`<option value=${u.id} ?selected=${u.id === (lead.ownerId ?? me?.id)}>
                  ${u.id === me?.id ? a.me(u.name) : u.name}
                </option>`,
            )}
            <option value="">${a.unassigned}</option>
          </select>`
      }
    }
  }

  private renderActions(lead: Lead) {
    const a = this.t.actions
    const open = lead.status === 'open'
    const buttons: [DialogKind, string, boolean][] = [
      ['call', a.call, true],
      ['email', a.email, true],
      ['move', a.move, true],
      ['won', a.won, open],
      ['lost', a.lost, open],
      ['assign', a.assign, true],
    ]
    return html`<div class="toolbar" role="group" aria-label=${a.heading}>
      ${buttons
        .filter(([, , shown]) => shown)
        .map(
          ([kind, label]) =>
            html`<button
              type="button"
              class="secondary"
              data-action=${kind}
              @click=${(e: Event) => this.openDialog(kind, e)}
            >
              ${label}
            </button>`,
        )}
    </div>`
  }

  override render() {
    const t = this.t
    const d = this.detail
    const name = d ? displayName(d.contact, t) : ''
    return html`<section aria-labelledby="lead-h" aria-busy=${this.loading ? 'true' : 'false'}>
      <p><a href="/admin/leads">${t.back}</a></p>
      <h2 id="lead-h">${name || t.stages.lead}</h2>
      <span role="status">${this.loading ? (d ? t.refreshing : t.loading) : ''}</span>
      <div role="alert" class="error">${this.error}${this.notice}</div>
      <div class="visually-hidden" id="live" aria-live="polite"></div>
      ${
        d
          ? html`${this.renderActions(d.lead)}
              <dialog id="action-dialog" aria-labelledby="action-h" @cancel=${this.onDialogCancel}>
                ${
                  this.dialog
                    ? html`<form @submit=${this.submitDialog} novalidate>
                        <h3 id="action-h">${t.actions[this.dialog]} · ${name}</h3>
                        ${this.renderDialogFields(this.dialog, d.lead)}
                        <p role="alert" class="error">${this.dialogError}</p>
                        <div class="actions">
                          <button type="button" class="secondary" @click=${this.closeDialog}>
                            ${t.actions.cancel}
                          </button>
                          <button type="submit">${t.actions.save}</button>
                        </div>
                      </form>`
                    : nothing
                }
              </dialog>
              <div class="grid">
                <section aria-labelledby="summary-h">
                  <h3 id="summary-h">${t.summary.heading}</h3>
                  ${this.renderSummary(d.lead)}
                </section>
                ${contactSection(d, t, this.when)}
              </div>
              ${scoreSection(d.lead, t)}
              <leadline-lead-bookings
                .api=${this.api}
                .me=${this.me}
                locale=${this.locale}
                lead-id=${d.lead.id}
                @leadline-lead-changed=${this.onChanged}
              ></leadline-lead-bookings>
              <leadline-lead-quotes
                .api=${this.api}
                .me=${this.me}
                locale=${this.locale}
                lead-id=${d.lead.id}
              ></leadline-lead-quotes>
              ${this.renderTimeline(d)}`
          : nothing
      }
    </section>`
  }
}

define('leadline-lead-page', LeadlineLeadPage)
