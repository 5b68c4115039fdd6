/**
 * The standalone booking's contact step: name, e-mail, optional phone, and the store's consent
 * channels, never pre-ticked. Native inputs and constraint validation; messages appear only after
 * the visitor tried to book.
 */
import { html, nothing } from 'lit'
import type { BookingCreate, Channel, Locale, SiteConfig } from '../../../../contract'
import type { BookingMessages } from '../../i18n/booking'
import { renderNotice } from '../../internal/consent-view'

export const CONTACT = ['name', 'email', 'phone'] as const
export type ContactName = (typeof CONTACT)[number]

export interface ContactState {
  values: Partial<Record<ContactName, string>>
  channels: Partial<Record<Channel, boolean>>
  /** Field errors, set when the visitor tries to book (or the server answers 422). */
  errors: Partial<Record<ContactName, string>>
}

/**
 * The phone rule of the contract's `PhoneSchema` (`/^\+?[0-9 ()./-]{6,31}$/`, the value trimmed)
 * as a `pattern` attribute. Browsers compile a pattern with the `v` flag
 * (https://html.spec.whatwg.org/multipage/input.html#compiled-pattern-regular-expression), where
 * `(`, `)`, `/` and `-` in a class must be escaped; a pattern that does not compile is never
 * checked, and Chromium logs an error each time the field's validity is read.
 */
export const PHONE_PATTERN = String.raw`\+?[0-9 \(\).\/\-]{6,31}`

const TYPE = { name: 'text', email: 'email', phone: 'tel' }
const AUTO = { name: 'name', email: 'email', phone: 'tel' }

/** Checks the inputs the browser's way and returns translated messages by field. */
export function checkContact(root: ParentNode, t: BookingMessages): ContactState['errors'] {
  const errors: ContactState['errors'] = {}
  for (const name of CONTACT) {
    const input = root.querySelector<HTMLInputElement>(`#c-${name}`)
    if (!input || input.validity.valid) continue
    errors[name] = input.validity.valueMissing
      ? t.required
      : name === 'email'
        ? t.invalidEmail
        : t.invalidPhone
  }
  return errors
}

export function renderContact(
  t: BookingMessages,
  locale: Locale,
  config: SiteConfig | undefined,
  state: ContactState,
  onChange: () => void,
) {
  return html`<fieldset part="contact">
    <legend>${t.contactTitle}</legend>
    ${CONTACT.map((name) => {
      const error = state.errors[name]
      return html`<div class="field">
        <label for=${'c-' + name}
          >${t.contactFields[name]}${
            name === 'phone' ? html` <span class="opt">${t.optional}</span>` : nothing
          }</label
        >
        <input
          id=${'c-' + name}
          part="input"
          name=${name}
          type=${TYPE[name]}
          autocomplete=${AUTO[name]}
          ?required=${name !== 'phone'}
          pattern=${name === 'phone' ? PHONE_PATTERN : nothing}
          .value=${state.values[name] ?? ''}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? 'ce-' + name : nothing}
          @input=${(e: Event) => {
            state.values[name] = (e.target as HTMLInputElement).value
            delete state.errors[name]
            onChange()
          }}
        />
        ${error ? html`<p id=${'ce-' + name} part="error" class="error">${error}</p>` : nothing}
      </div>`
    })}
    ${
      config
        ? html`${renderNotice(config.consent, locale, t)}
            <fieldset class="consent">
              <legend>${t.consentLegend}</legend>
              <p>${config.consent.text[locale]}</p>
              ${config.consent.channels.map(
                (c) =>
                  html`<label class="check">
                    <input
                      type="checkbox"
                      name=${'consent_' + c}
                      .checked=${state.channels[c] === true}
                      @change=${(e: Event) =>
                        (state.channels[c] = (e.target as HTMLInputElement).checked)}
                    />${t.channels[c]}
                  </label>`,
              )}
            </fieldset>`
        : nothing
    }
  </fieldset>`
}

/** `BookingCreate.contact` from what the visitor typed and ticked (only the store's channels). */
export function contactBody(
  state: ContactState,
  config: SiteConfig | undefined,
  locale: Locale,
): NonNullable<BookingCreate['contact']> {
  const fields: Record<string, string> = {}
  for (const [k, v] of Object.entries(state.values)) if (v?.trim()) fields[k] = v.trim()
  const consent = config?.consent
  const channels = { email: false, sms: false, phone: false }
  for (const c of consent?.channels ?? []) channels[c] = state.channels[c] === true
  return {
    fields,
    consent: { version: consent?.version ?? '', channels },
    context: {
      pageUrl: location.href.slice(0, 2000),
      referrer: document.referrer.slice(0, 2000),
      locale,
    },
  }
}

/** A 422's issues on the contact fields (`contact.fields.email`) as field errors. */
export function contactIssues(
  state: ContactState,
  issues: { path?: string }[],
  t: BookingMessages,
): void {
  for (const issue of issues) {
    const name = issue.path?.match(/^contact\.fields\.(name|email|phone)$/)?.[1] as
      ContactName | undefined
    if (name) {
      state.errors[name] =
        name === 'name' ? t.invalid : name === 'email' ? t.invalidEmail : t.invalidPhone
    }
  }
}
