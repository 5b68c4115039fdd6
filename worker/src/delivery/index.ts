/**
 * Reliable delivery of the outbox: the dispatcher, its providers (Resend, Verimor, webhooks),
 * Standard Webhooks signatures and the webhook URL guard.
 */
export { deliverDue, providerFor, type DeliverOptions, type DeliveryTally } from './dispatch'
export { MAX_ATTEMPTS, backoffMs } from './backoff'
export { newWebhookSecret, sign, signedHeaders, verify } from './sign'
export { webhookUrlProblem } from './url-guard'
export { skipReason } from './consent'
export type { Outgoing, Provider, SendResult } from './types'
