/**
 * `<leadline-console>`: the admin console's shell. Without a key in this tab's session it shows
 * the sign-in; with one, the header (who, language, sign out) and the board. Signing out forgets
 * the key. A key the API stops accepting sends the user back to the sign-in with a message.
 */
import { html, LitElement, nothing, type PropertyDeclarations } from 'lit'
import type { Locale } from '../../contract'
import { AdminApi, type Me } from './api'
import './board'
import { define } from './define'
import { explain, messages } from './localize'
import { clearKey, readKey, readLocale, storeKey, storeLocale } from './session'
import './sign-in'
import type { SignedInDetail } from './sign-in'
import { base } from './styles'
import { css } from 'lit'

export class LeadlineConsole extends LitElement {
  static override styles = [
    base,
    css`
      header {
        display: flex;
        gap: 12px;
        align-items: center;
        flex-wrap: wrap;
        border-bottom: 1px solid #cfd6de;
        padding-bottom: 8px;
        margin-bottom: 8px;
      }
      h1 {
        font-size: 1.25rem;
        margin: 0 auto 0 0;
      }
    `,
  ]
  static override properties: PropertyDeclarations = {
    locale: { state: true },
    api: { state: true },
    me: { state: true },
    notice: { state: true },
  }

  private locale: Locale = readLocale()
  private api: AdminApi | undefined
  private me: Me | undefined
  private notice = ''

  override connectedCallback(): void {
    super.connectedCallback()
    const key = readKey()
    if (key) void this.resume(key)
    document.documentElement.lang = this.locale
  }

  /** A key kept from earlier in this tab: show the board at once, and check whose it is. */
  private async resume(key: string) {
    const api = (this.api = new AdminApi(key))
    const me = await api.me()
    if (this.api !== api) return
    if (me.ok) this.me = me.value
    else if (me.status === 401) this.signOut(explain(messages(this.locale), me))
  }

  private onSignedIn(event: CustomEvent<SignedInDetail>) {
    storeKey(event.detail.key)
    this.me = event.detail.me
    this.notice = ''
    this.api = new AdminApi(event.detail.key)
  }

  private signOut(notice = '') {
    clearKey()
    this.api = undefined
    this.me = undefined
    this.notice = notice
  }

  private setLocale(event: Event) {
    const locale = (event.target as HTMLSelectElement).value === 'en' ? 'en' : 'tr'
    this.locale = locale
    storeLocale(locale)
    document.documentElement.lang = locale
  }

  override render() {
    const m = messages(this.locale)
    return html`<header>
        <h1>${m.title}</h1>
        ${this.me
          ? html`<span>${m.signedInAs(this.me.user.name, this.me.site.name)}</span>`
          : nothing}
        <label for="lang">${m.language}</label>
        <select id="lang" @change=${this.setLocale}>
          <option value="tr" ?selected=${this.locale === 'tr'}>Türkçe</option>
          <option value="en" ?selected=${this.locale === 'en'}>English</option>
        </select>
        ${this.api
          ? html`<button type="button" class="secondary" @click=${() => this.signOut()}>
              ${m.signOut}
            </button>`
          : nothing}
      </header>
      <main>
        ${this.api
          ? html`<leadline-board .api=${this.api} locale=${this.locale}></leadline-board>`
          : html`<leadline-sign-in
              locale=${this.locale}
              .notice=${this.notice}
              @leadline-signed-in=${this.onSignedIn}
            ></leadline-sign-in>`}
      </main>`
  }
}

define('leadline-console', LeadlineConsole)
