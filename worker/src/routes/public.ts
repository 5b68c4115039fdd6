/** The public API the widgets call: store config and lead capture. */
import { Hono } from 'hono'
import * as v from 'valibot'
import {
  HONEYPOT_FIELD,
  LeadCreateSchema,
  SiteKeySchema,
  type LeadCreated,
  type SiteConfig,
} from '../../../contract'
import type { AppEnv } from '../env'
import { captureStatements } from '../db/capture'
import { planCapture } from '../leads/capture'
import { ApiError } from '../lib/errors'
import { newId } from '../lib/ids'
import { requireJson, validate } from '../middleware/body'
import { admitSite } from '../middleware/site'
import { commitIdempotent, idempotent } from '../middleware/idempotency'
import { rateLimit } from '../middleware/rate-limit'
import { readSettings } from '../sites/settings'

export const publicRoutes = new Hono<AppEnv>()
  .get(
    '/sites/:siteKey/config',
    validate('param', v.object({ siteKey: SiteKeySchema })),
    async (c) => {
      const site = await admitSite(c, c.req.valid('param').siteKey, { write: false })
      const settings = readSettings(site.settings)
      const config: SiteConfig = {
        siteKey: site.public_key,
        name: site.name,
        locale: site.locale,
        currency: site.currency,
        timeZone: site.time_zone,
        fields: settings.fields,
        consent: settings.consent,
        theme: settings.theme,
        spam: { minFillMs: settings.minFillMs, honeypotField: HONEYPOT_FIELD },
      }
      c.header('Cache-Control', 'public, max-age=60')
      return c.json(config)
    },
  )
  .post('/leads', requireJson(), validate('json', LeadCreateSchema), async (c) => {
    const input = c.req.valid('json')
    const site = await admitSite(c, input.siteKey, { write: true })
    // Inside `idempotent`, so a retry whose first attempt was stored gets its first answer back
    // even when the address has since reached the rate limit.
    return idempotent(c, site.id, { required: true }, async (idem) => {
      await rateLimit(c, site.id)
      const now = new Date()
      const result = planCapture(input, {
        settings: readSettings(site.settings),
        consentVersions: site.consent_versions,
        locale: site.locale,
        source: 'form',
        region: site.default_region,
        now,
        newId,
      })
      if (!result.ok) {
        throw new ApiError('validation_failed', 'Some fields are not valid.', result.issues)
      }
      const { plan } = result
      const body: LeadCreated = { leadId: plan.lead.id, stage: 'lead', channels: plan.channels }
      const statements = captureStatements(c.env.DB, site.id, site.currency, plan)
      return commitIdempotent(c, idem, statements, 201, body, now.toISOString())
    })
  })
