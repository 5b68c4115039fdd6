/**
 * `<leadline-settings-store>`: the store's profile (name, language, currency, time zone, phone
 * country), the origins allowed to embed the widgets, and the embed code to copy.
 */
import { html, type TemplateResult } from 'lit'
import type { Locale, SiteAdmin } from '../../../contract'
import { define } from '../define'
import { copyText } from './live'
import { inputId, type SiteDraft } from './site-draft'
import { SiteSettingsView } from './site-view'

/**
 * The script tag and the tags of the components, as the README's embedding section gives them,
 * and the CSS that reserves their height so nothing moves while they load.
 */
export function embedCode(origin: string, siteKey: string): { html: string; css: string } {
  return {
    html: [
      `<script src="${origin}/embed.js" data-site="${siteKey}" async></script>`,
      '',
      '<leadline-form></leadline-form>',
      '<leadline-quiz></leadline-quiz>',
      '<leadline-booking></leadline-booking>',
    ].join('\n'),
    css: [
      'leadline-form { display: block; min-height: 805px }',
      '@media (max-width: 700px) { leadline-form { min-height: 882px } }',
      'leadline-quiz { display: block; min-height: 420px }',
      'leadline-booking { display: block; min-height: 520px }',
    ].join('\n'),
  }
}

export class LeadlineSettingsStore extends SiteSettingsView {
  protected heading() {
    return this.t.store.heading
  }

  private addOrigin() {
    const at = this.draft?.origins.length ?? 0
    this.edit((d) => d.origins.push(''))
    this.say(this.t.store.originAdded)
    void this.focusOn(`#${inputId(`origins.${at}`)}`)
  }

  /** Takes an origin off the list; focus goes to the one that took its place, else Add. */
  private removeOrigin(i: number) {
    const origins = this.draft?.origins ?? []
    this.edit((d) => d.origins.splice(i, 1))
    this.say(this.t.store.originRemoved(origins[i] ?? ''))
    const next = Math.min(i, origins.length - 2)
    void this.focusOn(next >= 0 ? `#${inputId(`origins.${next}`)}` : '#add-origin')
  }

  protected renderBody(draft: SiteDraft): TemplateResult {
    const t = this.t.store
    const locale = this.described('locale')
    return html`<fieldset>
        <legend>${t.profile}</legend>
        ${this.textField({
          path: 'name',
          label: t.name,
          value: draft.name,
          autocomplete: 'organization',
          onInput: (value) => this.edit((d) => (d.name = value)),
        })}
        <label for=${locale.id}>${t.locale}</label>
        <select
          id=${locale.id}
          @change=${(e: Event) =>
            this.edit((d) => (d.locale = (e.target as HTMLSelectElement).value as Locale))}
        >
          ${(['tr', 'en'] as const).map(
            (l) =>
              html`<option value=${l} ?selected=${draft.locale === l}>${t.locales[l]}</option>`,
          )}
        </select>
        <div class="grid">
          <div>
            ${this.textField({
              path: 'currency',
              label: t.currency,
              hint: t.currencyHint,
              value: draft.currency,
              onInput: (value) => this.edit((d) => (d.currency = value.trim().toUpperCase())),
            })}
          </div>
          <div>
            ${this.textField({
              path: 'timeZone',
              label: t.timeZone,
              hint: t.timeZoneHint,
              value: draft.timeZone,
              onInput: (value) => this.edit((d) => (d.timeZone = value.trim())),
            })}
          </div>
          <div>
            ${this.textField({
              path: 'defaultRegion',
              label: t.region,
              hint: t.regionHint,
              value: draft.defaultRegion,
              onInput: (value) => this.edit((d) => (d.defaultRegion = value.trim().toUpperCase())),
            })}
          </div>
        </div>
      </fieldset>
      ${this.renderOrigins(draft)}`
  }

  private renderOrigins(draft: SiteDraft) {
    const t = this.t.store
    const list = this.described('origins', t.originsHelp)
    return html`<fieldset id=${list.id} tabindex="-1" aria-describedby=${list.describedBy}>
      <legend>${t.origins}</legend>
      ${list.hint}${list.error}
      ${draft.origins.length === 0 ? html`<p class="notice warn">${t.noOrigins}</p>` : ''}
      <ul class="plain origins">
        ${draft.origins.map((origin, i) => {
          const d = this.described(`origins.${i}`)
          return html`<li>
            <label for=${d.id}>${t.origin(i + 1)}</label>
            <div class="row">
              <input
                id=${d.id}
                type="url"
                inputmode="url"
                placeholder="https://www.magaza.com"
                .value=${origin}
                aria-invalid=${d.invalid}
                aria-describedby=${d.describedBy}
                @input=${(e: Event) =>
                  this.edit((dr) => (dr.origins[i] = (e.target as HTMLInputElement).value.trim()))}
              />
              <button type="button" class="secondary" @click=${() => this.removeOrigin(i)}>
                ${t.removeOrigin(origin)}
              </button>
            </div>
            ${d.error}
          </li>`
        })}
      </ul>
      <div class="actions">
        <button type="button" id="add-origin" class="secondary" @click=${this.addOrigin}>
          ${t.addOrigin}
        </button>
      </div>
    </fieldset>`
  }

  private async copy(event: Event, text: string) {
    const area = (event.target as HTMLElement)
      .closest('.snippet')!
      .querySelector('textarea') as HTMLTextAreaElement
    const outcome = await copyText(text, area)
    this.say(outcome === 'copied' ? this.t.store.copied : this.t.store.selected)
  }

  /** The embed code is for everyone in the store: reps hand it to whoever builds the site. */
  protected override renderExtra(saved: SiteAdmin): TemplateResult {
    const t = this.t.store
    const code = embedCode(location.origin, saved.siteKey)
    const snippet = (id: string, label: string, copy: string, text: string) =>
      html`<div class="snippet">
        <label for=${id}>${label}</label>
        <textarea id=${id} class="code" readonly .value=${text}></textarea>
        <div class="actions">
          <button type="button" class="secondary" @click=${(e: Event) => this.copy(e, text)}>
            ${copy}
          </button>
        </div>
      </div>`
    return html`<section aria-labelledby="embed-heading">
      <h4 id="embed-heading">${t.embed}</h4>
      <p class="help">${t.embedHelp}</p>
      ${snippet('snippet-html', t.snippet, t.copyHtml, code.html)}
      ${snippet('snippet-css', t.css, t.copyCss, code.css)}
    </section>`
  }
}

define('leadline-settings-store', LeadlineSettingsStore)
