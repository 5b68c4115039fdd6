/**
 * A person unsubscribes through the link in a commercial e-mail or SMS: one batch ends their
 * sequences on the message's channel and cancels their pending commercial messages on it, and
 * records the withdrawal of consent with its timeline row unless consent on the channel is
 * already withdrawn (db/unsubscribe.ts). Doing it twice changes nothing.
 */
import {
  stopCommercialStatements,
  withdrawConsentStatements,
  type UnsubscribeTarget,
} from '../db/unsubscribe'
import { runBatch, type Deps } from './batch'

/**
 * Unsubscribes the person of message `target` from its channel; `withdrawn` is false when their
 * consent on it was already withdrawn (no new consent or timeline row).
 */
export async function unsubscribe(
  { db, now }: Deps,
  target: UnsubscribeTarget,
): Promise<{ withdrawn: boolean }> {
  const at = now.toISOString()
  const { matched } = await runBatch(db, {
    // Whatever the consent was: nothing commercial on the channel stays pending or active.
    first: stopCommercialStatements(db, target, at),
    change: withdrawConsentStatements(db, target, at),
  })
  return { withdrawn: matched }
}
