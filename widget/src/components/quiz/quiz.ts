/**
 * `<leadline-quiz>`: the qualification quiz. Loads the store's quiz (`GET /v1/sites/:siteKey/quiz`),
 * walks the visitor through it one question per step along the contract's branching path, keeps
 * the progress on the device, and sends the answers through the outbox: with the lead id when a
 * lead is known, else after a contact step with consent.
 */
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import type {
  Answer,
  Locale,
  Outcome,
  PublicQuiz,
  QuizStart,
  QuizSubmit,
  QuizSubmitted,
  SiteConfig,
} from '../../../../contract'
import { getJson, newKey, outbox, type ApiFailure, type SendResult } from '../../internal/api'
import { define, leadStorageKey, LeadlineElement } from '../../internal/base'
import { LoadController, OutboxController } from '../../internal/controllers'
import {
  buildBody,
  mapServerIssues,
  type FieldError,
  type Values,
} from '../../internal/form-helpers'
import { resolveLocale } from '../../internal/localize'
import { guard, readConsent, readControls, SubmitGuard, within } from '../../internal/submit'
import {
  answerProblem,
  answersOnPath,
  CONTACT,
  keepValid,
  loadProgress,
  newProgress,
  pathOf,
  saveProgress,
  totalOf,
  type Progress,
  type PublicQuestion,
} from '../../internal/quiz-progress'
import type { Validate } from '../../internal/validation'
import { quizMessages, type QuizMessages } from '../../i18n/quiz'
import { contactConfig, renderContact, renderControl } from './controls'
import { quizStyles } from './styles'

export interface LeadlineQuizStepDetail {
  /** The question's id. */
  question: string
  /** 1-based position on the visitor's path. */
  index: number
  /** Questions on the path if no later answer opens a branch. */
  total: number
}
export interface LeadlineQuizCompleteDetail {
  outcome: Outcome
  responseId: string
  leadId: string
}
export interface LeadlineBookDemoDetail {
  responseId: string
  leadId: string
}

type Status = 'idle' | 'sending' | 'pending' | 'failed'

/** Events wait this long for company, so a visitor's steps go out in one request. */
const EVENT_BATCH_MS = 2000
/** How long the contact step's submit waits for the validation chunk (see the form's). */
const VALIDATOR_WAIT_MS = 5000

/**
 * The qualification quiz: one question per step, branching as the store defined it, an end
 * screen per outcome.
 *
 * @tag leadline-quiz
 * @summary Asks the store's qualification questions and sends the answers for scoring.
 *
 * @attr site-key - The store's public site key (`pk_…`); defaults to the loader's `data-site`.
 * @attr api-base - The API origin; defaults to the loader script's origin.
 * @attr lang - `tr` or `en`; defaults to the page's `<html lang>`, then Turkish.
 * @attr lead-id - The lead these answers belong to. Without it the quiz takes the lead of a
 *   `<leadline-form>` on the page (its `leadline-success`), else the one from an earlier visit,
 *   else it asks for contact details and consent after the last question.
 *
 * @event leadline-quiz-step - A question is shown; `detail` has `question`, `index`, `total`.
 * @event leadline-quiz-complete - The answers were scored; `detail` has `outcome`, `responseId`, `leadId`.
 * @event leadline-book-demo - The visitor chose "Book a demo" on the end screen; `detail` has `responseId`, `leadId`.
 * @event leadline-error - The server refused the answers; `detail` has `code` and `message`.
 *
 * @csspart quiz - The `<form>` around the current step.
 * @csspart progress - The progress bar ("Question 2 of 7").
 * @csspart question - The fieldset of the current question (or the contact step).
 * @csspart option - The label of one choice.
 * @csspart input - An input, select or textarea.
 * @csspart back-button - The Back button.
 * @csspart next-button - The Next (or Send) button.
 * @csspart book-demo-button - The end screen's "Book a demo" button.
 * @csspart error - The message that says why the visitor cannot go on.
 * @csspart status - The live region with the quiz-level status (sending, pending, failed).
 * @csspart ending - The end screen.
 *
 * @cssproperty --leadline-color-primary - Accent colour: buttons, the progress bar, focus rings.
 * @cssproperty --leadline-color-text - Text colour.
 * @cssproperty --leadline-color-error - Colour of errors.
 * @cssproperty --leadline-font-family - Font family.
 * @cssproperty --leadline-radius - Corner radius of inputs and buttons.
 * @cssproperty --leadline-spacing - Gap between parts.
 */
export class LeadlineQuiz extends LeadlineElement {
  static override styles = quizStyles

  static override properties: PropertyDeclarations = {
    leadId: { attribute: 'lead-id' },
    quiz: { state: true },
    progress: { state: true },
    error: { state: true },
    status: { state: true },
    statusText: { state: true },
    done: { state: true },
    contactErrors: { state: true },
  }

  leadId?: string

  private quiz: PublicQuiz | 'loading' | 'failed' = 'loading'
  private config: SiteConfig | undefined
  private progress: Progress | undefined
  /** Why the current question cannot be left (shown after Next, announced). */
  private error = ''
  private status: Status = 'idle'
  private statusText = ''
  private done: LeadlineQuizCompleteDetail | undefined
  private contact: Values = {}
  private channels: Partial<Record<'email' | 'sms' | 'phone', boolean>> = {}
  private contactErrors = new Map<string, FieldError>()
  private contactShownAt = 0
  /** A lead id heard from `<leadline-form>`'s `leadline-success`. */
  private heardLead: string | undefined
  private events: QuizEventsBody['events'] = []
  private eventTimer: ReturnType<typeof setTimeout> | undefined
  private lastStep = ''
  private validatorLoad: Promise<Validate> | undefined
  private readonly submits = new SubmitGuard(this, () => this.submitFailed())

  private readonly onLead = (e: Event) => {
    const id = (e as CustomEvent<{ leadId?: string }>).detail?.leadId
    if (id) {
      this.heardLead = id
      this.requestUpdate()
    }
  }

  private readonly onHide = () => {
    if (document.visibilityState === 'hidden') this.flushEvents()
  }

  constructor() {
    super()
    new LoadController(
      this,
      () => `${this.api} ${this.site}`,
      (signal) => this.load(signal),
    )
    new OutboxController(
      this,
      () => this.progress?.pending?.key,
      (result) => void guard(() => this.settled(result), this.submitFailed),
    )
  }

  override connectedCallback(): void {
    super.connectedCallback()
    document.addEventListener('leadline-success', this.onLead)
    document.addEventListener('visibilitychange', this.onHide)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    document.removeEventListener('leadline-success', this.onLead)
    document.removeEventListener('visibilitychange', this.onHide)
    this.flushEvents()
  }

  private get t(): QuizMessages {
    return quizMessages(this.locale)
  }

  private get locale(): Locale {
    return resolveLocale(this.lang)
  }

  /** The lead these answers belong to: attribute, then the form on this page, then a past visit. */
  private get lead(): string | undefined {
    if (this.leadId || this.heardLead) return this.leadId || this.heardLead
    try {
      return (this.site && localStorage.getItem(leadStorageKey(this.site))) || undefined
    } catch {
      return undefined
    }
  }

  private async load(signal: AbortSignal): Promise<void> {
    this.quiz = 'loading'
    try {
      const site = this.site
      if (!site) throw new Error('no site key: set site-key or the script tag data-site')
      const base = `${this.api}/v1/sites/${encodeURIComponent(site)}/`
      const [quiz, config] = await Promise.all([
        getJson<PublicQuiz>(base + 'quiz', signal),
        // The contact step's consent text and the store's theme; the questions work without it.
        getJson<SiteConfig>(base + 'config', signal).catch(() => undefined),
      ])
      if (signal.aborted) return
      this.theme(config)
      this.config = config
      this.quiz = quiz
      this.progress = this.settle(quiz, loadProgress(site, quiz) ?? newProgress(quiz))
      if (this.progress.pending) void this.send(this.progress.pending)
      this.stepShown()
    } catch (e) {
      if (signal.aborted) return
      this.quiz = 'failed'
      console.warn('[leadline]', e)
    }
  }

  /** Puts `at` back on the path: a resumed or migrated step may point at a hidden question. */
  private settle(quiz: PublicQuiz, p: Progress): Progress {
    const path = pathOf(quiz, p)
    if (p.at === CONTACT ? !path.complete || this.lead : !path.ids.includes(p.at)) {
      p = { ...p, at: path.ids.at(-1) ?? CONTACT }
    }
    return p
  }

  private save(p: Progress): void {
    this.progress = p
    if (this.site) saveProgress(this.site, p)
  }

  private question(quiz: PublicQuiz, id: string): PublicQuestion | undefined {
    return quiz.questions.find((q) => q.id === id)
  }

  // ------------------------------------------------------------------------------ navigation

  private onAnswer = (q: PublicQuestion, value: Answer | undefined) => {
    const p = this.progress
    if (!p) return
    const answers = { ...p.answers }
    if (value === undefined) delete answers[q.id]
    else answers[q.id] = value
    this.save({ ...p, answers })
    if (this.error && !answerProblem(q, value)) this.error = ''
  }

  /**
   * Next (or Send), however the step's form is submitted: a click, Enter, or page code.
   * `SubmitGuard` hands over the form read during dispatch, lets one submit through at a time
   * (the contact step waits for the validation chunk) and keeps any error from the host page.
   */
  private readonly onNext = this.submits.listener((form) => this.next(form))

  private next(form: HTMLFormElement): Promise<void> | void {
    const quiz = this.quiz
    let p = this.progress
    if (typeof quiz !== 'object' || !p || this.status === 'sending' || this.status === 'pending')
      return
    if (p.at === CONTACT) return this.submitContact(quiz, p, form)
    const q = this.question(quiz, p.at)!
    const answer = p.answers[q.id]
    const problem = answerProblem(q, answer)
    if (problem) {
      const n = q.number
      this.error =
        problem === 'range' && n
          ? this.t.numberRange(this.formatNumber(n.min), this.formatNumber(n.max))
          : this.t.answerRequired
      return void this.focusOn('[aria-invalid="true"]')
    }
    this.error = ''
    const skipped = p.skipped.filter((id) => id !== q.id)
    if (answer === undefined) skipped.push(q.id)
    p = { ...p, skipped }
    if (answer !== undefined) {
      this.log(q.id, 'answered')
      // Keep what `log` recorded, or the next save forgets it and a revisit logs it again.
      p = this.startIfAttached(quiz, { ...p, logged: this.progress?.logged ?? p.logged })
    }
    const path = pathOf(quiz, p)
    const next = path.ids[path.ids.indexOf(q.id) + 1]
    if (next) return this.go({ ...p, at: next })
    if (!path.complete) return this.go({ ...p, at: path.ids.at(-1)! })
    this.save(p)
    const lead = this.lead
    if (lead) return this.submit(quiz, p, { leadId: lead })
    this.go({ ...p, at: CONTACT })
  }

  private onBack(): void {
    const quiz = this.quiz
    const p = this.progress
    if (typeof quiz !== 'object' || !p || this.busy) return
    const ids = pathOf(quiz, p).ids
    const i = p.at === CONTACT ? ids.length : ids.indexOf(p.at)
    if (i > 0) {
      this.error = ''
      this.go({ ...p, at: ids[i - 1]! })
    }
  }

  private go(p: Progress): void {
    this.save(p)
    if (p.at === CONTACT) this.contactShownAt = performance.now()
    this.stepShown()
    this.focusOn('h2')
  }

  /** Logs `shown` and fires `leadline-quiz-step` once per step the visitor arrives at. */
  private stepShown(): void {
    const quiz = this.quiz
    const p = this.progress
    if (typeof quiz !== 'object' || !p || p.at === CONTACT || p.at === this.lastStep) return
    this.lastStep = p.at
    this.log(p.at, 'shown')
    const index = pathOf(quiz, p).ids.indexOf(p.at) + 1
    this.emit('leadline-quiz-step', { question: p.at, index, total: totalOf(quiz, p) })
  }

  // ------------------------------------------------------------------------------ server

  private get busy(): boolean {
    return this.submits.busy || this.status === 'sending' || this.status === 'pending'
  }

  /** The first answer of a visitor tied to a lead is first two-way contact: tell the server once. */
  private startIfAttached(quiz: PublicQuiz, p: Progress): Progress {
    const leadId = this.lead
    const site = this.site
    if (p.started || !leadId || !site) return p
    const body: QuizStart = {
      siteKey: site,
      quizId: quiz.quizId,
      version: quiz.version,
      sessionId: p.sessionId,
      leadId,
    }
    void outbox().send(`${this.api}/v1/quiz/start`, body, newKey())
    return { ...p, started: true }
  }

  /** Queues an anonymous funnel event (once per question and kind per session). */
  private log(question: string, event: 'shown' | 'answered'): void {
    const p = this.progress
    const name = question + ':' + event
    if (!p || p.logged.includes(name)) return
    this.save({ ...p, logged: [...p.logged, name] })
    this.events.push({ question, event })
    this.eventTimer ??= setTimeout(() => this.flushEvents(), EVENT_BATCH_MS)
  }

  /** Sends the queued events, best effort: three tries, then they are dropped. */
  private flushEvents(): void {
    clearTimeout(this.eventTimer)
    this.eventTimer = undefined
    const quiz = this.quiz
    const p = this.progress
    const site = this.site
    if (typeof quiz !== 'object' || !p || !site || !this.events.length) return
    const body: QuizEventsBody = {
      siteKey: site,
      quizId: quiz.quizId,
      version: quiz.version,
      sessionId: p.sessionId,
      events: this.events.splice(0, 100),
    }
    const url = `${this.api}/v1/quiz/events`
    void outbox().send(url, body, newKey(), { maxAttempts: 3 })
  }

  private loadValidator(): Promise<Validate> {
    return (this.validatorLoad ??= import('../../internal/validation').then(
      (m) => m.validate,
      (e: unknown) => {
        // Unreachable this time (offline, a dropped request): the next submit retries.
        this.validatorLoad = undefined
        throw e
      },
    ))
  }

  private async submitContact(quiz: PublicQuiz, p: Progress, form: HTMLFormElement) {
    const config = this.config
    const site = this.site
    if (!config || !site) return
    const fields = contactConfig(config, this.t)
    // What the controls hold before any await: a script or autofill may have filled them silently.
    this.contact = readControls(
      form,
      fields.fields.map((f) => f.name),
      this.contact,
    )
    readConsent(form, config.consent.channels, this.channels)
    const hp = form.elements.namedItem(config.spam.honeypotField) as HTMLInputElement | null
    this.statusText = this.t.sending
    // Without the chunk (unreachable, or still on its way after a few seconds) the server checks
    // the same schema and answers 422.
    const validate = await within(this.loadValidator(), VALIDATOR_WAIT_MS)
    const errors = validate?.(fields, this.contact) ?? new Map<string, FieldError>()
    this.contactErrors = errors
    if (errors.size) {
      this.setStatus('idle', '')
      this.error = this.t.fixErrors(errors.size)
      return void this.focusOn('[aria-invalid="true"]')
    }
    this.error = ''
    const { siteKey: _site, ...contact } = buildBody({
      siteKey: site,
      config: fields,
      values: this.contact,
      channels: this.channels,
      locale: this.locale,
      elapsedMs: performance.now() - this.contactShownAt,
      honeypot: hp?.value ?? '',
      page: new URL(location.href),
      referrer: document.referrer,
    })
    return this.submit(quiz, p, { contact: contact as QuizSubmit['contact'] })
  }

  private async submit(
    quiz: PublicQuiz,
    p: Progress,
    who: { leadId: string } | { contact: QuizSubmit['contact'] },
  ): Promise<void> {
    const site = this.site
    if (!site) return
    this.flushEvents()
    const body: QuizSubmit = {
      siteKey: site,
      quizId: quiz.quizId,
      version: quiz.version,
      sessionId: p.sessionId,
      answers: answersOnPath(quiz, p.answers),
      ...who,
    }
    const pending = { key: newKey(), body }
    this.save({ ...p, pending })
    await this.send(pending)
  }

  /** Hands the submission to the outbox (again, after a reload: same key, same body). */
  private async send(pending: NonNullable<Progress['pending']>): Promise<void> {
    this.setStatus('sending', this.t.sending)
    const result = await outbox().send(`${this.api}/v1/quiz/responses`, pending.body, pending.key)
    if (this.progress?.pending?.key === pending.key) await this.settled(result)
  }

  /** The server's answer to the pending submission, at once or later from the outbox. */
  private async settled(result: SendResult): Promise<void> {
    if (result.state === 'delivered') this.complete(result.data as QuizSubmitted)
    else if (result.state === 'rejected') await this.refused(result.error)
    else this.setStatus('pending', this.t.pending)
  }

  private complete(data: QuizSubmitted): void {
    const site = this.site
    this.setStatus('idle', '')
    this.progress = undefined
    if (site) {
      saveProgress(site, undefined)
      try {
        if (data.leadId) localStorage.setItem(leadStorageKey(site), data.leadId)
      } catch {
        // Storage blocked: nothing else needs the lead id on this visit.
      }
    }
    this.done = { outcome: data.outcome, responseId: data.responseId, leadId: data.leadId }
    this.emit('leadline-quiz-complete', this.done)
    void this.focusOn('h2')
  }

  private async refused(error: ApiFailure): Promise<void> {
    const p = this.progress
    if (p) this.save({ ...p, pending: undefined })
    this.emitError(error)
    if (error.code === 'quiz_version_stale') return this.reloadStale()
    const config = this.config
    if (error.status === 422 && config && error.issues && p?.at === CONTACT) {
      const issues = error.issues.map((i) => ({ ...i, path: i.path?.replace(/^contact\./, '') }))
      this.contactErrors = mapServerIssues(contactConfig(config, this.t), issues).errors
    }
    this.setStatus('failed', this.t.failed)
  }

  /**
   * The store published a new version while the visitor answered: load it, keep the answers that
   * still fit, and bring the visitor to the first question left to answer.
   */
  private async reloadStale(): Promise<void> {
    const old = this.progress
    const site = this.site
    if (!old || !site) return
    try {
      // The quiz is served with max-age: the browser's copy is the stale version.
      const url = `${this.api}/v1/sites/${encodeURIComponent(site)}/quiz`
      const quiz = await getJson<PublicQuiz>(url, undefined, 'no-cache')
      const answers = keepValid(quiz, old.answers)
      const fresh = { ...old, quizId: quiz.quizId, version: quiz.version, answers, logged: [] }
      fresh.skipped = old.skipped.filter((id) => quiz.questions.some((q) => q.id === id))
      const p = this.settle(quiz, { ...fresh, at: CONTACT })
      this.quiz = quiz
      this.lastStep = ''
      this.setStatus('failed', this.t.quizChanged)
      this.go(p)
    } catch {
      this.setStatus('failed', this.t.failed)
    }
  }

  private setStatus(status: Status, text: string): void {
    this.status = status
    this.statusText = text
  }

  /** Something threw while submitting: what the outbox holds still goes, else say it failed. */
  private readonly submitFailed = () => {
    if (outbox().has(this.progress?.pending?.key)) this.setStatus('pending', this.t.pending)
    else this.setStatus('failed', this.t.failed)
  }

  private formatNumber(n: number): string {
    return new Intl.NumberFormat(this.locale).format(n)
  }

  /** Draws the bar through the CSSOM: a strict CSP blocks `style` attributes, not this. */
  protected override updated(changed: PropertyValues): void {
    const bar = this.renderRoot.querySelector<HTMLElement>('.bar')
    const now = this.renderRoot.querySelector('[role="progressbar"]')
    if (bar && now) {
      const share =
        Number(now.getAttribute('aria-valuenow')) / Number(now.getAttribute('aria-valuemax'))
      bar.style.width = `${Math.round(share * 100)}%`
    }
    super.updated(changed)
  }

  // ------------------------------------------------------------------------------ render

  override render() {
    const t = this.t
    const quiz = this.quiz
    if (this.done && typeof quiz === 'object') return this.renderEnding(quiz, this.done)
    const p = this.progress
    if (typeof quiz !== 'object' || !p) {
      return html`<p part="status" role="status">
        ${quiz === 'failed' ? t.quizLoadFailed : t.quizLoading}
      </p>`
    }
    const path = pathOf(quiz, p)
    const contact = p.at === CONTACT
    const total = totalOf(quiz, p)
    const index = contact ? total : path.ids.indexOf(p.at) + 1
    const q = contact ? undefined : this.question(quiz, p.at)
    const last = !contact && this.lead && path.ids.length === total && p.at === path.ids.at(-1)
    const label = t.progress(index, total)
    const ctx = { t, locale: this.locale }
    return html`<form part="quiz" novalidate @submit=${this.onNext}>
      <p class="title">${quiz.title[this.locale]}</p>
      <div
        part="progress"
        role="progressbar"
        aria-label=${label}
        aria-valuemin="1"
        aria-valuemax=${total}
        aria-valuenow=${index}
        aria-valuetext=${label}
      >
        <span class="count" aria-hidden="true">${label}</span>
        <span class="track"><span class="bar"></span></span>
      </div>
      ${
        q
          ? renderControl(ctx, q, p.answers[q.id], this.error ? 'err' : undefined, this.onAnswer)
          : renderContact(ctx, this.config, this.contact, this.contactErrors, this.channels, () =>
              this.requestUpdate(),
            )
      }
      <p id="err" part="error" class="error" aria-live="assertive">${this.error}</p>
      <div class="nav">
        <button
          part="back-button"
          type="button"
          class="secondary"
          ?hidden=${index <= 1 && !contact}
          ?disabled=${this.busy}
          @click=${this.onBack}
        >
          ${t.back}
        </button>
        <button part="next-button" type="submit" ?disabled=${this.busy}>
          ${contact || last ? t.submit : t.next}
        </button>
      </div>
      <p part="status" class="status" role="status" aria-live="polite">${this.statusText}</p>
    </form>`
  }

  private renderEnding(quiz: PublicQuiz, done: LeadlineQuizCompleteDetail) {
    const ending = quiz.endings[done.outcome]
    const booking = ending.action === 'book_demo' && document.querySelector('leadline-booking')
    return html`<section part="ending" class="ending">
      <h2 tabindex="-1">${ending.title[this.locale]}</h2>
      <p class="body">${ending.body[this.locale]}</p>
      ${
        booking
          ? html`<button part="book-demo-button" type="button" @click=${this.bookDemo}>
              ${this.t.bookDemo}
            </button>`
          : nothing
      }
    </section>`
  }

  private bookDemo(): void {
    const booking = document.querySelector<HTMLElement>('leadline-booking')
    if (!booking || !this.done) return
    this.emit('leadline-book-demo', { responseId: this.done.responseId, leadId: this.done.leadId })
    booking.scrollIntoView({ behavior: 'smooth', block: 'start' })
    if (!booking.hasAttribute('tabindex') && !booking.shadowRoot?.delegatesFocus) {
      booking.tabIndex = -1
    }
    booking.focus({ preventScroll: true })
  }
}

type QuizEventsBody = import('../../../../contract').QuizEvents

/** Registers `<leadline-quiz>`; a no-op when it is already defined. */
export function defineQuiz(): void {
  define('leadline-quiz', LeadlineQuiz)
}

declare global {
  interface HTMLElementTagNameMap {
    'leadline-quiz': LeadlineQuiz
  }
  interface GlobalEventHandlersEventMap {
    'leadline-quiz-step': CustomEvent<LeadlineQuizStepDetail>
    'leadline-quiz-complete': CustomEvent<LeadlineQuizCompleteDetail>
    'leadline-book-demo': CustomEvent<LeadlineBookDemoDetail>
  }
}
