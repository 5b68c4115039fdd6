/**
 * `<leadline-board>`: the pipeline board. A column per open stage with its count and weighted
 * total; cards move by drag and drop or by keyboard (Space picks a card up, ←/→ choose the
 * stage, Enter drops, Escape cancels), always through a reason dialog and
 * `POST /admin/api/leads/:id/move` with the card's version, so a stale board gets the 409 and
 * shows where the lead is now. Loading never blocks: the board stays usable while it refreshes.
 */
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import { OPEN_STAGES, type OpenStage } from '../../contract/common'
import { buildColumns, placeLead, type Card, type Column } from './board-data'
import { define } from './define'
import { explain, formatMoney, messages } from './localize'
import { base, boardStyles } from './styles'
import { ConsoleView } from './view'

interface Pending {
  card: Card
  to: OpenStage
}

export class LeadlineBoard extends ConsoleView {
  static override styles = [base, boardStyles]
  static override properties: PropertyDeclarations = {
    columns: { state: true },
    loading: { state: true },
    error: { state: true },
    notice: { state: true },
    truncated: { state: true },
    picked: { state: true },
    dropTarget: { state: true },
    pending: { state: true },
  }

  private columns: Column[] | undefined
  private loading = false
  private error = ''
  /** The outcome of the last move, in plain words (a 409, a refusal). */
  private notice = ''
  private truncated = false
  /** The card picked up with the keyboard and the stage it would go to. */
  private picked: { card: Card; target: number } | undefined
  /** The column a dragged card is over. */
  private dropTarget: OpenStage | undefined
  private dragged: Card | undefined
  private pending: Pending | undefined
  private request: AbortController | undefined
  private announcement = ''

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.request?.abort()
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) void this.load()
  }

  /** Reads open leads and deals; keeps what is shown until the new answer is in. */
  async load(): Promise<void> {
    const api = this.api
    if (!api) return
    this.request?.abort()
    const request = (this.request = new AbortController())
    this.loading = true
    try {
      const [leads, deals] = await Promise.all([
        api.openLeads(request.signal),
        api.deals(request.signal),
      ])
      if (request.signal.aborted) return
      if (!leads.ok) {
        this.error = `${this.m.errors.load} ${explain(this.m, leads)}`
        return
      }
      this.error = ''
      this.truncated = leads.value.truncated
      // Without the deals (a failed call) the board still shows every lead, just without rotting.
      this.columns = buildColumns(leads.value.items, deals.ok ? deals.value.items : [], Date.now())
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'AbortError')) throw err
    } finally {
      if (this.request === request) this.loading = false
    }
  }

  private get m() {
    return messages(this.locale)
  }

  private name(card: Card): string {
    const c = card.lead.contact
    return c.name || c.company || c.email || this.m.board.noName
  }

  private announce(text: string) {
    this.announcement = text
    const live = this.renderRoot.querySelector('#live')
    // Re-set even when equal, so the same words are announced again.
    if (live) {
      live.textContent = ''
      requestAnimationFrame(() => (live.textContent = this.announcement))
    }
  }

  private onCardKeydown(event: KeyboardEvent, card: Card) {
    const stageIndex = OPEN_STAGES.indexOf(card.lead.stage as OpenStage)
    const picked = this.picked?.card.lead.id === card.lead.id ? this.picked : undefined
    const m = this.m.board
    if (!picked) {
      if (event.key === ' ' || event.key === 'Spacebar') {
        event.preventDefault()
        this.picked = { card, target: stageIndex }
        this.announce(m.picked(this.name(card), this.m.stages[OPEN_STAGES[stageIndex]!]))
      }
      return
    }
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault()
      const step = event.key === 'ArrowRight' ? 1 : -1
      const target = Math.min(OPEN_STAGES.length - 1, Math.max(0, picked.target + step))
      this.picked = { card, target }
      this.announce(m.target(this.m.stages[OPEN_STAGES[target]!]))
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      const to = OPEN_STAGES[picked.target]!
      this.picked = undefined
      if (to === card.lead.stage) this.announce(m.cancelled)
      else this.ask(card, to)
    } else if (event.key === 'Escape') {
      event.preventDefault()
      this.picked = undefined
      this.announce(m.cancelled)
    }
  }

  private onDragStart(event: DragEvent, card: Card) {
    this.dragged = card
    this.picked = undefined
    event.dataTransfer?.setData('text/plain', card.lead.id)
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move'
  }

  private onDragOver(event: DragEvent, stage: OpenStage) {
    if (!this.dragged) return
    event.preventDefault()
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move'
    this.dropTarget = stage
  }

  private onDrop(event: DragEvent, stage: OpenStage) {
    const card = this.dragged
    this.dragged = undefined
    this.dropTarget = undefined
    if (!card) return
    event.preventDefault()
    if (card.lead.stage !== stage) this.ask(card, stage)
  }

  private onDragEnd() {
    this.dragged = undefined
    this.dropTarget = undefined
  }

  /** Opens the reason dialog for a move; the move happens when it is confirmed. */
  private async ask(card: Card, to: OpenStage) {
    this.pending = { card, to }
    await this.updateComplete
    const dialog = this.renderRoot.querySelector('dialog')!
    const reason = dialog.querySelector('textarea')!
    reason.value = ''
    reason.setCustomValidity('')
    dialog.showModal()
    reason.focus()
  }

  private cancelMove() {
    const pending = this.pending
    this.renderRoot.querySelector('dialog')?.close()
    if (!pending) return
    this.pending = undefined
    this.announce(this.m.board.cancelled)
    void this.focusCard(pending.card.lead.id)
  }

  private async confirmMove(event: SubmitEvent) {
    event.preventDefault()
    const pending = this.pending
    const api = this.api
    if (!pending || !api) return
    const reason = this.renderRoot.querySelector('textarea')!
    const why = reason.value.trim()
    if (!why) {
      reason.setCustomValidity(this.m.dialog.reasonHint)
      reason.reportValidity()
      return
    }
    this.pending = undefined
    this.renderRoot.querySelector('dialog')?.close()
    const { card, to } = pending
    const name = this.name(card)
    const stages = this.m.stages
    this.notice = ''
    this.announce(this.m.board.moving(name, stages[to]))
    const result = await api.move(card.lead.id, {
      to,
      reason: why,
      expectedVersion: card.lead.version,
    })
    if (result.ok) {
      this.columns = placeLead(this.columns ?? [], result.value, Date.now())
      this.announce(this.m.board.moved(name, stages[to]))
      // Weighted values and rotting come from the deals list; refresh them in the background.
      void this.load()
    } else if (result.status === 409 && result.current) {
      this.columns = placeLead(this.columns ?? [], result.current, Date.now())
      const now = result.current.stage
      this.notice = this.m.board.conflict(name, now in stages ? stages[now as OpenStage] : now)
    } else {
      this.notice = this.m.board.moveFailed(name, explain(this.m, result))
    }
    await this.focusCard(card.lead.id)
  }

  private async focusCard(id: string) {
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>(`[data-lead="${CSS.escape(id)}"]`)?.focus()
  }

  private totals(column: Column): string {
    const parts = Object.entries(column.weighted).map(([cur, minor]) =>
      formatMoney(this.locale, minor, cur),
    )
    return parts.length ? parts.join(' · ') : formatMoney(this.locale, 0, 'TRY')
  }

  private renderCard(card: Card) {
    const m = this.m.board
    const lead = card.lead
    const name = this.name(card)
    const picked = this.picked?.card.lead.id === lead.id
    const classes = ['card', picked ? 'picked' : '', card.rotting ? 'rotting' : '']
    return html`<li
      class=${classes.filter(Boolean).join(' ')}
      tabindex="0"
      draggable="true"
      data-lead=${lead.id}
      aria-describedby="help"
      @keydown=${(e: KeyboardEvent) => this.onCardKeydown(e, card)}
      @dragstart=${(e: DragEvent) => this.onDragStart(e, card)}
      @dragend=${this.onDragEnd}
    >
      <div class="name">${name}</div>
      ${lead.contact.company && lead.contact.company !== name
        ? html`<p class="meta">${lead.contact.company}</p>`
        : nothing}
      <p class="meta">
        ${formatMoney(this.locale, lead.valueMinor, lead.currency)}${lead.score !== null
          ? html` · ${m.score(lead.score)}`
          : nothing}
      </p>
      <p class="meta">${m.days(card.daysInStage)}</p>
      ${card.rotting ? html`<p class="rot">${m.rotting}</p>` : nothing}
    </li>`
  }

  private renderColumn(column: Column, index: number) {
    const m = this.m
    const target = this.dropTarget === column.stage || (this.picked && this.picked.target === index)
    const id = `col-${column.stage}`
    return html`<section
      class=${target ? 'column target' : 'column'}
      data-stage=${column.stage}
      aria-labelledby=${id}
      @dragover=${(e: DragEvent) => this.onDragOver(e, column.stage)}
      @dragleave=${() => (this.dropTarget = undefined)}
      @drop=${(e: DragEvent) => this.onDrop(e, column.stage)}
    >
      <h3 id=${id}>${m.stages[column.stage]}</h3>
      <p class="totals">
        <span class="count">${m.board.count(column.cards.length)}</span> ·
        <span class="weighted">${m.board.weighted}: ${this.totals(column)}</span>
      </p>
      ${column.cards.length
        ? html`<ul aria-labelledby=${id}>
            ${column.cards.map((c) => this.renderCard(c))}
          </ul>`
        : html`<p class="meta">${m.board.empty}</p>`}
    </section>`
  }

  override render() {
    const m = this.m
    const columns = this.columns
    const pending = this.pending
    return html`<section aria-labelledby="board-h" aria-busy=${this.loading ? 'true' : 'false'}>
      <div class="toolbar">
        <h2 id="board-h">${m.board.heading}</h2>
        <button class="secondary" type="button" @click=${() => this.load()}>
          ${m.board.reload}
        </button>
        <span role="status"
          >${this.loading ? (columns ? m.board.refreshing : m.board.loading) : ''}</span
        >
      </div>
      <p id="help" class="help">${m.board.help}</p>
      <div role="alert" class="error">${this.error}${this.notice}</div>
      ${this.truncated ? html`<p class="meta">${m.board.truncated}</p>` : nothing}
      <div class="visually-hidden" id="live" aria-live="assertive"></div>
      ${columns
        ? html`<div class="columns">${columns.map((c, i) => this.renderColumn(c, i))}</div>`
        : nothing}
      <dialog aria-labelledby="dialog-h" @cancel=${this.onDialogCancel}>
        <form @submit=${this.confirmMove} novalidate>
          <h3 id="dialog-h">
            ${pending ? m.dialog.heading(this.name(pending.card), m.stages[pending.to]) : ''}
          </h3>
          <label for="reason">${m.dialog.reasonLabel}</label>
          <textarea
            id="reason"
            required
            maxlength="500"
            aria-describedby="reason-hint"
            @input=${(e: Event) => (e.target as HTMLTextAreaElement).setCustomValidity('')}
          ></textarea>
          <p id="reason-hint" class="meta">${m.dialog.reasonHint}</p>
          <div class="actions">
            <button type="button" class="secondary" @click=${this.cancelMove}>
              ${m.dialog.cancel}
            </button>
            <button type="submit">${m.dialog.confirm}</button>
          </div>
        </form>
      </dialog>
    </section>`
  }

  private onDialogCancel(event: Event) {
    event.preventDefault()
    this.cancelMove()
  }
}

define('leadline-board', LeadlineBoard)
