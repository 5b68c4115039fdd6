/**
 * The one place a use case's statements become a D1 batch, in the order their guards need. A
 * batch is D1's only transaction, and its guards read what the statements before them did, so
 * the order is the correctness:
 *
 * 1. `answer`: the stored answer of the request's `Idempotency-Key` (db/idempotency.ts), first:
 *    a second request with the key fails the whole batch on the key and writes nothing.
 * 2. `first`: what applies whatever the change does (a lead captured with its booking).
 * 3. `change`: the guarded change. Its first statement is the guard, an UPDATE whose WHERE holds
 *    the row's expected stage, version or state (it changes one row when it matched), or an
 *    INSERT that fails the batch when it cannot apply. The statements after it in `change`
 *    belong to it (a move's history, a quote's event row that fails the batch when the guard
 *    missed, a booking's claimed cells).
 * 4. `then`: what follows the change and belongs to it. A statement that must apply only when
 *    the change did runs `WHERE changes() = 1` (the statement right before it changed one row, so
 *    the chain holds link by link; db/leads.ts) or is guarded by the row the change wrote
 *    (db/events.ts `Guard`); after a change that fails the batch when it cannot apply, none
 *    needs a guard of its own.
 * 5. `events`: event rows and what they cause (webhook messages, the notices' outbox messages),
 *    each keyed to its event row (db/events.ts).
 *
 * `runBatch` runs them as one batch and reports whether the guard matched: the guard changed one
 * row, and the batch did not fail with a `conflict` (a constraint a lost race breaks).
 *
 * @example
 * const { matched } = await runBatch(db, {
 *   change: moveStatements(db, siteId, leadId, plan),
 *   then: [auditStatement(db, siteId, userId, plan.event, target, detail, plan.at, newId('au'))],
 * })
 * if (!matched) throw new DomainError('conflict', 'Someone changed this lead first.')
 */
import { saveIdempotencyKey } from '../db/idempotency'

/** What every use case works with: the store's database and the request's clock. */
export interface Deps {
  db: D1Database
  now: Date
}

/** A use case that makes a link to the worker's pages. */
export interface LinkDeps extends Deps {
  /** The worker's public origin; throws when it is not configured. */
  publicUrl: () => string
}

/** A request's `Idempotency-Key` as the HTTP layer read it. */
export interface IdempotencyKey {
  siteId: string
  key: string
  /** The hash of the request's method, path and body: a reuse with another body is refused. */
  requestHash: string
}

/** The answer stored under a key, in the batch of the change it answers. */
export interface StoredAnswer {
  key: IdempotencyKey
  status: 200 | 201 | 202
  body: unknown
  at: string
}

export interface GuardedBatch {
  answer?: StoredAnswer | null
  first?: D1PreparedStatement[]
  change: readonly [D1PreparedStatement, ...D1PreparedStatement[]]
  then?: D1PreparedStatement[]
  events?: D1PreparedStatement[]
  /** Which errors of the batch mean the guard missed (the batch wrote nothing). */
  conflict?: (err: unknown) => boolean
}

/** The statements of a guarded batch, in the order the guards need (see the module's header). */
function batchStatements(db: D1Database, b: GuardedBatch): D1PreparedStatement[] {
  const { answer } = b
  return [
    ...(answer
      ? [
          saveIdempotencyKey(
            db,
            answer.key.siteId,
            answer.key.key,
            answer.key.requestHash,
            answer.status,
            answer.body,
            answer.at,
          ),
        ]
      : []),
    ...(b.first ?? []),
    ...b.change,
    ...(b.then ?? []),
    ...(b.events ?? []),
  ]
}

/**
 * Runs a guarded batch. `matched` is false when the guard changed no row (nothing after it in
 * the chain applied) or when the batch failed with an error `conflict` recognises (nothing at
 * all applied); any other error is thrown.
 */
export async function runBatch(db: D1Database, b: GuardedBatch): Promise<{ matched: boolean }> {
  const guardAt = (b.answer ? 1 : 0) + (b.first?.length ?? 0)
  try {
    const results = await db.batch(batchStatements(db, b))
    return { matched: results[guardAt]?.meta.changes === 1 }
  } catch (err) {
    if (b.conflict?.(err)) return { matched: false }
    throw err
  }
}
