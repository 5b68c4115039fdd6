/**
 * The quiz's scoring and end screens: criteria with their weights, the qualified and review
 * thresholds, and the end screen of each outcome. Render functions over the quiz host.
 */
import { html, nothing } from 'lit'
import { OUTCOMES, type Locale, type QuizDefinition } from '../../../../contract'
import type { QuizWords } from './text'
import { input, numberOf, select, textArea } from '../editor-kit/fields'
import { freshKey, without } from '../editor-kit/lists'

export interface ScoringHost {
  readonly t: QuizWords['quiz']
  readonly draft: QuizDefinition
  issuesAt(path: string): string[]
  changed(): void
}

export function renderCriteria(h: ScoringHost) {
  const t = h.t
  const d = h.draft
  return html`<fieldset>
    <legend>${t.criteria}</legend>
    <p class="hint">${t.criteriaHint}</p>
    <ol class="rows">
      ${d.criteria.map(
        (c, i) =>
          html`<li class="fields">
            ${input({
              id: `c${i}-key`,
              label: t.criterionKey(i + 1),
              value: c.id,
              issues: h.issuesAt(`criteria.${i}.id`),
              onInput: (v) => ((c.id = v), h.changed()),
            })}
            ${input({
              id: `c${i}-tr`,
              label: t.labelTr,
              value: c.label.tr,
              onInput: (v) => ((c.label.tr = v), h.changed()),
            })}
            ${input({
              id: `c${i}-en`,
              label: t.labelEn,
              value: c.label.en,
              onInput: (v) => ((c.label.en = v), h.changed()),
            })}
            ${input({
              id: `c${i}-weight`,
              label: t.weight,
              type: 'number',
              min: 0,
              max: 10,
              step: 'any',
              value: c.weight,
              onInput: (v) => ((c.weight = numberOf(v) ?? 0), h.changed()),
            })}
            <button
              type="button"
              class="small danger"
              ?disabled=${d.criteria.length === 1}
              @click=${() => ((d.criteria = without(d.criteria, i)), h.changed())}
            >
              ${t.removeCriterion(i + 1)}
            </button>
          </li>`,
      )}
    </ol>
    ${
      h.issuesAt('criteria').length
        ? html`<p class="issue">${h.issuesAt('criteria').join(' ')}</p>`
        : nothing
    }
    <button
      type="button"
      class="small secondary"
      @click=${() => {
        const id = freshKey(
          'criterion',
          d.criteria.map((c) => c.id),
        )
        d.criteria = [...d.criteria, { id, label: { tr: '', en: '' }, weight: 1 }]
        h.changed()
      }}
    >
      ${t.addCriterion}
    </button>
  </fieldset>`
}

export function renderThresholds(h: ScoringHost) {
  const t = h.t
  const th = h.draft.thresholds
  const issues = h.issuesAt('thresholds')
  return html`<fieldset>
    <legend>${t.thresholds}</legend>
    <p class="hint">${t.thresholdsHint}</p>
    <div class="fields">
      ${input({
        id: 'th-qualified',
        label: t.outcomes.qualified,
        type: 'number',
        min: 0,
        max: 100,
        step: 1,
        value: th.qualified,
        issues,
        onInput: (v) => ((th.qualified = numberOf(v) ?? 0), h.changed()),
      })}
      ${input({
        id: 'th-review',
        label: t.outcomes.review,
        type: 'number',
        min: 0,
        max: 100,
        step: 1,
        value: th.review,
        onInput: (v) => ((th.review = numberOf(v) ?? 0), h.changed()),
      })}
    </div>
  </fieldset>`
}

export function renderEndings(h: ScoringHost) {
  const t = h.t
  return html`<fieldset>
    <legend>${t.endings}</legend>
    ${OUTCOMES.map((o) => {
      const e = h.draft.endings[o]
      const lang = (l: Locale) => (l === 'tr' ? 'Türkçe' : 'English')
      return html`<h4>${t.outcomes[o]}</h4>
        <div class="fields">
          ${(['tr', 'en'] as const).map((l) =>
            input({
              id: `end-${o}-title-${l}`,
              label: `${t.endTitle} (${lang(l)})`,
              value: e.title[l],
              onInput: (v) => ((e.title[l] = v), h.changed()),
            }),
          )}
          ${select({
            id: `end-${o}-action`,
            label: t.endAction,
            value: e.action,
            options: [
              { value: 'none', label: t.actionNone },
              { value: 'book_demo', label: t.actionBook },
            ],
            onChange: (v) => ((e.action = v), h.changed()),
          })}
        </div>
        ${(['tr', 'en'] as const).map((l) =>
          textArea({
            id: `end-${o}-body-${l}`,
            label: `${t.endBody} (${lang(l)})`,
            rows: 2,
            value: e.body[l],
            onInput: (v) => ((e.body[l] = v), h.changed()),
          }),
        )}`
    })}
  </fieldset>`
}
