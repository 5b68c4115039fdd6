/** Routes of the contactbook area, documented as data (see routes.ts). */
import type * as v from 'valibot'
import type { RouteDoc } from './routes'

export const CONTACTBOOK_SCHEMAS = {} satisfies Record<string, v.GenericSchema>

export const CONTACTBOOK_ROUTES: RouteDoc[] = []
