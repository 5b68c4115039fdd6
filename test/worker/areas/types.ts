/** What docs.test.ts and bad-input.test.ts hand each area's request makers. */
import type { TestStore } from '../helpers'

export interface AreaContext {
  store: TestStore
  leadId: string
  contactId: string
}

/** One request per operationId, answering with the documented success status and body. */
export type AreaRequests = Record<string, () => Promise<Response>>

/** A route that takes a JSON body, with a body it accepts. */
export interface JsonRoute {
  name: string
  method: string
  path: string
  headers: Record<string, string>
  valid: unknown
}
