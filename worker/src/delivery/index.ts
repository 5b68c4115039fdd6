/**
 * The rules and clients of the outbox's delivery: its providers (Resend, Verimor, webhooks, each
 * given `fetch`), backoff, consent at send time, Standard Webhooks signatures and the webhook
 * URL guard. The dispatcher that runs them against D1 is worker/src/jobs/delivery.ts.
 */
export { MAX_ATTEMPTS, backoffMs } from './backoff'
export { newWebhookSecret, sign, signedHeaders, verify } from './sign'
export { webhookUrlProblem } from './url-guard'
export { skipReason } from './consent'
export type { Outgoing, Provider, SendResult } from './types'
