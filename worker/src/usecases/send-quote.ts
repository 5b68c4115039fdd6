/**
 * A rep sends a draft quote: it gets its link (a token answered once, kept only as a hash), the
 * lead's earlier sent revisions become `replaced` (their links open the new one), the lead moves
 * to `proposal`, and the contact gets the link by e-mail, all in one batch.
 */
import { getLead, activityStatement, moveStatements } from '../db/leads'
import { getDeliverySettings } from '../db/delivery-settings'
import {
  forgetLinksStatement,
  quoteFromRow,
  replaceableQuotes,
  sendStatements,
  type QuoteRow,
} from '../db/quotes'
import { getSiteById } from '../db/sites'
import { getUser } from '../db/users'
import { localDate } from '../booking/time'
import { DomainError } from '../lib/errors'
import { newId, randomToken, sha256Hex } from '../lib/ids'
import { quoteSentStatements } from '../notices/quotes'
import { applyAutomatic } from '../pipeline'
import { contentText, sendRefusal } from '../quotes'
import { linkKeys, quotePageLink, sealNewerToken } from '../quotes/links'
import { commitQuoteChange, statusRefusal } from './quote-change'
import type { LinkDeps } from './batch'

/**
 * Sends a draft quote of the rep's store; answers the link, which is never stored in clear.
 * Throws 409 `conflict` when it is no draft or changed meanwhile (nothing written), 422 when
 * its validity ended before today in the store's zone, 404 when its lead is gone.
 */
export async function sendQuote(
  { db, now, publicUrl }: LinkDeps,
  q: QuoteRow,
  by: { siteId: string; userId: string },
): Promise<{ url: string }> {
  const { siteId, userId } = by
  if (q.status !== 'draft') throw statusRefusal('quote', q.status)
  const site = await getSiteById(db, siteId)
  const refusal = sendRefusal(
    { validUntil: q.valid_until },
    localDate(now.getTime(), site?.time_zone ?? 'UTC'),
  )
  if (refusal) throw new DomainError('validation_failed', 'Some fields are not valid.', [refusal])
  const lead = await getLead(db, siteId, q.lead_id)
  if (!lead) throw new DomainError('not_found', 'No such lead.')
  const quote = quoteFromRow(q)
  const at = now.toISOString()
  const token = randomToken(32)
  const [tokenHash, contentHash, keys, replaced] = await Promise.all([
    sha256Hex(token),
    sha256Hex(contentText({ ...quote, notes: q.notes })),
    linkKeys(q.id, token),
    replaceableQuotes(db, siteId, q.lead_id, q.id),
  ])
  // The old links open the new one: its token sealed to each replaced quote's key.
  const replacedLinks = await Promise.all(
    replaced.flatMap((r) =>
      r.link_public_key
        ? [sealNewerToken(r.id, r.link_public_key, token).then((sealed) => ({ id: r.id, sealed }))]
        : [],
    ),
  )
  const actor = { type: 'user' as const, id: userId }
  const move = applyAutomatic(lead, 'quote_sent', now, actor)
  const rep = await getUser(db, siteId, userId)
  const settings = await getDeliverySettings(db, siteId)
  // The store's quote page, else the one this worker hosts: a page the contact can open.
  const url = quotePageLink(publicUrl(), settings.quotePageUrl, token)
  const notices = await quoteSentStatements(db, q, url, rep?.name ?? '', now)
  const sending = {
    eventId: newId('qe'),
    tokenHash,
    contentHash,
    linkPublicKey: keys.publicKey,
    linkPrivateKey: keys.sealedPrivateKey,
    replacedLinks,
    repId: userId,
    expectedVersion: q.version,
    at,
  }
  const activity = {
    type: 'quote_sent',
    body: { quoteId: q.id, revision: q.revision, contentHash },
  }
  await commitQuoteChange(db, {
    // The guarded update (a draft of this version), then its event row, which fails the batch
    // when the update missed, then the replaced revisions.
    change: sendStatements(db, siteId, q, sending, actor),
    then: [
      activityStatement(db, siteId, q.lead_id, activity, 'user', userId, at),
      // A lead already at deal or closed stays where it is (the pipeline refuses the move).
      ...(move.ok && move.plan.from !== move.plan.to
        ? moveStatements(db, siteId, q.lead_id, { ...move.plan, expectedVersion: null })
        : []),
      // The revisions it replaced are no longer cited by messages.
      forgetLinksStatement(db, siteId, q.lead_id),
    ],
    events: notices,
  })
  return { url }
}
