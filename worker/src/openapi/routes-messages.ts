/** Routes of the messages area, documented as data (see routes.ts). */
import type * as v from 'valibot'
import type { RouteDoc } from './routes'

export const MESSAGES_SCHEMAS = {} satisfies Record<string, v.GenericSchema>

export const MESSAGES_ROUTES: RouteDoc[] = []
