/**
 * `<leadline-settings-quiz>`: the qualification quiz editor. The current quiz
 * (`GET /admin/api/quiz`) is copied into a draft: general texts, the questions (a list to add,
 * remove and move, each opening its own form), criteria and weights, thresholds and end
 * screens. Saving (`PUT`, owners) makes a new version; the version list shows them. Beside it
 * the score preview answers the draft as a visitor would. Reps read the quiz and use the preview.
 */
import { html, nothing, type PropertyDeclarations } from 'lit'
import {
  QUESTION_KINDS,
  type Condition,
  type QuestionKind,
  type QuizDefinition,
  type QuizVersion,
} from '../../../contract'
import { define } from '../define'
import { formatDateTime } from '../localize'
import { base } from '../styles'
import { input } from './editor-kit/fields'
import { EditorSection } from './editor-kit/editor-section'
import { quizText, type QuizWords } from './quiz/text'
import { editorStyles } from './editor-kit/styles'
import { formatCondition, parseCondition, type ConditionError } from './quiz/condition-text'
import { moved, without } from './editor-kit/lists'
import { newQuestion, withKind } from './quiz/draft'
import './quiz/preview'
import { questionTitle, renderQuestion, type QuestionHost } from './quiz/question-editor'
import {
  renderCriteria,
  renderEndings,
  renderThresholds,
  type ScoringHost,
} from './quiz/scoring-editor'

interface VersionItem {
  version: number
  createdAt: string
}

export class LeadlineSettingsQuiz extends EditorSection<QuizWords> {
  protected readonly words = quizText

  static override styles = [base, editorStyles]
  static override properties: PropertyDeclarations = {
    current: { state: true },
    draft: { state: true },
    versions: { state: true },
    loading: { state: true },
    revision: { state: true },
    newKind: { state: true },
    open: { state: true },
  }

  private current: QuizVersion | undefined
  private draft: QuizDefinition = emptyDraft()
  private versions: VersionItem[] = []
  private loading = false
  /** Bumped on every edit of the draft (which is edited in place). */
  private revision = 0
  private newKind: QuestionKind = 'single'
  private open = new Set<QuizDefinition['questions'][number]>()
  /** Condition fields as typed, by path, and why the ones that do not parse do not. */
  private conditionText = new Map<string, string>()
  private conditionErrors = new Map<string, ConditionError>()

  protected override pathWords() {
    return this.t.quiz.paths
  }

  protected override async load() {
    const api = this.api
    if (!api) return
    this.loading = true
    const [quiz, versions] = await Promise.all([
      api.call<QuizVersion>('/quiz'),
      api.call<{ items: VersionItem[] }>('/quiz/versions'),
    ])
    this.loading = false
    if (!quiz.ok) {
      this.fail(this.t.quiz.loadFailed, quiz)
      return
    }
    this.adopt(quiz.value)
    if (versions.ok) this.versions = versions.value.items
  }

  private adopt(quiz: QuizVersion) {
    this.current = quiz
    this.draft = structuredClone(quiz.definition)
    this.open = new Set()
    this.conditionText = new Map()
    this.conditionErrors = new Map()
    this.revision++
  }

  // ------------------------------------------------------------------ QuestionHost

  /** What the question and scoring editors read and call. */
  private host(): QuestionHost & ScoringHost {
    return {
      t: this.t.quiz,
      locale: this.locale,
      draft: this.draft,
      issues: this.issues,
      open: this.open,
      issuesAt: (path) => this.issuesAt(path),
      changed: () => this.changed(),
      toggle: (i) => this.toggle(i),
      move: (i, delta) => this.move(i, delta),
      remove: (i) => this.removeQuestion(i),
      setKind: (i, kind) => this.setKind(i, kind),
      conditionField: (path, id, label, value, set) =>
        this.conditionField(path, id, label, value, set),
    }
  }

  private changed(): void {
    this.revision++
  }

  private toggle(index: number): void {
    const q = this.draft.questions[index]!
    const open = new Set(this.open)
    if (!open.delete(q)) open.add(q)
    this.open = open
  }

  private move(index: number, delta: number): void {
    const questions = this.draft.questions
    const to = Math.min(questions.length - 1, Math.max(0, index + delta))
    if (to === index) return
    this.draft.questions = moved(questions, index, delta)
    this.forgetConditions()
    this.changed()
    void this.say(this.t.quiz.movedTo(questionTitle(questions[index]!, this.locale), to + 1))
    // Keep focus on the button pressed, now on the moved question (or its twin at an end).
    const edge =
      delta < 0 ? (to === 0 ? 'down' : 'up') : to === questions.length - 1 ? 'up' : 'down'
    void this.focusLater(`#q${to}-${edge}`)
  }

  private removeQuestion(index: number): void {
    const q = this.draft.questions[index]!
    this.draft.questions = without(this.draft.questions, index)
    this.forgetConditions()
    this.changed()
    void this.say(this.t.quiz.removed(questionTitle(q, this.locale)))
    const next = Math.min(index, this.draft.questions.length - 1)
    void this.focusLater(`#q${next}-toggle`)
  }

  private setKind(index: number, kind: QuestionKind): void {
    const q = this.draft.questions[index]!
    const next = withKind(q, kind)
    this.draft.questions = this.draft.questions.map((x, i) => (i === index ? next : x))
    const open = new Set(this.open)
    if (open.delete(q)) open.add(next)
    this.open = open
    this.changed()
  }

  /** Condition fields are kept by path; after a move or removal the paths name others. */
  private forgetConditions() {
    this.conditionText = new Map()
    this.conditionErrors = new Map()
  }

  private conditionField(
    path: string,
    id: string,
    label: string,
    value: Condition | undefined,
    set: (c: Condition | undefined) => void,
  ) {
    const t = this.t.quiz
    const text = this.conditionText.get(path) ?? (value ? formatCondition(value, this.locale) : '')
    const error = this.conditionErrors.get(path)
    const issues = [...(error ? [t.conditionError(error)] : []), ...this.issuesAt(path)]
    return input({
      id,
      label,
      value: text,
      hint: t.conditionExample,
      issues,
      onInput: (v) => {
        this.conditionText.set(path, v)
        const parsed = v.trim() === '' ? undefined : parseCondition(v)
        if (parsed && !parsed.ok) this.conditionErrors.set(path, parsed.error)
        else {
          this.conditionErrors.delete(path)
          set(parsed?.condition)
        }
        this.changed()
      },
    })
  }

  // ---------------------------------------------------------------------- actions

  private addQuestion() {
    const q = newQuestion(this.newKind, this.draft.questions)
    this.draft.questions = [...this.draft.questions, q]
    this.open = new Set(this.open).add(q)
    this.changed()
    void this.say(this.t.quiz.added(this.draft.questions.length))
    void this.focusLater(`#q${this.draft.questions.length - 1}-key`)
  }

  private async save(event: SubmitEvent) {
    event.preventDefault()
    const api = this.api
    const t = this.t.quiz
    if (!api || this.saving || !this.isOwner) return
    if (this.conditionErrors.size > 0) {
      this.clearOutcome()
      this.error = t.fixConditions
      return
    }
    const saved = await this.put<QuizVersion>('/quiz', this.draft, t.saveFailed)
    if (!saved) {
      await this.focusLater('[role="alert"]')
      return
    }
    this.adopt(saved)
    const versions = await api.call<{ items: VersionItem[] }>('/quiz/versions')
    if (versions.ok) this.versions = versions.value.items
    await this.say(t.saved(saved.version))
  }

  private async revert() {
    if (!this.current) return
    this.adopt(this.current)
    this.clearOutcome()
    await this.say(this.t.quiz.reverted)
  }

  // ----------------------------------------------------------------------- render

  private renderGeneral() {
    const t = this.t.quiz
    const d = this.draft
    const intro = d.intro ?? { tr: '', en: '' }
    return html`<fieldset>
      <legend>${t.general}</legend>
      <div class="fields">
        ${(['tr', 'en'] as const).map((l) =>
          input({
            id: `title-${l}`,
            label: l === 'tr' ? t.titleTr : t.titleEn,
            value: d.title[l],
            onInput: (v) => ((d.title[l] = v), this.changed()),
          }),
        )}
        ${(['tr', 'en'] as const).map((l) =>
          input({
            id: `intro-${l}`,
            label: l === 'tr' ? t.introTr : t.introEn,
            value: intro[l],
            onInput: (v) => {
              const next = { ...intro, [l]: v }
              if (next.tr || next.en) d.intro = next
              else delete d.intro
              this.changed()
            },
          }),
        )}
      </div>
    </fieldset>`
  }

  private renderVersions() {
    const t = this.t.quiz
    return html`<section aria-labelledby="versions-h">
      <h3 id="versions-h">${t.versions}</h3>
      <p class="hint">${t.versionsHint}</p>
      <ol class="versions">
        ${this.versions.map(
          (v) =>
            html`<li>
              ${t.version(v.version)} · ${formatDateTime(this.locale, v.createdAt)}
              ${
                v.version === this.current?.version
                  ? html` · <strong>${t.currentVersion}</strong>`
                  : nothing
              }
            </li>`,
        )}
      </ol>
    </section>`
  }

  override render() {
    const t = this.t.quiz
    const d = this.draft
    const editable = this.isOwner
    const host = this.host()
    return html`<h3>${t.heading}</h3>
      <p class="hint">${t.intro}</p>
      ${this.renderReadOnly(editable)}
      <p class="meta" role="status">${this.loading ? this.m.loading : ''}</p>
      ${
        this.current
          ? html`<p class="meta">${t.editing(this.current.version)}</p>
              <form @submit=${this.save} novalidate aria-labelledby="quiz-form-h">
                <h4 id="quiz-form-h" class="visually-hidden">${t.heading}</h4>
                <fieldset class="plain" ?disabled=${!editable}>
                  ${this.renderGeneral()}
                  <fieldset>
                    <legend>${t.questions}</legend>
                    <ol class="rows" data-questions>
                      ${d.questions.map((q, i) => renderQuestion(host, q, i))}
                    </ol>
                    <div class="actions">
                      <label for="new-kind">${t.newKind}</label>
                      <select
                        id="new-kind"
                        @change=${(e: Event) =>
                          (this.newKind = (e.target as HTMLSelectElement).value as QuestionKind)}
                      >
                        ${QUESTION_KINDS.map(
                          (k) =>
                            html`<option value=${k} ?selected=${k === this.newKind}>
                              ${t.kinds[k]}
                            </option>`,
                        )}
                      </select>
                      <button type="button" class="secondary" @click=${this.addQuestion}>
                        ${t.addQuestion}
                      </button>
                    </div>
                  </fieldset>
                  ${renderCriteria(host)} ${renderThresholds(host)} ${renderEndings(host)}
                  <div class="actions">
                    <button type="submit" id="quiz-save" ?disabled=${this.saving}>${t.save}</button>
                    <button type="button" class="secondary" @click=${this.revert}>
                      ${t.revert}
                    </button>
                    <span class="hint">${t.saveHint}</span>
                  </div>
                </fieldset>
              </form>`
          : nothing
      }
      ${this.renderOutcome()} ${this.current ? this.renderVersions() : nothing}
      <leadline-quiz-preview
        .api=${this.api}
        .me=${this.me}
        locale=${this.locale}
        .definition=${this.current ? d : undefined}
        .revision=${this.revision}
      ></leadline-quiz-preview>`
  }
}

/** A placeholder until the quiz is loaded (never rendered, never sent). */
function emptyDraft(): QuizDefinition {
  const text = { tr: '', en: '' }
  const ending = { title: text, body: text, action: 'none' as const }
  return {
    title: text,
    questions: [],
    criteria: [],
    thresholds: { qualified: 0, review: 0 },
    endings: { qualified: ending, review: ending, disqualified: ending },
  }
}

define('leadline-settings-quiz', LeadlineSettingsQuiz)
