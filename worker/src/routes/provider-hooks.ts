/**
 * Delivery reports from the e-mail and SMS providers. Resend's event webhook is verified by its
 * Svix signature with the secret the store's settings name; Verimor's report URL carries a
 * secret token. A request that fails either check gets a bare 401 that says nothing about the
 * store (not even whether the site key exists).
 */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import {
  ReportsAppliedSchema,
  ResendEventSchema,
  SiteKeySchema,
  VerimorReportsSchema,
} from '../../../contract'
import { secretOf, type AppEnv } from '../env'
import { getDeliverySettings } from '../db/delivery-settings'
import { getSiteByKey } from '../db/sites'
import { signedHeaders, verify } from '../delivery'
import { sameToken } from '../delivery/reports'
import { applyResendEvent, applyVerimorReports } from '../db/provider-reports'
import { ApiError } from '../lib/errors'
import { issuesOf, limitBody } from '../middleware/body'
import { ERRORS, describeRoute } from '../openapi/describe'

/** Verimor posts reports in batches; a thousand of them fit in this. */
export const HOOK_MAX_BYTES = 512 * 1024

const denied = () => new ApiError('unauthorized', 'The request is not signed for this endpoint.')

/** The store of a site key and its delivery settings, or null. */
async function storeOf(c: Context<AppEnv>, siteKey: string) {
  if (!v.is(SiteKeySchema, siteKey)) return null
  const site = await getSiteByKey(c.env.DB, siteKey)
  return site ? { site, settings: await getDeliverySettings(c.env.DB, site.id) } : null
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new ApiError('invalid_json', 'The request body is not valid JSON.')
  }
}

export const providerHooks = new Hono<AppEnv>()
  .use('*', limitBody({ maxBytes: HOOK_MAX_BYTES, message: 'The request body is too large.' }))
  .post(
    '/resend/:siteKey',
    describeRoute({
      operationId: 'receiveResendEvents',
      summary: "Resend's delivery, open, click, bounce and complaint events",
      description:
        "Give Resend this URL for the store's webhook, and name the Worker secret " +
        'holding its signing secret in the delivery settings (`email.webhookSecret`). ' +
        'Requests must carry a valid Svix signature (`svix-id`, `svix-timestamp` within ' +
        '5 minutes, `svix-signature`); anything else gets 401. Events add ' +
        '`message_delivered`, `message_opened`, `message_clicked`, `message_bounced` or ' +
        '`message_complained` to the timeline; a bounce or complaint withdraws e-mail ' +
        'consent. Other events are acknowledged and ignored.',
      tag: 'Delivery',
      request: { params: v.object({ siteKey: SiteKeySchema }), body: ResendEventSchema },
      success: { status: 200, description: 'Acknowledged.', schema: ReportsAppliedSchema },
      errors: [400, 401, 413, ...ERRORS.server],
    }),
    async (c) => {
      const body = await c.req.text()
      const store = await storeOf(c, c.req.param('siteKey'))
      const name = store?.settings.email?.webhookSecret
      const secret = name ? secretOf(c.env, name) : undefined
      const signed = signedHeaders(c.req.raw.headers, 'svix')
      if (!store || !secret || !(await verify(secret, signed, body, new Date()))) throw denied()
      const event = v.safeParse(ResendEventSchema, parseJson(body))
      // A signed event of a shape we do not read is Resend's to send; answering 200 stops retries.
      if (!event.success) return c.json({ applied: 0 })
      const applied = await applyResendEvent(
        c.env.DB,
        store.site.id,
        event.output,
        signed.id!,
        new Date(),
      )
      return c.json({ applied })
    },
  )
  .post(
    '/verimor/:siteKey/:token',
    describeRoute({
      operationId: 'receiveVerimorReports',
      summary: "Verimor's SMS delivery reports",
      description:
        'Give Verimor this URL with the token kept in the Worker secret named by the ' +
        "store's `sms.reportTokenSecret` (401 otherwise). Each report with our message " +
        'id (`campaign_custom_id`) adds `message_delivered` or `message_failed` to the ' +
        'timeline; a report sent twice counts once.',
      tag: 'Delivery',
      request: {
        params: v.object({ siteKey: SiteKeySchema, token: v.pipe(v.string(), v.maxLength(200)) }),
        body: VerimorReportsSchema,
      },
      success: { status: 200, description: 'Acknowledged.', schema: ReportsAppliedSchema },
      errors: [400, 401, 413, 422, ...ERRORS.server],
    }),
    async (c) => {
      const store = await storeOf(c, c.req.param('siteKey'))
      const name = store?.settings.sms?.reportTokenSecret
      const expected = name ? secretOf(c.env, name) : undefined
      if (!store || !expected || !(await sameToken(c.req.param('token'), expected))) throw denied()
      const reports = v.safeParse(VerimorReportsSchema, parseJson(await c.req.text()))
      if (!reports.success) {
        throw new ApiError(
          'validation_failed',
          'The reports are not valid.',
          issuesOf(reports.issues),
        )
      }
      const applied = await applyVerimorReports(c.env.DB, store.site.id, reports.output, new Date())
      return c.json({ applied })
    },
  )
