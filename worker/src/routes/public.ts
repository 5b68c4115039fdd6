/** The public API the widgets call: store config and lead capture. */
import { Hono } from 'hono'
import * as v from 'valibot'
import {
  HONEYPOT_FIELD,
  LeadCreateSchema,
  LeadCreatedSchema,
  type SiteConfig,
  SiteConfigSchema,
  SiteKeySchema,
} from '../../../contract'
import type { AppEnv } from '../env'
import { requireJson } from '../middleware/body'
import { describeRoute, validate } from '../openapi/describe'
import { admitSite } from '../middleware/site'
import { idempotent } from '../middleware/idempotency'
import { rateLimit } from '../middleware/rate-limit'
import { readSettings } from '../sites/settings'
import { captureLead } from '../usecases/capture-lead'

export const siteConfigRoutes = new Hono<AppEnv>().get(
  '/:siteKey/config',
  describeRoute({
    operationId: 'getSiteConfig',
    summary: "A store's widget configuration",
    description:
      'What the widgets fetch before they render: fields, consent text, theme and spam ' +
      "settings. A request with an `Origin` header must come from one of the store's " +
      'allowed origins.',
    tag: 'Public',
    success: { status: 200, description: 'The configuration.', schema: SiteConfigSchema },
    errors: [403, 404, 422, 500, 503],
  }),
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

/** Lead capture, at `/v1/leads`. */
export const leadCaptureRoutes = new Hono<AppEnv>().post(
  '/',
  describeRoute({
    operationId: 'createLead',
    summary: 'Capture a lead',
    description:
      'Creates a lead at stage `lead` with its contact and consent records. Give an ' +
      'e-mail address or a phone number (or both), the fields the store marks ' +
      'required, and in `custom` only fields the store defined (at most 30). Text ' +
      'fields are trimmed; blank optional fields count as absent. Needs an allowed ' +
      '`Origin`; at most 20 captures a minute per client address and store. A retry ' +
      'with the same `Idempotency-Key` and body gets the first answer again (with ' +
      '`Idempotent-Replayed: true`). Each consent record points at the wording of ' +
      "`consent.version` in the language of `context.locale` (else the store's): the " +
      'current version, or an earlier one a page still shows; a version the store ' +
      'never had is 422 on `consent.version`.',
    tag: 'Public',
    idempotencyKey: 'required',
    success: { status: 201, description: 'The lead was stored.', schema: LeadCreatedSchema },
    errors: [400, 403, 404, 413, 415, 422, 429, 500, 503],
  }),
  requireJson(),
  validate('json', LeadCreateSchema),
  async (c) => {
    const input = c.req.valid('json')
    const site = await admitSite(c, input.siteKey, { write: true })
    // Inside `idempotent`, so a retry whose first attempt was stored gets its first answer back
    // even when the address has since reached the rate limit.
    return idempotent(c, site.id, { required: true }, async (idem) => {
      await rateLimit(c, site.id)
      const deps = { db: c.env.DB, now: new Date() }
      return c.json(await captureLead(deps, site, input, idem), 201)
    })
  },
)
