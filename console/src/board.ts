/**
 * `<leadline-board>`: the pipeline board. A column per open stage with its count and weighted
 * total, headed by the chosen pipeline's own stage labels; after the columns, two targets that
 * close a lead as won or lost. Cards move by drag and drop or by keyboard (Space picks a card
 * up, ←/→ choose the target, Enter drops, Escape cancels), always through a reason dialog and
 * `POST /admin/api/leads/:id/move` (or `/close`) with the card's version, so a stale board gets
 * the 409 and shows where the lead is now. A card's name opens the lead's page. Loading never
 * blocks: each page of leads shows as it arrives, and the board stays usable while it refreshes.
 */
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import type { Deal, LearnedRate, LeadListItem, Pipeline } from '../../contract'
import type { OpenStage } from '../../contract/common'
import {
  buildColumns,
  inPipeline,
  isClosing,
  placeLead,
  TARGETS,
  type Card,
  type Column,
  type Odds,
  type Target,
} from './board-data'
import { MAX_PAGES, type AdminApi } from './api'
import { define } from './define'
import { LatestLoad } from './latest-load'
import { explain, formatMoney, messages } from './localize'
import { base, boardStyles } from './styles'
import { ConsoleView } from './view'

interface Pending {
  card: Card
  to: Target
}

/** Performance marks the console benchmark reads (scripts/bench-console.mjs). */
const MARK_FIRST_CARDS = 'leadline:board-first-cards'
const MARK_ALL_CARDS = 'leadline:board-all-cards'

/**
 * The learned win rates of each pipeline by stage; a pipeline whose rates could not be read is
 * left out (its leads are weighed by the pipeline's own probabilities).
 */
async function learnedRates(
  api: AdminApi,
  pipelines: readonly Pipeline[],
  signal: AbortSignal,
): Promise<Map<string, Partial<Record<OpenStage, LearnedRate>>>> {
  const answers = await Promise.all(pipelines.map((p) => api.probabilities(p.id, signal)))
  const out = new Map<string, Partial<Record<OpenStage, LearnedRate>>>()
  for (const answer of answers) {
    // The board never fails for want of rates: an answer without stages is left out too.
    if (answer.ok && Array.isArray(answer.value?.stages))
      out.set(
        answer.value.pipelineId,
        Object.fromEntries(answer.value.stages.map((s) => [s.stage, s])),
      )
  }
  return out
}

export class LeadlineBoard extends ConsoleView {
  static override styles = [base, boardStyles]
  static override properties: PropertyDeclarations = {
    columns: { state: true },
    pipelines: { state: true },
    pipelineId: { state: true },
    loading: { state: true },
    error: { state: true },
    notice: { state: true },
    truncated: { state: true },
    picked: { state: true },
    dropTarget: { state: true },
    pending: { state: true },
  }

  private columns: Column[] | undefined
  private pipelines: Pipeline[] = []
  /** The pipeline shown; undefined until the list of pipelines arrived (then the default). */
  private pipelineId: string | undefined
  /** The lists as read, so a change of pipeline needs no new request. */
  private read: { leads: LeadListItem[]; deals: Deal[] } = { leads: [], deals: [] }
  /** The store's learned win rates by pipeline id, to weigh leads the deals list does not have. */
  private learned = new Map<string, Partial<Record<OpenStage, LearnedRate>>>()
  private loading = false
  private error = ''
  /** The outcome of the last move, in plain words (a 409, a refusal). */
  private notice = ''
  private truncated = false
  /** The card picked up with the keyboard and the stage it would go to. */
  private picked: { card: Card; target: number } | undefined
  /** The column a dragged card is over. */
  private dropTarget: Target | undefined
  private dragged: Card | undefined
  private pending: Pending | undefined
  private readonly latest = new LatestLoad()
  private announcement = ''

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.latest.abort()
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) void this.load()
  }

  /**
   * Reads open leads (showing each page as it arrives), deals and pipelines; keeps what is shown
   * until the new answer is in.
   */
  async load(): Promise<void> {
    const api = this.api
    if (!api) return
    const first = !this.columns
    await this.latest.run(
      (on) => (this.loading = on),
      async (signal) => {
        const dealsCall = api.deals(signal)
        const pipelinesCall = api.pipelines(signal)
        // Only weighs the cards the deals list lacks, so the board does not wait for it (below);
        // an abort or a failure leaves the rates as they were.
        const learnedCall = pipelinesCall
          .then((p) => learnedRates(api, p.ok ? p.value.items : [], signal))
          .catch(() => undefined)
        const leads = await api.openLeads({
          signal,
          // On the first load, show every page at once; a refresh swaps the board when complete.
          onPage: (items) => {
            if (!first || signal.aborted) return
            this.show(items, this.read.deals)
            performance.mark(MARK_FIRST_CARDS)
          },
        })
        const [deals, pipelines] = await Promise.all([dealsCall, pipelinesCall])
        if (signal.aborted) return
        if (!leads.ok) {
          this.error = `${this.m.errors.load} ${explain(this.m, leads)}`
          return
        }
        this.error = ''
        this.truncated = leads.value.truncated
        if (pipelines.ok) this.pipelines = pipelines.value.items
        // Without the deals (a failed call) the board still shows every lead, just without rotting.
        this.show(leads.value.items, deals.ok ? deals.value.items : [])
        await this.updateComplete
        performance.mark(MARK_ALL_CARDS)
        const learned = await learnedCall
        if (signal.aborted || !learned) return
        this.learned = learned
        this.show(this.read.leads, this.read.deals)
      },
    )
  }

  private show(leads: LeadListItem[], deals: Deal[]) {
    this.read = { leads, deals }
    const pipeline = this.pipeline
    const shown = pipeline ? leads.filter((l) => inPipeline(l, pipeline)) : leads
    this.columns = buildColumns(shown, deals, Date.now(), this.odds)
  }

  /** What weighs the shown pipeline's leads that have no deal row. */
  private get odds(): Odds {
    const pipeline = this.pipeline
    return { pipeline, learned: (pipeline && this.learned.get(pipeline.id)) ?? {} }
  }

  /** The pipeline shown: the chosen one, else the store's default. */
  private get pipeline(): Pipeline | undefined {
    return (
      this.pipelines.find((p) => p.id === this.pipelineId) ??
      this.pipelines.find((p) => p.isDefault)
    )
  }

  private choosePipeline(event: Event) {
    this.pipelineId = (event.target as HTMLSelectElement).value
    this.show(this.read.leads, this.read.deals)
  }

  /** A target's name: the pipeline's label for an open stage, else the console's own. */
  private label(target: Target): string {
    if (isClosing(target)) return this.m.stages[target]
    return this.pipeline?.stages[target].label[this.locale] || this.m.stages[target]
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
    const stageIndex = TARGETS.indexOf(card.lead.stage as OpenStage)
    const picked = this.picked?.card.lead.id === card.lead.id ? this.picked : undefined
    const m = this.m.board
    if (!picked) {
      if (event.key === ' ' || event.key === 'Spacebar') {
        event.preventDefault()
        this.picked = { card, target: stageIndex }
        this.announce(m.picked(this.name(card), this.label(TARGETS[stageIndex]!)))
      }
      return
    }
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault()
      const step = event.key === 'ArrowRight' ? 1 : -1
      const target = Math.min(TARGETS.length - 1, Math.max(0, picked.target + step))
      this.picked = { card, target }
      this.announce(m.target(this.label(TARGETS[target]!)))
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      const to = TARGETS[picked.target]!
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

  private onDragOver(event: DragEvent, stage: Target) {
    if (!this.dragged) return
    event.preventDefault()
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move'
    this.dropTarget = stage
  }

  private onDrop(event: DragEvent, stage: Target) {
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
  private async ask(card: Card, to: Target) {
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
    const m = this.m.board
    this.notice = ''
    this.announce(m.moving(name, this.label(to)))
    const expectedVersion = card.lead.version
    const result = isClosing(to)
      ? await api.close(card.lead.id, { outcome: to, reason: why, expectedVersion })
      : await api.move(card.lead.id, { to, reason: why, expectedVersion })
    if (result.ok) {
      this.columns = placeLead(this.columns ?? [], result.value, Date.now(), this.odds)
      this.announce(m.moved(name, this.label(to)))
      // Weighted values and rotting come from the deals list; refresh them in the background.
      void this.load()
    } else if (result.status === 409 && result.current) {
      this.columns = placeLead(this.columns ?? [], result.current, Date.now(), this.odds)
      const now = result.current
      this.notice = m.conflict(name, this.label(now.status === 'open' ? now.stage : now.status))
    } else {
      this.notice = this.m.board.moveFailed(name, explain(this.m, result))
    }
    await this.focusCard(card.lead.id)
  }

  /** Back to the card after a move; to the board's heading when the card left the board. */
  private async focusCard(id: string) {
    await this.updateComplete
    const card = this.renderRoot.querySelector<HTMLElement>(`[data-lead="${CSS.escape(id)}"]`)
    ;(card ?? this.renderRoot.querySelector<HTMLElement>('#board-h'))?.focus()
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
      <a class="name" href="/admin/leads/${encodeURIComponent(lead.id)}" draggable="false"
        >${name}</a
      >
      ${
        lead.contact.company && lead.contact.company !== name
          ? html`<p class="meta">${lead.contact.company}</p>`
          : nothing
      }
      <p class="meta">
        ${formatMoney(this.locale, lead.valueMinor, lead.currency)}${
          lead.score !== null ? html` · ${m.score(lead.score)}` : nothing
        }
      </p>
      <p class="meta">${m.days(card.daysInStage)}</p>
      ${card.rotting ? html`<p class="rot">${m.rotting}</p>` : nothing}
    </li>`
  }

  private isTarget(target: Target): boolean {
    return (
      this.dropTarget === target ||
      (this.picked !== undefined && TARGETS[this.picked.target] === target)
    )
  }

  /** A drop target that closes the lead (won or lost) instead of moving it. */
  private renderCloser(target: 'won' | 'lost') {
    const id = `close-${target}`
    return html`<section
      class=${this.isTarget(target) ? `closer ${target} target` : `closer ${target}`}
      data-stage=${target}
      aria-labelledby=${id}
      @dragover=${(e: DragEvent) => this.onDragOver(e, target)}
      @dragleave=${() => (this.dropTarget = undefined)}
      @drop=${(e: DragEvent) => this.onDrop(e, target)}
    >
      <h3 id=${id}>${this.label(target)}</h3>
      <p class="meta">${this.m.board.closeHint}</p>
    </section>`
  }

  private renderColumn(column: Column) {
    const m = this.m
    const target = this.isTarget(column.stage)
    const id = `col-${column.stage}`
    return html`<section
      class=${target ? 'column target' : 'column'}
      data-stage=${column.stage}
      aria-labelledby=${id}
      @dragover=${(e: DragEvent) => this.onDragOver(e, column.stage)}
      @dragleave=${() => (this.dropTarget = undefined)}
      @drop=${(e: DragEvent) => this.onDrop(e, column.stage)}
    >
      <h3 id=${id}>${this.label(column.stage)}</h3>
      <p class="totals">
        <span class="count">${m.board.count(column.cards.length)}</span> ·
        <span class="weighted">${m.board.weighted}: ${this.totals(column)}</span>
      </p>
      ${
        column.cards.length
          ? html`<ul aria-labelledby=${id}>
              ${column.cards.map((c) => this.renderCard(c))}
            </ul>`
          : html`<p class="meta">${m.board.empty}</p>`
      }
    </section>`
  }

  override render() {
    const m = this.m
    const columns = this.columns
    const pending = this.pending
    return html`<section aria-labelledby="board-h" aria-busy=${this.loading ? 'true' : 'false'}>
      <div class="toolbar">
        <h2 id="board-h" tabindex="-1">${m.board.heading}</h2>
        ${
          this.pipelines.length > 1
            ? html`<label for="pipeline">${m.board.pipeline}</label>
                <select id="pipeline" @change=${this.choosePipeline}>
                  ${this.pipelines.map(
                    (p) =>
                      html`<option value=${p.id} ?selected=${p.id === this.pipeline?.id}>
                        ${p.name}
                      </option>`,
                  )}
                </select>`
            : nothing
        }
        <button class="secondary" type="button" @click=${() => this.load()}>
          ${m.board.reload}
        </button>
        <span role="status"
          >${this.loading ? (columns ? m.board.refreshing : m.board.loading) : ''}</span
        >
      </div>
      <p id="help" class="help">${m.board.help}</p>
      <div role="alert" class="error">${this.error}${this.notice}</div>
      ${this.truncated ? html`<p class="meta">${m.board.truncated(MAX_PAGES * 100)}</p>` : nothing}
      <div class="visually-hidden" id="live" aria-live="assertive"></div>
      ${
        columns
          ? html`<div class="columns">${columns.map((c) => this.renderColumn(c))}</div>
              <div class="closers">
                ${(['won', 'lost'] as const).map((t) => this.renderCloser(t))}
              </div>`
          : nothing
      }
      <dialog aria-labelledby="dialog-h" @cancel=${this.onDialogCancel}>
        <form @submit=${this.confirmMove} novalidate>
          <h3 id="dialog-h">
            ${pending ? m.dialog.heading(this.name(pending.card), this.label(pending.to)) : ''}
          </h3>
          <label for="reason"
            >${
              pending && isClosing(pending.to) ? m.dialog.closeReasonLabel : m.dialog.reasonLabel
            }</label
          >
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
