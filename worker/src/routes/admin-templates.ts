/** Admin API for nurture's message templates: e-mail and SMS, their previews, archiving. */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import {
  IdSchema,
  type TemplateInput,
  TemplateInputSchema,
  TemplatePreviewInputSchema,
  TemplatePreviewSchema,
  TemplateSchema,
} from '../../../contract'
import { bookingLink } from '../booking/links'
import { publicUrl, type AppEnv } from '../env'
import { getDeliverySettings } from '../db/delivery-settings'
import { getSiteById } from '../db/sites'
import {
  archiveTemplateStatement,
  getRecipient,
  getTemplate,
  insertTemplateStatement,
  listTemplates,
  publicTemplate,
  sequencesSending,
  updateTemplateStatement,
  type StoredTemplate,
} from '../db/templates'
import { ApiError } from '../lib/errors'
import { newId } from '../lib/ids'
import { noBody, requireJson } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { checkTemplate, messageValues, renderCommercial } from '../nurture'
import { TemplateListSchema } from '../openapi/schemas'

const idParam = validate('param', v.object({ id: IdSchema }))

/** The template as sent, once its HTML, text and variables pass; else 422 with the issues. */
function checkedTemplate(t: TemplateInput): TemplateInput {
  const issues = checkTemplate(t)
  if (issues.length > 0)
    throw new ApiError('validation_failed', 'The template is not valid.', issues.slice(0, 20))
  return t
}

/** A live (not archived) template of the store, else 404. */
async function findTemplate(c: Context<AppEnv>, id: string): Promise<StoredTemplate> {
  const t = await getTemplate(c.env.DB, c.get('auth').siteId, id)
  if (!t || t.archivedAt !== null) throw new ApiError('not_found', 'No such template.')
  return t
}

/** 409 naming the sequences that still send the template. */
async function inUse(c: Context<AppEnv>, id: string, what: string) {
  const names = await sequencesSending(c.env.DB, c.get('auth').siteId, id)
  return new ApiError('conflict', `${what}: the sequences ${names.join(', ')} send it.`)
}

/** Message templates, at `/admin/api/templates`. */
export const adminTemplates = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      operationId: 'listTemplates',
      summary: "The store's message templates (not archived), oldest first",
      tag: 'Nurture',
      success: { status: 200, description: 'The templates.', schema: TemplateListSchema },
      errors: ERRORS.adminRead,
    }),
    async (c) => c.json({ items: await listTemplates(c.env.DB, c.get('auth').siteId) }),
  )
  .post(
    '/',
    describeRoute({
      operationId: 'createTemplate',
      summary: 'Add an e-mail or SMS template',
      description:
        'Turkish and English text with `{{variables}}` (name, firstName, company, rep, ' +
        'store, bookingLink, quoteLink, unsubscribeLink). E-mail bodies allow p, br, b, ' +
        'strong, i, em, ul, ol, li and a with http, https, mailto or tel links; anything ' +
        'else, or an unknown variable, is refused with 422 and the issues.',
      tag: 'Nurture',
      success: { status: 201, description: 'The template.', schema: TemplateSchema },
      errors: ERRORS.adminJson,
    }),
    requireJson(),
    validate('json', TemplateInputSchema),
    async (c) => {
      const { siteId } = c.get('auth')
      const t = checkedTemplate(c.req.valid('json'))
      const id = newId('tp')
      await insertTemplateStatement(c.env.DB, siteId, id, t, new Date().toISOString()).run()
      return c.json(publicTemplate((await getTemplate(c.env.DB, siteId, id))!), 201)
    },
  )
  .get(
    '/:id',
    describeRoute({
      operationId: 'getTemplate',
      summary: 'A template',
      tag: 'Nurture',
      success: { status: 200, description: 'The template.', schema: TemplateSchema },
      errors: ERRORS.adminReadById,
    }),
    idParam,
    async (c) => c.json(publicTemplate(await findTemplate(c, c.req.valid('param').id))),
  )
  .put(
    '/:id',
    describeRoute({
      operationId: 'updateTemplate',
      summary: 'Replace a template (its version goes up)',
      description:
        'Messages already queued keep what they were rendered with. A template that an ' +
        'active or paused sequence sends keeps its channel (409 otherwise).',
      tag: 'Nurture',
      success: { status: 200, description: 'The template.', schema: TemplateSchema },
      errors: [...ERRORS.adminJson, 404, 409],
    }),
    idParam,
    requireJson(),
    validate('json', TemplateInputSchema),
    async (c) => {
      const { siteId } = c.get('auth')
      const { id } = c.req.valid('param')
      const t = checkedTemplate(c.req.valid('json'))
      await findTemplate(c, id)
      const at = new Date().toISOString()
      const result = await updateTemplateStatement(c.env.DB, siteId, id, t, at).run()
      if (result.meta.changes !== 1) {
        await findTemplate(c, id)
        throw await inUse(c, id, 'The template keeps its channel')
      }
      return c.json(publicTemplate((await getTemplate(c.env.DB, siteId, id))!))
    },
  )
  .delete(
    '/:id',
    describeRoute({
      operationId: 'archiveTemplate',
      summary: 'Archive a template',
      description: '409 while an active or paused sequence sends it.',
      tag: 'Nurture',
      success: { status: 204, description: 'Archived.' },
      errors: [...ERRORS.adminAction, 409],
    }),
    idParam,
    noBody(),
    async (c) => {
      const { siteId } = c.get('auth')
      const { id } = c.req.valid('param')
      await findTemplate(c, id)
      const at = new Date().toISOString()
      const result = await archiveTemplateStatement(c.env.DB, siteId, id, at).run()
      if (result.meta.changes !== 1) {
        await findTemplate(c, id)
        throw await inUse(c, id, 'The template cannot be archived')
      }
      return c.body(null, 204)
    },
  )
  .post(
    '/:id/preview',
    describeRoute({
      operationId: 'previewTemplate',
      summary: 'Render a template for a lead, as the lead would get it',
      description:
        'In the given locale, else the lead’s, else the store’s; with the unsubscribe ' +
        'footer or opt-out line. Nothing is queued or written.',
      tag: 'Nurture',
      success: { status: 200, description: 'The rendered message.', schema: TemplatePreviewSchema },
      errors: [...ERRORS.adminJson, 404],
    }),
    idParam,
    requireJson(),
    validate('json', TemplatePreviewInputSchema),
    async (c) => {
      const { siteId } = c.get('auth')
      const body = c.req.valid('json')
      const template = await findTemplate(c, c.req.valid('param').id)
      const [recipient, site, settings] = await Promise.all([
        getRecipient(c.env.DB, siteId, body.leadId),
        getSiteById(c.env.DB, siteId),
        getDeliverySettings(c.env.DB, siteId),
      ])
      if (!recipient || !site) throw new ApiError('not_found', 'No such lead.')
      const locale = body.locale ?? recipient.locale ?? site.locale
      // A link that works nowhere: a preview is no message, so there is nothing to unsubscribe.
      const origin = publicUrl(c.env)
      const link = `${origin}/u/preview`
      const booking = bookingLink(origin, settings.bookingUrl, site.public_key, recipient.leadId)
      const values = messageValues(recipient, site.name, booking, link)
      const message = renderCommercial(template, locale, values, site.name)
      if (message.channel === 'sms') return c.json({ text: message.payload.text })
      const { subject, html, text } = message.payload
      return c.json({ subject, html, text })
    },
  )
