/**
 * `<leadline-settings-theme>`: the theme tokens (`--leadline-*`) the widgets read, edited as
 * text with a colour picker beside each colour, and a live preview: the store's real
 * `<leadline-form>`, loaded from this origin's widget chunk like a store page loads it, with
 * the draft's tokens set on it as they are typed.
 *
 * Why the real widget and no iframe or preview route: the console is served by the worker that
 * serves `/chunks/form.js`, so `script-src 'self'` admits it; the form reads the store's saved
 * config with a same-origin GET (no `Origin` header, which the public API admits for reads);
 * and the widget sets the store's tokens on its host with `style.setProperty`, exactly as this
 * section does, so what the owner sees is what visitors get. The preview shows the saved
 * fields; it never submits (`leadline-before-submit` is cancelled).
 */
import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit'
import type { SiteAdmin, Theme } from '../../../contract'
import { define } from '../define'
import type { SiteDraft } from './site-draft'
import { SiteSettingsView } from './site-view'

/** The tokens the widgets read (widget/src/styles/tokens.ts), with their defaults there. */
export const THEME_TOKENS = [
  { name: '--leadline-color-primary', color: true, fallback: '#1f5fbf' },
  { name: '--leadline-color-text', color: true, fallback: '#1b1f24' },
  { name: '--leadline-color-error', color: true, fallback: '#b3261e' },
  { name: '--leadline-font-family', color: false, fallback: 'system-ui, sans-serif' },
  { name: '--leadline-radius', color: false, fallback: '6px' },
  { name: '--leadline-spacing', color: false, fallback: '12px' },
] as const

/** Where the worker serves the form's chunk (what `embed.js` imports for `<leadline-form>`). */
const FORM_CHUNK = '/chunks/form.js'

const HEX = /^#[0-9a-f]{6}$/i

/**
 * Sets the theme's tokens on an element's inline style and clears the known tokens the theme
 * leaves empty, writing only what differs.
 */
export function applyTheme(style: CSSStyleDeclaration, theme: Theme): void {
  const names = new Set([...THEME_TOKENS.map((t) => t.name), ...Object.keys(theme)])
  for (const name of names) {
    const value = theme[name]?.trim() ?? ''
    if (style.getPropertyValue(name).trim() === value) continue
    if (value) style.setProperty(name, value)
    else style.removeProperty(name)
  }
}

export class LeadlineSettingsTheme extends SiteSettingsView {
  static override styles = [
    ...SiteSettingsView.styles,
    css`
      .token {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 8px;
        align-items: end;
      }
      input[type='color'] {
        width: 3rem;
        height: 2.2rem;
        padding: 0;
        border: 1px solid #8a96a3;
        border-radius: 6px;
      }
      .preview {
        border: 1px dashed #8a96a3;
        border-radius: 8px;
        padding: 16px;
        max-width: 40rem;
      }
    `,
  ]
  static override properties: PropertyDeclarations = { previewFailed: { state: true } }

  /** Loads the widget that renders the preview; tests put a stand-in here. */
  loadPreview: () => Promise<unknown> = () => import(/* @vite-ignore */ FORM_CHUNK)

  private previewFailed = false
  /** Puts the draft's tokens back when the widget sets the saved ones (once its config loads). */
  private observer = new MutationObserver(() => this.paintPreview())

  override connectedCallback(): void {
    super.connectedCallback()
    this.loadPreview().catch(() => (this.previewFailed = true))
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.observer.disconnect()
  }

  protected heading() {
    return this.t.theme.heading
  }

  private get preview(): HTMLElement | null {
    return this.renderRoot.querySelector('leadline-form')
  }

  private paintPreview() {
    const preview = this.preview
    if (!preview || !this.draft) return
    applyTheme(preview.style, this.draft.settings.theme)
    // Our own writes are not the widget's: drop their records so they cause no repaint.
    this.observer.takeRecords()
  }

  protected override updated(): void {
    const preview = this.preview
    if (!preview) return
    this.observer.observe(preview, { attributes: true, attributeFilter: ['style'] })
    this.paintPreview()
  }

  private setToken(name: string, value: string) {
    this.edit((d) => {
      if (value.trim()) d.settings.theme[name] = value.trim()
      else delete d.settings.theme[name]
    })
  }

  protected renderBody(draft: SiteDraft): TemplateResult {
    const t = this.t.theme
    return html`<fieldset>
      <legend>${t.tokens}</legend>
      <p class="help">${t.tokensHelp}</p>
      <div class="grid">
        ${THEME_TOKENS.map((token) => {
          const value = draft.settings.theme[token.name] ?? ''
          const label = t.names[token.name]
          return html`<div class="token">
            <div>
              ${this.textField({
                path: `settings.theme.${token.name}`,
                label,
                hint: t.fallback(token.fallback),
                value,
                onInput: (v) => this.setToken(token.name, v),
              })}
            </div>
            ${
              token.color
                ? html`<input
                    type="color"
                    aria-label=${t.picker(label)}
                    .value=${HEX.test(value) ? value.toLowerCase() : token.fallback}
                    @input=${(e: Event) =>
                      this.setToken(token.name, (e.target as HTMLInputElement).value)}
                  />`
                : nothing
            }
          </div>`
        })}
      </div>
    </fieldset>`
  }

  /** The preview is outside the form: reps see it too. */
  protected override renderExtra(saved: SiteAdmin): TemplateResult {
    const t = this.t.theme
    return html`<section aria-labelledby="preview-heading">
      <h4 id="preview-heading">${t.preview}</h4>
      <p class="help">${t.previewHelp}</p>
      ${
        this.previewFailed
          ? html`<p role="alert" class="error">${t.previewFailed}</p>`
          : html`<div class="preview">
              <leadline-form
                site-key=${saved.siteKey}
                api-base=${location.origin}
                lang=${this.locale}
                source="console-preview"
                @leadline-before-submit=${(e: Event) => {
                  e.preventDefault()
                  this.say(t.notSent)
                }}
              ></leadline-form>
            </div>`
      }
    </section>`
  }
}

define('leadline-settings-theme', LeadlineSettingsTheme)
