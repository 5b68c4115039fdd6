/**
 * The stage moves a quiz makes. Starting it is first two-way contact (`lead` → `qualification`);
 * its outcome then moves the lead on: qualified → `nurturing`, disqualified → `lost`
 * (reason `disqualified`), review → stays in `qualification` for a rep. A lead already past
 * qualification (a rep moved it, or it booked a meeting) is not moved back; the score and the
 * response are still recorded. Pure: the caller persists the plans in one batch.
 */
import type { Outcome, Stage } from '../../../contract'
import { applyAutomatic, type MovePlan } from '../pipeline'

/** The move starting the quiz makes, if any. */
export function startMoves(stage: Stage, now: Date): MovePlan[] {
  const started = applyAutomatic({ stage, version: 0 }, 'quiz_started', now)
  return started.ok ? [{ ...started.plan, expectedVersion: null }] : []
}

/** The moves of a finished quiz, in order, for a lead now at `stage`. */
export function completionMoves(stage: Stage, outcome: Outcome, now: Date): MovePlan[] {
  const moves = startMoves(stage, now)
  const atQualification = moves.length > 0 || stage === 'qualification'
  if (!atQualification || outcome === 'review') return moves
  const event = outcome === 'qualified' ? 'quiz_qualified' : 'quiz_disqualified'
  const result = applyAutomatic({ stage: 'qualification', version: 0 }, event, now)
  return result.ok ? [...moves, { ...result.plan, expectedVersion: null }] : moves
}
