/**
 * What the quote and invoice use cases share: a state change whose event row fails the whole
 * batch when its guard missed (db/quotes.ts), so a lost race writes nothing and answers 409.
 */
import { isQuoteConflict } from '../db/quotes'
import { DomainError } from '../lib/errors'
import { runBatch, type GuardedBatch } from './batch'

/** Runs a quote's or invoice's guarded batch; 409 `conflict` when another change came first. */
export async function commitQuoteChange(db: D1Database, batch: Omit<GuardedBatch, 'conflict'>) {
  const { matched } = await runBatch(db, { ...batch, conflict: isQuoteConflict })
  if (!matched) throw new DomainError('conflict', 'This quote changed meanwhile.')
}

/** 409 `conflict` for a quote or invoice whose status does not allow the change. */
export const statusRefusal = (what: 'quote' | 'invoice', status: string) =>
  new DomainError('conflict', `This ${what} is ${status}.`)
