/**
 * The sales pipeline as pure data and functions: stages, default win probabilities, which moves
 * visitors' actions make automatically, which moves a rep may make, and the event each records.
 * No HTTP, no storage, no clock: callers pass `now` and persist the returned plan.
 */
import { OPEN_STAGES, type OpenStage, type Stage } from '../../../contract'

export { OPEN_STAGES }

/** Default win probability per stage, in percent (DESIGN.md); closed stages are certain. */
export const DEFAULT_PROBABILITY: Record<Stage, number> = {
  lead: 5,
  qualification: 10,
  nurturing: 20,
  meeting: 40,
  proposal: 60,
  deal: 80,
  won: 100,
  lost: 0,
}

/** Things visitors and the system do that move a lead on their own. */
export type AutomaticEvent =
  | 'captured'
  | 'quiz_started'
  | 'quiz_qualified'
  | 'quiz_disqualified'
  | 'meeting_booked'
  | 'meeting_held'
  | 'meeting_no_show'
  | 'quote_sent'
  | 'quote_accepted'
  | 'invoice_issued'

/** What a rep does by hand. */
export type RepEvent =
  'moved' | 'closed_won' | 'closed_lost' | 'reopened' | 'qualification_overridden'
export type PipelineEvent = AutomaticEvent | RepEvent

interface AutomaticRule {
  /** Stages the lead may be in for the event to move it; others are refused. */
  from: readonly (Stage | null)[]
  to: Stage
  reason?: string
}

const EARLY: readonly Stage[] = ['lead', 'qualification', 'nurturing']

/** Automatic moves: the event, the stages it applies from, and where it leads. */
export const AUTOMATIC_MOVES: Record<AutomaticEvent, AutomaticRule> = {
  captured: { from: [null], to: 'lead' },
  quiz_started: { from: ['lead'], to: 'qualification' },
  quiz_qualified: { from: ['qualification'], to: 'nurturing' },
  quiz_disqualified: { from: ['qualification'], to: 'lost', reason: 'disqualified' },
  meeting_booked: { from: EARLY, to: 'meeting' },
  meeting_held: { from: ['meeting'], to: 'proposal' },
  meeting_no_show: { from: ['meeting'], to: 'nurturing' },
  quote_sent: { from: [...EARLY, 'meeting', 'proposal'], to: 'proposal' },
  quote_accepted: { from: ['proposal'], to: 'deal' },
  invoice_issued: { from: ['deal'], to: 'won' },
}

export interface LeadState {
  stage: Stage
  version: number
}

export type Actor = { type: 'visitor' | 'system'; id: null } | { type: 'user'; id: string }

/** A move the caller should persist: the new state and the history row. */
export interface MovePlan {
  from: Stage | null
  to: Stage
  event: PipelineEvent
  reason: string | null
  probability: number
  closed: boolean
  at: string
  actor: Actor
  /** The version the lead must still have for the move to apply. */
  expectedVersion: number | null
}

export type MoveRefusal =
  | { code: 'not_allowed'; message: string }
  | { code: 'same_stage'; message: string }
  | { code: 'reason_required'; message: string }

export type MoveResult = { ok: true; plan: MovePlan } | { ok: false; refusal: MoveRefusal }

export const isClosed = (stage: Stage): boolean => stage === 'won' || stage === 'lost'

export const statusOf = (stage: Stage): 'open' | 'won' | 'lost' =>
  stage === 'won' || stage === 'lost' ? stage : 'open'

const refuse = (code: MoveRefusal['code'], message: string): MoveResult => ({
  ok: false,
  refusal: { code, message } as MoveRefusal,
})

/**
 * Plans a move caused by a visitor's or the system's action.
 * @example applyAutomatic({ stage: 'lead', version: 1 }, 'quiz_started', now)
 */
export function applyAutomatic(
  lead: LeadState | null,
  event: AutomaticEvent,
  now: Date,
  actor: Actor = { type: 'visitor', id: null },
): MoveResult {
  const rule = AUTOMATIC_MOVES[event]
  const from = lead?.stage ?? null
  if (!rule.from.includes(from)) {
    return refuse('not_allowed', `${event} cannot move a lead from ${from ?? 'nowhere'}`)
  }
  return {
    ok: true,
    plan: {
      from,
      to: rule.to,
      event,
      reason: rule.reason ?? null,
      probability: DEFAULT_PROBABILITY[rule.to],
      closed: isClosed(rule.to),
      at: now.toISOString(),
      actor,
      expectedVersion: lead?.version ?? null,
    },
  }
}

export type RepAction = { kind: 'move'; to: OpenStage } | { kind: 'close'; outcome: 'won' | 'lost' }

/**
 * Plans a move a rep makes by hand. Reps may move any lead to any other stage, close it won or
 * lost, or reopen a closed one; every such move needs a reason.
 */
export function applyRep(
  lead: LeadState,
  action: RepAction,
  reason: string,
  userId: string,
  now: Date,
): MoveResult {
  const why = reason.trim()
  if (why === '') return refuse('reason_required', 'a reason is required for a manual move')
  const to: Stage = action.kind === 'move' ? action.to : action.outcome
  if (to === lead.stage) return refuse('same_stage', `the lead is already at ${to}`)
  const event: RepEvent =
    action.kind === 'close'
      ? action.outcome === 'won'
        ? 'closed_won'
        : 'closed_lost'
      : isClosed(lead.stage)
        ? 'reopened'
        : 'moved'
  return {
    ok: true,
    plan: {
      from: lead.stage,
      to,
      event,
      reason: why,
      probability: DEFAULT_PROBABILITY[to],
      closed: isClosed(to),
      at: now.toISOString(),
      actor: { type: 'user', id: userId },
      expectedVersion: lead.version,
    },
  }
}

/** Where each qualification outcome leaves a lead (DESIGN.md: qualified → nurturing, …). */
export const OUTCOME_STAGE = {
  qualified: 'nurturing',
  review: 'qualification',
  disqualified: 'lost',
} as const satisfies Record<'qualified' | 'review' | 'disqualified', Stage>

/**
 * Plans a rep's override of a qualification outcome: the lead moves where that outcome leads
 * (a disqualified lead closes `lost` with reason `disqualified`). `plan` is null when the lead
 * is already there; the override itself is still recorded by the caller.
 */
export function applyOverride(
  lead: LeadState,
  outcome: keyof typeof OUTCOME_STAGE,
  reason: string,
  userId: string,
  now: Date,
): { ok: true; plan: MovePlan | null } | { ok: false; refusal: MoveRefusal } {
  const why = reason.trim()
  if (why === '')
    return { ok: false, refusal: { code: 'reason_required', message: 'a reason is required' } }
  const to = OUTCOME_STAGE[outcome]
  if (to === lead.stage) return { ok: true, plan: null }
  return {
    ok: true,
    plan: {
      from: lead.stage,
      to,
      event: 'qualification_overridden',
      reason: to === 'lost' ? 'disqualified' : why,
      probability: DEFAULT_PROBABILITY[to],
      closed: isClosed(to),
      at: now.toISOString(),
      actor: { type: 'user', id: userId },
      expectedVersion: lead.version,
    },
  }
}
