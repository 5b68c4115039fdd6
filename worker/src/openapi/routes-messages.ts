/** The unsubscribe links every commercial message carries (worker/src/routes/unsubscribe.ts). */
import * as v from 'valibot'
import { IdSchema } from '../../../contract'
import type { RouteDoc } from './routes'

export const MESSAGES_SCHEMAS = {} satisfies Record<string, v.GenericSchema>

const params = v.object({ id: IdSchema })

export const MESSAGES_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/u/:id',
    operationId: 'getUnsubscribePage',
    summary: "A message's unsubscribe page (asks; changes nothing)",
    description:
      'The link in every commercial e-mail and SMS; `id` is the message id. The page asks for a ' +
      'confirmation so that link scanners never unsubscribe anyone. An unknown id answers 404 ' +
      'with the same kind of page.',
    tag: 'Messages',
    auth: 'none',
    params,
    success: { status: 200, description: 'An HTML page.', contentType: 'text/html' },
    errors: [400, 404, 500, 503],
  },
  {
    method: 'post',
    path: '/u/:id',
    operationId: 'unsubscribe',
    summary: 'Unsubscribe from the channel of a message (one click, RFC 8058)',
    description:
      "What the page's button and mail clients' one-click unsubscribe (`List-Unsubscribe-Post: " +
      "List-Unsubscribe=One-Click`) post. Records the withdrawal of consent for the message's " +
      "channel, ends the person's sequences on it and cancels their queued commercial messages " +
      'on it; a second time changes nothing.',
    tag: 'Messages',
    auth: 'none',
    params,
    success: {
      status: 200,
      description: 'An HTML page saying it is done.',
      contentType: 'text/html',
    },
    errors: [400, 404, 500, 503],
  },
]
