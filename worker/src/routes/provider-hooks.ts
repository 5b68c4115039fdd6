/**
 * Delivery reports from the e-mail and SMS providers. Resend's event webhook is verified by its
 * Svix signature with the secret the store's settings name; Verimor's report URL carries a
 * secret token. A request that fails either check gets a bare 401 that says nothing about the
 * store (not even whether the site key exists).
 */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import { ResendEventSchema, SiteKeySchema, VerimorReportsSchema } from '../../../contract'
import { secretOf, type AppEnv } from '../env'
import { getMessagingSettings } from '../db/messaging-settings'
import { getSiteByKey } from '../db/sites'
import { signedHeaders, verify } from '../delivery'
import { applyResendEvent, applyVerimorReports, sameToken } from '../delivery/reports'
import { ApiError } from '../lib/errors'
import { issuesOf, limitBody } from '../middleware/body'

/** Verimor posts reports in batches; a thousand of them fit in this. */
export const HOOK_MAX_BYTES = 512 * 1024

const denied = () => new ApiError('unauthorized', 'The request is not signed for this endpoint.')

/** The store of a site key and its messaging settings, or null. */
async function storeOf(c: Context<AppEnv>, siteKey: string) {
  if (!v.is(SiteKeySchema, siteKey)) return null
  const site = await getSiteByKey(c.env.DB, siteKey)
  return site ? { site, settings: await getMessagingSettings(c.env.DB, site.id) } : null
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
  .post('/resend/:siteKey', async (c) => {
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
  })
  .post('/verimor/:siteKey/:token', async (c) => {
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
  })
