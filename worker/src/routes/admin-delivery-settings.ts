/**
 * Admin API for the store's delivery settings: providers, quiet hours, frequency cap, reminders
 * and page addresses (owners change them), at the old path `/admin/api/messaging/settings`.
 */
import { Hono, type Context } from 'hono'
import { type DeliverySettings, DeliverySettingsSchema } from '../../../contract'
import { secretOf, type AppEnv } from '../env'
import { getDeliverySettings, putDeliverySettingsStatement } from '../db/delivery-settings'
import { ApiError, type Issue } from '../lib/errors'
import { requireOwner } from '../middleware/admin-auth'
import { requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'

/** Every secret the settings name must be set in the worker: credentials never come in here. */
function checkSecrets(c: Context<AppEnv>, s: DeliverySettings) {
  const named: [string, string | undefined][] = [
    ['email.apiKeySecret', s.email?.apiKeySecret],
    ['email.webhookSecret', s.email?.webhookSecret],
    ['sms.usernameSecret', s.sms?.usernameSecret],
    ['sms.passwordSecret', s.sms?.passwordSecret],
    ['sms.reportTokenSecret', s.sms?.reportTokenSecret],
  ]
  const issues: Issue[] = named
    .filter(([, name]) => name !== undefined && secretOf(c.env, name) === undefined)
    .map(([path, name]) => ({
      path,
      message: `the worker has no secret ${name}; set it with wrangler secret put ${name}`,
    }))
  if (issues.length > 0)
    throw new ApiError('validation_failed', 'The settings name missing secrets.', issues)
}

/** The delivery settings, at `/admin/api/messaging/settings`. */
export const adminDeliverySettings = new Hono<AppEnv>()
  .get(
    '/settings',
    describeRoute({
      operationId: 'getMessagingSettings',
      summary: "The store's delivery settings",
      description:
        'Providers (by the names of the Worker secrets that hold their credentials), ' +
        'quiet hours, the frequency cap, the booking link and reminder times.',
      tag: 'Nurture',
      success: { status: 200, description: 'The settings.', schema: DeliverySettingsSchema },
      errors: ERRORS.adminRead,
    }),
    async (c) => c.json(await getDeliverySettings(c.env.DB, c.get('auth').siteId)),
  )
  .put(
    '/settings',
    describeRoute({
      operationId: 'putMessagingSettings',
      summary: "Replace the store's delivery settings (owners)",
      description:
        'Credentials are never sent: each provider names Worker secrets, and a name that ' +
        'is not set in the worker is refused with 422 at its path (e.g. ' +
        '`email.apiKeySecret`).',
      tag: 'Nurture',
      success: { status: 200, description: 'The settings.', schema: DeliverySettingsSchema },
      errors: [...ERRORS.adminJson, 403],
    }),
    requireJson(),
    validate('json', DeliverySettingsSchema),
    async (c) => {
      requireOwner(c)
      const settings = c.req.valid('json')
      checkSecrets(c, settings)
      const at = new Date().toISOString()
      await putDeliverySettingsStatement(c.env.DB, c.get('auth').siteId, settings, at).run()
      return c.json(settings)
    },
  )
