/**
 * What every console screen gets from the shell: the API client of the signed-in key, the
 * language and who is signed in (owners see the settings reps may only read). Screens extend
 * this class; Lit inherits these properties.
 */
import { LitElement, type PropertyDeclarations } from 'lit'
import type { Locale, Me } from '../../contract'
import type { AdminApi } from './api'

export class ConsoleView extends LitElement {
  static override properties: PropertyDeclarations = {
    api: { attribute: false },
    locale: {},
    me: { attribute: false },
  }

  api: AdminApi | undefined
  locale: Locale = 'tr'
  me: Me | undefined

  get isOwner(): boolean {
    return this.me?.user.role === 'owner'
  }
}
