/** Hand-made histories for the analytics unit tests: a lead and its moves in a line each. */
import type { Stage } from '../../../contract'
import type { History, HistoryLead } from './history'

let seq = 0

/**
 * A lead with its moves `[to, at]` in order (the first is the capture into `lead`); the lead's
 * stage and stage_entered_at are those of its last move.
 */
export function lead(
  id: string,
  moves: [Stage, string][],
  extra: Partial<HistoryLead> = {},
): History {
  const events = moves.map(([to, at], i) => ({
    leadId: id,
    from: i === 0 ? null : moves[i - 1]![0],
    to,
    at,
    seq: ++seq,
  }))
  const last = moves[moves.length - 1]!
  return {
    leads: [
      {
        id,
        stage: last[0],
        closeReason: null,
        ownerId: null,
        valueMinor: 0,
        currency: 'TRY',
        utm: {},
        referrer: null,
        spam: false,
        stageEnteredAt: last[1],
        createdAt: moves[0]![1],
        pipelineId: null,
        expectedClose: null,
        probabilityOverride: null,
        ...extra,
      },
    ],
    events,
  }
}

export const merge = (...hs: History[]): History => ({
  leads: hs.flatMap((h) => h.leads),
  events: hs.flatMap((h) => h.events),
})
