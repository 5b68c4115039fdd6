/**
 * `<leadline-quiz-preview>`: the score preview of the quiz editor. The owner answers the draft
 * as a visitor would (only the questions its branching shows, from contract/quiz-branching.ts)
 * and the server scores the answers against the draft (`POST /admin/api/quiz/preview` with
 * `definition`, nothing saved): total, outcome, knock-out, per-criterion breakdown and the rules
 * that fired.
 */
import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit'
import { live } from 'lit/directives/live.js'
import type { Answer, Answers, Question, QuizDefinition, ScoreResult } from '../../../../contract'
import { define } from '../../define'
import { base } from '../../styles'
import { numberOf } from '../editor-kit/fields'
import { EditorSection } from '../editor-kit/editor-section'
import { quizText, type QuizWords } from './text'
import { editorStyles } from '../editor-kit/styles'
import { shownAnswers } from './draft'
import { questionTitle } from './question-editor'

export class LeadlineQuizPreview extends EditorSection<QuizWords> {
  protected readonly words = quizText

  static override styles = [
    base,
    editorStyles,
    css`
      .result {
        margin-top: 8px;
      }
      .total {
        font-size: 1.25rem;
        font-weight: 600;
      }
    `,
  ]
  static override properties: PropertyDeclarations = {
    definition: { attribute: false },
    revision: { attribute: false },
    answers: { state: true },
    result: { state: true },
    scoring: { state: true },
  }

  definition: QuizDefinition | undefined
  /** Bumped by the editor on every change of the draft it edits in place. */
  revision = 0
  private answers: Answers = {}
  private result: ScoreResult | undefined
  private scoring = false

  protected override pathWords() {
    return this.t.quiz.paths
  }

  private get p() {
    return this.t.preview
  }

  private answer(id: string, value: Answer | undefined) {
    const next = { ...this.answers }
    if (value === undefined) delete next[id]
    else next[id] = value
    this.answers = next
  }

  private async score(event: SubmitEvent) {
    event.preventDefault()
    const api = this.api
    const definition = this.definition
    if (!api || !definition || this.scoring) return
    const { answers } = shownAnswers(definition.questions, this.answers)
    this.scoring = true
    this.clearOutcome()
    const res = await api.call<ScoreResult>('/quiz/preview', {
      method: 'POST',
      body: JSON.stringify({ answers, definition }),
    })
    this.scoring = false
    if (!res.ok) {
      this.result = undefined
      this.fail(this.p.failed, res)
      return
    }
    this.result = res.value
    await this.say(this.p.scored(res.value.total, this.t.quiz.outcomes[res.value.outcome]))
    await this.focusLater('#pv-result')
  }

  private clear() {
    this.answers = {}
    this.result = undefined
    void this.say(this.p.cleared)
  }

  private renderControl(q: Question) {
    const id = `pv-${q.id}`
    const title = questionTitle(q, this.locale)
    const value = Object.hasOwn(this.answers, q.id) ? this.answers[q.id] : undefined
    const issues = this.issuesAt(`answers.${q.id}`)
    const issue = issues.length
      ? html`<p class="issue" id="${id}-issue">${issues.join(' ')}</p>`
      : nothing
    const described = issues.length ? `${id}-issue` : nothing
    const label = html`${title}${
      q.required ? html` <span class="meta">(${this.p.required})</span>` : nothing
    }`
    const options = q.options ?? []
    // The choices as a group under the question; one control with its label.
    const group = (choices: unknown) =>
      html`<fieldset data-preview=${q.id} aria-describedby=${described}>
        <legend>${label}</legend>
        ${choices} ${issue}
      </fieldset>`
    const field = (control: TemplateResult, o: { wide?: boolean; unit?: string } = {}) =>
      html`<div class="field${o.wide ? ' wide' : ''}" data-preview=${q.id}>
        <label for=${id}>${label}${o.unit ? ` (${o.unit})` : ''}</label>
        ${control} ${issue}
      </div>`
    switch (q.kind) {
      case 'single':
      case 'yes_no':
        return group(
          options.map(
            (o) =>
              html`<label class="field check"
                ><input
                  type="radio"
                  name=${id}
                  .checked=${live(value === o.value)}
                  @change=${() => this.answer(q.id, o.value)}
                />${o.label[this.locale] || o.value}</label
              >`,
          ),
        )
      case 'multiple': {
        const picked = Array.isArray(value) ? value : []
        return group(
          options.map(
            (o) =>
              html`<label class="field check"
                ><input
                  type="checkbox"
                  .checked=${live(picked.includes(o.value))}
                  @change=${(e: Event) => {
                    const on = (e.target as HTMLInputElement).checked
                    const next = on ? [...picked, o.value] : picked.filter((v) => v !== o.value)
                    this.answer(q.id, next.length ? next : undefined)
                  }}
                />${o.label[this.locale] || o.value}</label
              >`,
          ),
        )
      }
      case 'location':
        return field(
          html`<select
            id=${id}
            aria-describedby=${described}
            @change=${(e: Event) =>
              this.answer(q.id, (e.target as HTMLSelectElement).value || undefined)}
          >
            <option value="" ?selected=${value === undefined}>${this.p.choose}</option>
            ${options.map(
              (o) =>
                html`<option value=${o.value} ?selected=${value === o.value}>
                  ${o.label[this.locale] || o.value}
                </option>`,
            )}
          </select>`,
        )
      case 'number':
        return field(
          html`<input
            id=${id}
            type="number"
            step="any"
            .value=${live(typeof value === 'number' ? String(value) : '')}
            aria-describedby=${described}
            @input=${(e: Event) =>
              this.answer(q.id, numberOf((e.target as HTMLInputElement).value))}
          />`,
          { unit: q.number?.unit?.[this.locale] },
        )
      case 'text':
        return field(
          html`<textarea
            id=${id}
            rows="2"
            .value=${live(typeof value === 'string' ? value : '')}
            aria-describedby=${described}
            @input=${(e: Event) =>
              this.answer(q.id, (e.target as HTMLTextAreaElement).value || undefined)}
          ></textarea>`,
          { wide: true },
        )
    }
  }

  private renderResult(r: ScoreResult, def: QuizDefinition) {
    const p = this.p
    const byId = new Map(def.questions.map((q) => [q.id, q]))
    const criterionName = (id: string) =>
      def.criteria.find((c) => c.id === id)?.label[this.locale] || id
    const shown = (value: unknown) =>
      Array.isArray(value)
        ? value.join(', ')
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value)
    return html`<div
      class="result panel"
      id="pv-result"
      tabindex="-1"
      aria-labelledby="pv-result-h"
    >
      <h4 id="pv-result-h">${p.resultHeading}</h4>
      <p>
        <span class="total" data-total>${p.total(r.total)}</span> ·
        <strong data-outcome>${this.t.quiz.outcomes[r.outcome]}</strong>
        ${r.knockout ? html` · <span class="issue">${p.knockedOut}</span>` : nothing}
      </p>
      <table>
        <caption class="visually-hidden">
          ${p.breakdown}
        </caption>
        <thead>
          <tr>
            <th scope="col">${p.criterion}</th>
            <th scope="col">${p.points}</th>
            <th scope="col">${p.percent}</th>
            <th scope="col">${p.weight}</th>
          </tr>
        </thead>
        <tbody>
          ${r.criteria.map(
            (c) =>
              html`<tr data-criterion=${c.id}>
                <th scope="row">${criterionName(c.id)}</th>
                <td>${c.points} / ${c.max}</td>
                <td>${Math.round(c.percent)} %</td>
                <td>${c.weight}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h4>${p.fired}</h4>
      ${
        r.fired.length
          ? html`<ul data-fired>
              ${r.fired.map((f) => {
                const q = byId.get(f.question)
                return html`<li>
                  ${q ? questionTitle(q, this.locale) : f.question}: ${shown(f.value)} →
                  ${f.rule === 'knockout' ? p.ruleKnockout : p.rulePoints(f.points)}
                </li>`
              })}
            </ul>`
          : html`<p class="meta">${p.noneFired}</p>`
      }
    </div>`
  }

  override render() {
    const def = this.definition
    const p = this.p
    if (!def) return nothing
    const { ids } = shownAnswers(def.questions, this.answers)
    const byId = new Map(def.questions.map((q) => [q.id, q]))
    return html`<section aria-labelledby="pv-h">
      <h3 id="pv-h">${p.heading}</h3>
      <p class="hint">${p.help}</p>
      <form @submit=${this.score} novalidate>
        ${ids.map((id) => this.renderControl(byId.get(id)!))}
        <div class="actions">
          <button type="submit" ?disabled=${this.scoring}>${p.score}</button>
          <button type="button" class="secondary" @click=${this.clear}>${p.clear}</button>
        </div>
      </form>
      ${this.renderOutcome()} ${this.result ? this.renderResult(this.result, def) : nothing}
    </section>`
  }
}

define('leadline-quiz-preview', LeadlineQuizPreview)
