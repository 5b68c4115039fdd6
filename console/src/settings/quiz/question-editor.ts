/**
 * One question of the quiz editor: a summary row (number, text, kind, issues) with buttons to
 * open it, move it up or down and remove it, and when open its form: key, kind, text in both
 * languages, criterion, options with points and knock-outs (or number bands), and branching.
 * Render functions over a host (the quiz settings element), which owns the draft.
 */
import { html, nothing, type TemplateResult } from 'lit'
import {
  QUESTION_KINDS,
  type Band,
  type Condition,
  type Locale,
  type Question,
  type QuestionKind,
  type QuizDefinition,
} from '../../../../contract'
import type { QuizWords } from './text'
import { renderRowButtons } from '../editor-kit/editor-parts'
import { checkbox, input, numberOf, select } from '../editor-kit/fields'
import { countWithin } from '../editor-kit/issues'
import type { Issue } from '../editor-kit/issues'
import { without } from '../editor-kit/lists'
import { newOption } from './draft'

export interface QuestionHost {
  readonly t: QuizWords['quiz']
  readonly locale: Locale
  readonly draft: QuizDefinition
  readonly issues: readonly Issue[]
  /** The questions whose form is open (by identity: a key being edited stays open). */
  readonly open: ReadonlySet<Question>
  issuesAt(path: string): string[]
  /** The draft was edited in place. */
  changed(): void
  toggle(index: number): void
  move(index: number, delta: number): void
  remove(index: number): void
  setKind(index: number, kind: QuestionKind): void
  /** A condition as an editable line of text, set on the draft when it parses. */
  conditionField(
    path: string,
    id: string,
    label: string,
    value: Condition | undefined,
    set: (c: Condition | undefined) => void,
  ): TemplateResult
}

const CHOICE_KINDS: ReadonlySet<QuestionKind> = new Set([
  'single',
  'multiple',
  'location',
  'yes_no',
])

/** The question's text in the console's language, else the other, else its key. */
export const questionTitle = (q: Question, locale: Locale): string =>
  q.text[locale] || q.text[locale === 'tr' ? 'en' : 'tr'] || q.id

function renderOptions(h: QuestionHost, q: Question, at: string, id: string) {
  const t = h.t
  const fixed = q.kind === 'yes_no'
  const options = q.options ?? []
  return html`<fieldset>
    <legend>${t.options}</legend>
    <p class="hint">${t.optionsHint}</p>
    <ol class="rows">
      ${options.map((o, j) => {
        const oid = `${id}-o${j}`
        const op = `${at}.options.${j}`
        return html`<li class="fields">
          ${input({
            id: `${oid}-value`,
            label: t.optionValue(j + 1),
            value: o.value,
            issues: h.issuesAt(`${op}.value`),
            onInput: (v) => {
              if (!fixed) o.value = v
              h.changed()
            },
          })}
          ${input({
            id: `${oid}-tr`,
            label: t.labelTr,
            value: o.label.tr,
            onInput: (v) => ((o.label.tr = v), h.changed()),
          })}
          ${input({
            id: `${oid}-en`,
            label: t.labelEn,
            value: o.label.en,
            onInput: (v) => ((o.label.en = v), h.changed()),
          })}
          ${input({
            id: `${oid}-points`,
            label: t.points,
            type: 'number',
            min: -100,
            max: 100,
            step: 1,
            value: o.points,
            onInput: (v) => ((o.points = numberOf(v) ?? 0), h.changed()),
          })}
          ${checkbox({
            id: `${oid}-ko`,
            label: t.knockout,
            checked: o.knockout,
            onChange: (c) => ((o.knockout = c), h.changed()),
          })}
          ${
            fixed
              ? nothing
              : html`<button
                  type="button"
                  class="small danger"
                  @click=${() => ((q.options = without(options, j)), h.changed())}
                >
                  ${t.removeOption(j + 1)}
                </button>`
          }
        </li>`
      })}
    </ol>
    ${
      fixed
        ? nothing
        : html`<button
            type="button"
            class="small secondary"
            @click=${() => ((q.options = [...options, newOption(q)]), h.changed())}
          >
            ${t.addOption}
          </button>`
    }
    ${
      h.issuesAt(`${at}.options`).length
        ? html`<p class="issue">${h.issuesAt(`${at}.options`).join(' ')}</p>`
        : nothing
    }
  </fieldset>`
}

function renderBand(h: QuestionHost, bands: Band[], b: Band, j: number, at: string, id: string) {
  const t = h.t
  const bid = `${id}-b${j}`
  const bound = (key: 'min' | 'max') => (v: string) => {
    const n = numberOf(v)
    if (n === undefined) delete b[key]
    else b[key] = n
    h.changed()
  }
  return html`<li class="fields">
    ${input({
      id: `${bid}-min`,
      label: t.bandMin(j + 1),
      type: 'number',
      step: 'any',
      value: b.min,
      issues: h.issuesAt(`${at}.number.bands.${j}`),
      onInput: bound('min'),
    })}
    ${input({
      id: `${bid}-max`,
      label: t.bandMax,
      type: 'number',
      step: 'any',
      value: b.max,
      onInput: bound('max'),
    })}
    ${input({
      id: `${bid}-points`,
      label: t.points,
      type: 'number',
      min: -100,
      max: 100,
      step: 1,
      value: b.points,
      onInput: (v) => ((b.points = numberOf(v) ?? 0), h.changed()),
    })}
    ${checkbox({
      id: `${bid}-ko`,
      label: t.knockout,
      checked: b.knockout,
      onChange: (c) => ((b.knockout = c), h.changed()),
    })}
    <button type="button" class="small danger" @click=${() => (bands.splice(j, 1), h.changed())}>
      ${t.removeBand(j + 1)}
    </button>
  </li>`
}

function renderNumber(h: QuestionHost, q: Question, at: string, id: string) {
  const t = h.t
  const n = q.number
  if (!n) return nothing
  const unit = n.unit ?? { tr: '', en: '' }
  const setUnit = (lang: Locale) => (v: string) => {
    const next = { ...unit, [lang]: v }
    if (next.tr || next.en) n.unit = next
    else delete n.unit
    h.changed()
  }
  return html`<fieldset>
    <legend>${t.numberSettings}</legend>
    <div class="fields">
      ${input({
        id: `${id}-min`,
        label: t.min,
        type: 'number',
        step: 'any',
        value: n.min,
        onInput: (v) => ((n.min = numberOf(v) ?? 0), h.changed()),
      })}
      ${input({
        id: `${id}-max`,
        label: t.max,
        type: 'number',
        step: 'any',
        value: n.max,
        issues: h.issuesAt(`${at}.number.max`),
        onInput: (v) => ((n.max = numberOf(v) ?? 0), h.changed()),
      })}
      ${input({
        id: `${id}-step`,
        label: t.step,
        type: 'number',
        min: 0,
        step: 'any',
        value: n.step,
        onInput: (v) => {
          const s = numberOf(v)
          if (s === undefined) delete n.step
          else n.step = s
          h.changed()
        },
      })}
      ${input({ id: `${id}-unit-tr`, label: t.unitTr, value: unit.tr, onInput: setUnit('tr') })}
      ${input({ id: `${id}-unit-en`, label: t.unitEn, value: unit.en, onInput: setUnit('en') })}
      ${select({
        id: `${id}-display`,
        label: t.display,
        value: n.display,
        options: [
          { value: 'input', label: t.displayInput },
          { value: 'slider', label: t.displaySlider },
        ],
        onChange: (v) => ((n.display = v), h.changed()),
      })}
    </div>
    <h4>${t.bands}</h4>
    <p class="hint">${t.bandsHint}</p>
    <ol class="rows">
      ${n.bands.map((b, j) => renderBand(h, n.bands, b, j, at, id))}
    </ol>
    <button
      type="button"
      class="small secondary"
      @click=${() => (n.bands.push({ points: 0, knockout: false }), h.changed())}
    >
      ${t.addBand}
    </button>
  </fieldset>`
}

function renderBranching(h: QuestionHost, q: Question, i: number, at: string, id: string) {
  const t = h.t
  const later = h.draft.questions.slice(i + 1)
  const jumps = q.jumps ?? []
  const setJumps = (next: NonNullable<Question['jumps']>) => {
    if (next.length) q.jumps = next
    else delete q.jumps
    h.changed()
  }
  return html`<fieldset>
    <legend>${t.branching}</legend>
    <p class="hint">${t.conditionHint}</p>
    ${
      i === 0
        ? html`<p class="hint">${t.firstAlwaysShown}</p>`
        : h.conditionField(`${at}.showIf`, `${id}-showif`, t.showIf, q.showIf, (c) => {
            if (c) q.showIf = c
            else delete q.showIf
          })
    }
    <ol class="rows">
      ${jumps.map(
        (jump, j) =>
          html`<li class="fields">
            ${h.conditionField(
              `${at}.jumps.${j}.when`,
              `${id}-j${j}-when`,
              t.jumpWhen(j + 1),
              jump.when,
              (c) => {
                if (c) jump.when = c
              },
            )}
            ${select({
              id: `${id}-j${j}-to`,
              label: t.jumpTo,
              value: jump.to,
              issues: h.issuesAt(`${at}.jumps.${j}.to`),
              options: [
                ...later.map((l) => ({
                  value: l.id,
                  label: `${l.id} · ${questionTitle(l, h.locale)}`,
                })),
                { value: '$end', label: t.jumpEnd },
              ],
              onChange: (v) => ((jump.to = v), h.changed()),
            })}
            <button type="button" class="small danger" @click=${() => setJumps(without(jumps, j))}>
              ${t.removeJump(j + 1)}
            </button>
          </li>`,
      )}
    </ol>
    <button
      type="button"
      class="small secondary"
      @click=${() =>
        setJumps([
          ...jumps,
          { when: { question: q.id, op: 'answered' }, to: later[0]?.id ?? '$end' },
        ])}
    >
      ${t.addJump}
    </button>
  </fieldset>`
}

function renderBody(h: QuestionHost, q: Question, i: number, at: string, id: string) {
  const t = h.t
  const help = q.help ?? { tr: '', en: '' }
  const setHelp = (lang: Locale) => (v: string) => {
    const next = { ...help, [lang]: v }
    if (next.tr || next.en) q.help = next
    else delete q.help
    h.changed()
  }
  return html`<div class="fields">
      ${input({
        id: `${id}-key`,
        label: t.key,
        value: q.id,
        hint: t.keyHint,
        issues: h.issuesAt(`${at}.id`),
        onInput: (v) => ((q.id = v), h.changed()),
      })}
      ${select({
        id: `${id}-kind`,
        label: t.kind,
        value: q.kind,
        options: QUESTION_KINDS.map((k) => ({ value: k, label: t.kinds[k] })),
        onChange: (k) => h.setKind(i, k),
      })}
      ${select({
        id: `${id}-criterion`,
        label: t.criterion,
        value: q.criterion ?? '',
        issues: h.issuesAt(`${at}.criterion`),
        options: [
          { value: '', label: t.noCriterion },
          ...h.draft.criteria.map((c) => ({ value: c.id, label: c.label[h.locale] || c.id })),
        ],
        onChange: (v) => {
          if (v) q.criterion = v
          else delete q.criterion
          h.changed()
        },
      })}
      ${checkbox({
        id: `${id}-required`,
        label: t.required,
        checked: q.required,
        onChange: (c) => ((q.required = c), h.changed()),
      })}
    </div>
    <div class="fields">
      ${input({
        id: `${id}-text-tr`,
        label: t.textTr,
        value: q.text.tr,
        onInput: (v) => ((q.text.tr = v), h.changed()),
      })}
      ${input({
        id: `${id}-text-en`,
        label: t.textEn,
        value: q.text.en,
        onInput: (v) => ((q.text.en = v), h.changed()),
      })}
      ${input({ id: `${id}-help-tr`, label: t.helpTr, value: help.tr, onInput: setHelp('tr') })}
      ${input({ id: `${id}-help-en`, label: t.helpEn, value: help.en, onInput: setHelp('en') })}
      ${
        q.kind === 'text'
          ? input({
              id: `${id}-maxlength`,
              label: t.maxLength,
              type: 'number',
              min: 1,
              max: 2000,
              value: q.maxLength,
              issues: h.issuesAt(`${at}.maxLength`),
              onInput: (v) => ((q.maxLength = numberOf(v) ?? 500), h.changed()),
            })
          : nothing
      }
    </div>
    ${CHOICE_KINDS.has(q.kind) ? renderOptions(h, q, at, id) : nothing}
    ${q.kind === 'number' ? renderNumber(h, q, at, id) : nothing}
    ${renderBranching(h, q, i, at, id)}`
}

/** The question at `i` as an item of the editor's list. */
export function renderQuestion(h: QuestionHost, q: Question, i: number): TemplateResult {
  const t = h.t
  const at = `questions.${i}`
  const id = `q${i}`
  const count = h.draft.questions.length
  const isOpen = h.open.has(q)
  const problems = countWithin(h.issues, at)
  return html`<li class="row" data-question=${q.id}>
    <div class="row-head">
      <span class="grow">
        <strong>${i + 1}.</strong> ${questionTitle(q, h.locale)}
        <span class="meta">· ${t.kinds[q.kind]}${q.showIf ? ` · ${t.conditional}` : ''}</span>
        ${problems ? html`<span class="issue">· ${t.problems(problems)}</span>` : nothing}
      </span>
      <button
        type="button"
        class="small secondary"
        id="${id}-toggle"
        aria-expanded=${isOpen ? 'true' : 'false'}
        aria-controls=${isOpen ? `${id}-body` : nothing}
        @click=${() => h.toggle(i)}
      >
        ${isOpen ? t.close : t.edit}<span class="visually-hidden"> ${t.questionN(i + 1)}</span>
      </button>
      ${renderRowButtons({
        id,
        index: i,
        count,
        name: t.questionN(i + 1),
        t,
        removeId: `${id}-remove`,
        move: (k, delta) => h.move(k, delta),
        remove: (k) => h.remove(k),
      })}
    </div>
    ${
      isOpen
        ? html`<div id="${id}-body" role="group" aria-label=${t.questionN(i + 1)}>
            ${renderBody(h, q, i, at, id)}
          </div>`
        : nothing
    }
  </li>`
}
