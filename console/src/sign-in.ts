/**
 * `<leadline-sign-in>`: asks for an admin key and checks it with `GET /admin/api/me` before the
 * console keeps it. Fires `leadline-signed-in` with the key and who it belongs to.
 */
import { html, LitElement, nothing, type PropertyDeclarations } from 'lit'
import type { Locale, Me } from '../../contract'
import { AdminApi } from './api'
import { define } from './define'
import { explain, messages } from './localize'
import { base } from './styles'

export interface SignedInDetail {
  key: string
  me: Me
}

declare global {
  interface GlobalEventHandlersEventMap {
    'leadline-signed-in': CustomEvent<SignedInDetail>
  }
}

export class LeadlineSignIn extends LitElement {
  static override styles = [base]
  static override properties: PropertyDeclarations = {
    locale: {},
    notice: {},
    checking: { state: true },
    error: { state: true },
  }

  locale: Locale = 'tr'
  /** A message from the shell (e.g. a key that stopped working), shown above the form. */
  notice = ''
  private checking = false
  private error = ''

  private async submit(event: SubmitEvent) {
    event.preventDefault()
    const m = messages(this.locale)
    const input = this.renderRoot.querySelector('input')!
    const key = input.value.trim()
    if (!key) {
      this.error = m.signIn.empty
      input.focus()
      return
    }
    this.checking = true
    this.error = ''
    const me = await new AdminApi(key).me()
    this.checking = false
    if (!me.ok) {
      this.error = explain(m, me)
      input.focus()
      return
    }
    input.value = ''
    this.dispatchEvent(
      new CustomEvent('leadline-signed-in', {
        detail: { key, me: me.value },
        bubbles: true,
        composed: true,
      }),
    )
  }

  override render() {
    const m = messages(this.locale)
    return html`<form @submit=${this.submit} novalidate aria-labelledby="sign-in-h">
      <h2 id="sign-in-h">${m.signIn.heading}</h2>
      <p>${m.signIn.intro}</p>
      ${this.notice ? html`<p class="error" role="alert">${this.notice}</p>` : nothing}
      <p>
        <label for="key">${m.signIn.keyLabel}</label><br />
        <input
          id="key"
          name="key"
          type="password"
          autocomplete="current-password"
          spellcheck="false"
          aria-describedby="key-hint key-error"
          aria-invalid=${this.error ? 'true' : 'false'}
        />
        <span id="key-hint">${m.signIn.keyHint}</span>
      </p>
      <p id="key-error" class="error" role="alert">${this.error}</p>
      <button type="submit" ?disabled=${this.checking}>${m.signIn.submit}</button>
      <span role="status">${this.checking ? m.signIn.checking : ''}</span>
    </form>`
  }
}

define('leadline-sign-in', LeadlineSignIn)
