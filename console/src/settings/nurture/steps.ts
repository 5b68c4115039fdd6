/** Pure pieces of the sequence editor: a new step or trigger of each kind with usable defaults. */
import type { SequenceStep, SequenceTrigger } from '../../../../contract'

export const STEP_KINDS = ['wait', 'wait_until', 'send', 'task', 'webhook', 'enroll'] as const
export type StepKind = (typeof STEP_KINDS)[number]

export const TRIGGERS = ['manual', 'stage', 'meeting_no_show', 'quote_stalled'] as const

/** What the defaults may point at: the first template, webhook or other sequence there is. */
export interface StepTargets {
  templates: readonly { id: string; channel: 'email' | 'sms' }[]
  webhooks: readonly { id: string }[]
  sequences: readonly { id: string }[]
}

/** A new step of `kind`; a step whose target is missing points at '' for the API to refuse. */
export function newStep(kind: StepKind, targets: StepTargets): SequenceStep {
  switch (kind) {
    case 'wait':
      return { kind, amount: 1, unit: 'days' }
    case 'wait_until':
      return { kind, weekdays: [1], time: '10:00' }
    case 'send': {
      const template = targets.templates[0]
      return { kind, channel: template?.channel ?? 'email', templateId: template?.id ?? '' }
    }
    case 'task':
      return { kind, title: '', dueInHours: 24 }
    case 'webhook':
      return { kind, webhookId: targets.webhooks[0]?.id ?? '' }
    case 'enroll':
      return { kind, sequenceId: targets.sequences[0]?.id ?? '' }
  }
}

export function newTrigger(on: SequenceTrigger['on']): SequenceTrigger {
  switch (on) {
    case 'stage':
      return { on, stage: 'nurturing' }
    case 'quote_stalled':
      return { on, days: 3 }
    default:
      return { on }
  }
}
