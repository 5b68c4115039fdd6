/**
 * The floor of `npm run bench:render`: what a store would write by hand with Lit, a plain
 * LitElement with five labelled inputs and a submit button, a few styles and nothing else (no
 * config request, no translations, no outbox). scripts/bench-render.mjs bundles it with Lit into
 * one ES module (esbuild, minified) in the same run and serves it from the test page's origin.
 */
/* global customElements, HTMLFormElement, FormData -- the page's */
import { css, html, LitElement } from 'lit'

const FIELDS = [
  { name: 'name', label: 'Ad Soyad', type: 'text', autocomplete: 'name' },
  { name: 'email', label: 'E-posta', type: 'email', autocomplete: 'email' },
  { name: 'phone', label: 'Telefon', type: 'tel', autocomplete: 'tel' },
  { name: 'company', label: 'Şirket', type: 'text', autocomplete: 'organization' },
  { name: 'message', label: 'Mesajınız', type: 'text', autocomplete: 'off' },
]

export class FloorForm extends LitElement {
  static properties = { sent: { type: Boolean } }

  static styles = css`
    :host {
      display: block;
      font-family: system-ui, sans-serif;
    }
    form {
      display: grid;
      gap: 0.75rem;
    }
    label {
      display: grid;
      gap: 0.25rem;
    }
    input {
      font: inherit;
      padding: 0.5rem;
      border: 1px solid #888;
      border-radius: 4px;
    }
    button {
      font: inherit;
      padding: 0.5rem 1rem;
      justify-self: start;
    }
  `

  constructor() {
    super()
    this.sent = false
  }

  render() {
    return html`<form @submit=${this.onSubmit}>
      ${FIELDS.map(
        (f) =>
          html`<label
            >${f.label}
            <input name=${f.name} type=${f.type} autocomplete=${f.autocomplete} required
          /></label>`,
      )}
      <button type="submit">Gönder</button>
      <p role="status">${this.sent ? 'Teşekkürler!' : ''}</p>
    </form>`
  }

  /** @param {SubmitEvent} e */
  onSubmit(e) {
    e.preventDefault()
    if (e.target instanceof HTMLFormElement) this.sent = new FormData(e.target).has('email')
  }
}

customElements.define('floor-form', FloorForm)
