/**
 * `<leadline-settings section="…">`: the settings screen. A list of sections on the side, the
 * chosen one beside it; each section's code loads when it is first opened. Reps see the sections
 * read-only (the API refuses their changes with 403; the sections say so up front).
 */
import { css, html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import { define } from '../define'
import { settingsText } from '../i18n/settings'
import { messages } from '../localize'
import { SETTINGS_SECTIONS, type SettingsSection } from '../router'
import { base } from '../styles'
import { ConsoleView } from '../view'

const SECTIONS: Record<SettingsSection, () => Promise<unknown>> = {
  store: () => import('../settings/store'),
  form: () => import('../settings/form'),
  theme: () => import('../settings/theme'),
  team: () => import('../settings/team'),
  quiz: () => import('../settings/quiz'),
  booking: () => import('../settings/booking'),
  nurture: () => import('../settings/nurture'),
  webhooks: () => import('../settings/webhooks'),
}

export class LeadlineSettings extends ConsoleView {
  static override styles = [
    base,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(10rem, 14rem) 1fr;
        gap: 16px;
        align-items: start;
      }
      @media (max-width: 640px) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
      nav ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 2px;
      }
      nav a {
        display: block;
        padding: 6px 8px;
        border-radius: 6px;
        color: #1f5fbf;
        text-decoration: none;
      }
      nav a[aria-current='page'] {
        background: #e6eefb;
        color: #1b1f24;
        font-weight: 600;
      }
    `,
  ]
  static override properties: PropertyDeclarations = {
    section: {},
    ready: { state: true },
    failed: { state: true },
  }

  section: SettingsSection = 'store'
  private ready = new Set<SettingsSection>()
  private failed = false

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('section')) void this.load(this.section)
  }

  private async load(section: SettingsSection) {
    this.failed = false
    if (this.ready.has(section)) return
    try {
      await SECTIONS[section]()
      this.ready = new Set(this.ready).add(section)
    } catch {
      if (this.section === section) this.failed = true
    }
  }

  private renderSection() {
    const { api, me, locale, section } = this
    const m = messages(locale)
    if (this.failed) {
      return html`<p role="alert" class="error">${m.loadFailed}</p>
        <button type="button" @click=${() => this.load(section)}>${m.retry}</button>`
    }
    if (!this.ready.has(section)) return html`<p role="status">${m.loading}</p>`
    switch (section) {
      case 'store':
        return html`<leadline-settings-store
          .api=${api}
          .me=${me}
          locale=${locale}
        ></leadline-settings-store>`
      case 'form':
        return html`<leadline-settings-form
          .api=${api}
          .me=${me}
          locale=${locale}
        ></leadline-settings-form>`
      case 'theme':
        return html`<leadline-settings-theme
          .api=${api}
          .me=${me}
          locale=${locale}
        ></leadline-settings-theme>`
      case 'team':
        return html`<leadline-settings-team
          .api=${api}
          .me=${me}
          locale=${locale}
        ></leadline-settings-team>`
      case 'quiz':
        return html`<leadline-settings-quiz
          .api=${api}
          .me=${me}
          locale=${locale}
        ></leadline-settings-quiz>`
      case 'booking':
        return html`<leadline-settings-booking
          .api=${api}
          .me=${me}
          locale=${locale}
        ></leadline-settings-booking>`
      case 'nurture':
        return html`<leadline-settings-nurture
          .api=${api}
          .me=${me}
          locale=${locale}
        ></leadline-settings-nurture>`
      case 'webhooks':
        return html`<leadline-settings-webhooks
          .api=${api}
          .me=${me}
          locale=${locale}
        ></leadline-settings-webhooks>`
    }
  }

  override render() {
    const t = settingsText[this.locale]
    return html`<h2>${t.heading}</h2>
      ${this.me && !this.isOwner ? html`<p class="meta">${t.ownersOnly}</p>` : nothing}
      <div class="layout">
        <nav aria-label=${t.sections}>
          <ul>
            ${SETTINGS_SECTIONS.map(
              (s) =>
                html`<li>
                  <a
                    href="/admin/settings/${s}"
                    aria-current=${s === this.section ? 'page' : 'false'}
                    >${t.names[s]}</a
                  >
                </li>`,
            )}
          </ul>
        </nav>
        <section aria-label=${t.names[this.section]}>${this.renderSection()}</section>
      </div>`
  }
}

define('leadline-settings', LeadlineSettings)
