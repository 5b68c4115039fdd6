/**
 * One step of a sequence in the editor: its kind and what that kind needs (a wait, a weekday
 * and time, a template to send, a task, a webhook, a sequence to continue in), with buttons to
 * move and remove it. Render functions over the sequences element, which owns the draft.
 */
import { html, nothing } from 'lit'
import type { Locale, Sequence, SequenceStep, Template, Webhook } from '../../../../contract'
import type { NurtureWords } from './text'
import { renderRowButtons } from '../editor-kit/editor-parts'
import { checkbox, input, numberOf, select } from '../editor-kit/fields'
import { STEP_KINDS, type StepKind } from './steps'

export interface StepHost {
  readonly t: NurtureWords['sequences']
  readonly locale: Locale
  readonly steps: readonly SequenceStep[]
  readonly templates: readonly Template[]
  readonly webhooks: readonly Webhook[]
  /** Sequences a step may continue in (not this one, not archived). */
  readonly others: readonly Sequence[]
  issuesAt(path: string): string[]
  changed(): void
  setKind(index: number, kind: StepKind): void
  move(index: number, delta: number): void
  remove(index: number): void
}

const choice = <V extends string>(value: V, label: string) => ({ value, label })

function renderParams(h: StepHost, s: SequenceStep, i: number) {
  const t = h.t
  const id = `st${i}`
  const at = `steps.${i}`
  switch (s.kind) {
    case 'wait':
      return html`${input({
        id: `${id}-amount`,
        label: t.amount,
        type: 'number',
        min: 1,
        max: 365,
        value: s.amount,
        issues: h.issuesAt(`${at}.amount`),
        onInput: (v) => ((s.amount = numberOf(v) ?? 1), h.changed()),
      })}
      ${select({
        id: `${id}-unit`,
        label: t.unit,
        value: s.unit,
        options: (['minutes', 'hours', 'days'] as const).map((u) => choice(u, t.units[u])),
        onChange: (v) => ((s.unit = v), h.changed()),
      })}`
    case 'wait_until':
      return html`<fieldset>
          <legend>${t.weekdays}</legend>
          ${t.weekdayNames.map((name, k) =>
            checkbox({
              id: `${id}-wd${k + 1}`,
              label: name,
              checked: s.weekdays.includes(k + 1),
              onChange: (on) => {
                const next = on ? [...s.weekdays, k + 1] : s.weekdays.filter((d) => d !== k + 1)
                s.weekdays = next.sort((a, b) => a - b)
                h.changed()
              },
            }),
          )}
          ${
            h.issuesAt(`${at}.weekdays`).length
              ? html`<p class="issue">${h.issuesAt(`${at}.weekdays`).join(' ')}</p>`
              : nothing
          }
        </fieldset>
        ${input({
          id: `${id}-time`,
          label: t.time,
          type: 'time',
          value: s.time,
          issues: h.issuesAt(`${at}.time`),
          onInput: (v) => ((s.time = v), h.changed()),
        })}`
    case 'send': {
      const fitting = h.templates.filter((x) => x.channel === s.channel)
      return html`${select({
        id: `${id}-channel`,
        label: t.channel,
        value: s.channel,
        options: [choice('email', t.channels.email), choice('sms', t.channels.sms)],
        onChange: (v) => {
          s.channel = v
          s.templateId = h.templates.find((x) => x.channel === v)?.id ?? ''
          h.changed()
        },
      })}
      ${select({
        id: `${id}-template`,
        label: t.template,
        value: s.templateId,
        issues: h.issuesAt(`${at}.templateId`),
        options: [choice('', t.pick), ...fitting.map((x) => choice(x.id, x.name))],
        onChange: (v) => ((s.templateId = v), h.changed()),
      })}`
    }
    case 'task':
      return html`${input({
        id: `${id}-title`,
        label: t.taskTitle,
        value: s.title,
        maxLength: 200,
        issues: h.issuesAt(`${at}.title`),
        onInput: (v) => ((s.title = v), h.changed()),
      })}
      ${input({
        id: `${id}-due`,
        label: t.dueInHours,
        type: 'number',
        min: 0,
        max: 2160,
        value: s.dueInHours,
        onInput: (v) => ((s.dueInHours = numberOf(v) ?? 24), h.changed()),
      })}`
    case 'webhook':
      return select({
        id: `${id}-webhook`,
        label: t.webhook,
        value: s.webhookId,
        issues: h.issuesAt(`${at}.webhookId`),
        options: [
          choice('', t.pick),
          ...h.webhooks.map((w) => choice(w.id, w.description ?? w.url)),
        ],
        onChange: (v) => ((s.webhookId = v), h.changed()),
      })
    case 'enroll':
      return select({
        id: `${id}-sequence`,
        label: t.sequence,
        value: s.sequenceId,
        issues: h.issuesAt(`${at}.sequenceId`),
        options: [choice('', t.pick), ...h.others.map((q) => choice(q.id, q.name))],
        onChange: (v) => ((s.sequenceId = v), h.changed()),
      })
  }
}

export function renderStep(h: StepHost, s: SequenceStep, i: number) {
  const t = h.t
  const id = `st${i}`
  const count = h.steps.length
  const n = t.stepN(i + 1)
  return html`<li class="row" data-step=${i}>
    <div class="fields">
      ${select({
        id: `${id}-kind`,
        label: n,
        value: s.kind,
        options: STEP_KINDS.map((k) => choice(k, t.kinds[k])),
        onChange: (k) => h.setKind(i, k),
      })}
      ${renderParams(h, s, i)}
    </div>
    <div class="actions">
      ${renderRowButtons({
        id,
        index: i,
        count,
        name: n,
        t,
        move: (k, delta) => h.move(k, delta),
        remove: (k) => h.remove(k),
      })}
    </div>
  </li>`
}
