/**
 * `<leadline-console>`: the admin console's shell. Without a key in this tab's session it shows
 * the sign-in; with one, the header (who, language, sign out), the navigation and the screen the
 * address names. Screens other than the board load on first visit, so the first paint only
 * waits for the board. Signing out forgets the key; a key the API stops accepting sends the user
 * back to the sign-in with a message.
 */
import { css, html, LitElement, nothing, type PropertyDeclarations } from 'lit'
import type { Locale, Me } from '../../contract'
import { AdminApi } from './api'
import './board'
import { define } from './define'
import { explain, messages } from './localize'
import { inAppPath, navigate, parseRoute, type Route } from './router'
import { clearKey, readKey, readLocale, storeKey, storeLocale } from './session'
import './sign-in'
import type { SignedInDetail } from './sign-in'
import { base } from './styles'

/** The screens loaded on demand, by the view that needs them. */
const LOADERS: Partial<Record<Route['view'], () => Promise<unknown>>> = {
  leads: () => import('./views/leads-list'),
  lead: () => import('./views/lead-page'),
  contacts: () => import('./views/contacts-list'),
  contact: () => import('./views/contact-page'),
  deals: () => import('./views/deals-list'),
  analytics: () => import('./views/analytics'),
  settings: () => import('./views/settings'),
}

type NavView = 'board' | 'leads' | 'contacts' | 'deals' | 'analytics' | 'settings'
const NAV: { view: NavView; path: string }[] = [
  { view: 'board', path: '/admin/' },
  { view: 'leads', path: '/admin/leads' },
  { view: 'contacts', path: '/admin/contacts' },
  { view: 'deals', path: '/admin/deals' },
  { view: 'analytics', path: '/admin/analytics' },
  { view: 'settings', path: '/admin/settings' },
]

/** The navigation entry a screen belongs to (a lead page belongs to the leads). */
function section(route: Route): NavView | undefined {
  if (route.view === 'lead') return 'leads'
  if (route.view === 'contact') return 'contacts'
  return route.view === 'missing' ? undefined : route.view
}

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
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 16px;
        list-style: none;
        margin: 0 0 12px;
        padding: 0;
      }
      nav a {
        color: #1f5fbf;
        text-decoration: none;
        padding: 4px 2px;
        border-bottom: 3px solid transparent;
      }
      nav a[aria-current='page'] {
        color: #1b1f24;
        font-weight: 600;
        border-bottom-color: #1f5fbf;
      }
      main:focus {
        outline: none;
      }
    `,
  ]
  static override properties: PropertyDeclarations = {
    locale: { state: true },
    api: { state: true },
    me: { state: true },
    notice: { state: true },
    route: { state: true },
    loaded: { state: true },
    loadError: { state: true },
  }

  private locale: Locale = readLocale()
  private api: AdminApi | undefined
  private me: Me | undefined
  private notice = ''
  private route: Route = parseRoute(location.pathname)
  /** The views whose code has arrived. */
  private loaded = new Set<Route['view']>(['board', 'missing'])
  private loadError = false

  private readonly onRoute = () => this.go(parseRoute(location.pathname))
  private readonly onClick = (event: MouseEvent) => {
    const path = inAppPath(event)
    if (path === null) return
    event.preventDefault()
    navigate(path)
  }

  override connectedCallback(): void {
    super.connectedCallback()
    window.addEventListener('popstate', this.onRoute)
    window.addEventListener('leadline-route', this.onRoute)
    this.addEventListener('click', this.onClick)
    const key = readKey()
    if (key) void this.resume(key)
    document.documentElement.lang = this.locale
    this.go(this.route, false)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    window.removeEventListener('popstate', this.onRoute)
    window.removeEventListener('leadline-route', this.onRoute)
    this.removeEventListener('click', this.onClick)
  }

  /** Shows a screen: loads its code when needed, then moves the focus to it. */
  private async go(route: Route, focus = true) {
    this.route = route
    this.loadError = false
    const load = LOADERS[route.view]
    if (load && !this.loaded.has(route.view)) {
      try {
        await load()
      } catch {
        if (this.route === route) this.loadError = true
        return
      }
      this.loaded = new Set(this.loaded).add(route.view)
    }
    if (!focus || this.route !== route) return
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>('main')?.focus()
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

  private renderView(api: AdminApi) {
    const m = messages(this.locale)
    const route = this.route
    if (this.loadError) {
      return html`<p role="alert" class="error">${m.loadFailed}</p>
        <button type="button" @click=${() => this.go(route)}>${m.retry}</button>`
    }
    if (!this.loaded.has(route.view)) return html`<p role="status">${m.loading}</p>`
    const { locale, me } = this
    switch (route.view) {
      case 'board':
        return html`<leadline-board .api=${api} .me=${me} locale=${locale}></leadline-board>`
      case 'leads':
        return html`<leadline-leads-list
          .api=${api}
          .me=${me}
          locale=${locale}
        ></leadline-leads-list>`
      case 'lead':
        return html`<leadline-lead-page
          .api=${api}
          .me=${me}
          locale=${locale}
          lead-id=${route.id}
        ></leadline-lead-page>`
      case 'contacts':
        return html`<leadline-contacts-list
          .api=${api}
          .me=${me}
          locale=${locale}
        ></leadline-contacts-list>`
      case 'contact':
        return html`<leadline-contact-page
          .api=${api}
          .me=${me}
          locale=${locale}
          contact-id=${route.id}
        ></leadline-contact-page>`
      case 'deals':
        return html`<leadline-deals-list
          .api=${api}
          .me=${me}
          locale=${locale}
        ></leadline-deals-list>`
      case 'analytics':
        return html`<leadline-analytics
          .api=${api}
          .me=${me}
          locale=${locale}
        ></leadline-analytics>`
      case 'settings':
        return html`<leadline-settings
          .api=${api}
          .me=${me}
          locale=${locale}
          section=${route.section}
        ></leadline-settings>`
      case 'missing':
        return html`<h2>${m.missing.heading}</h2>
          <p>${m.missing.text} <a href="/admin/">${m.nav.board}</a></p>`
    }
  }

  override render() {
    const m = messages(this.locale)
    const current = section(this.route)
    return html`<header>
        <h1>${m.title}</h1>
        ${
          this.me
            ? html`<span>${m.signedInAs(this.me.user.name, this.me.site.name)}</span>`
            : nothing
        }
        <label for="lang">${m.language}</label>
        <select id="lang" @change=${this.setLocale}>
          <option value="tr" ?selected=${this.locale === 'tr'}>Türkçe</option>
          <option value="en" ?selected=${this.locale === 'en'}>English</option>
        </select>
        ${
          this.api
            ? html`<button type="button" class="secondary" @click=${() => this.signOut()}>
                ${m.signOut}
              </button>`
            : nothing
        }
      </header>
      ${
        this.api
          ? html`<nav aria-label=${m.nav.label}>
              <ul>
                ${NAV.map(
                  (n) =>
                    html`<li>
                      <a href=${n.path} aria-current=${current === n.view ? 'page' : 'false'}
                        >${m.nav[n.view]}</a
                      >
                    </li>`,
                )}
              </ul>
            </nav>`
          : nothing
      }
      <main tabindex="-1">
        ${
          this.api
            ? this.renderView(this.api)
            : html`<leadline-sign-in
                locale=${this.locale}
                .notice=${this.notice}
                @leadline-signed-in=${this.onSignedIn}
              ></leadline-sign-in>`
        }
      </main>`
  }
}

define('leadline-console', LeadlineConsole)
