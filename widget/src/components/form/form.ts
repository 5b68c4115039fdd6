/**
 * `<leadline-form>`: the lead capture form. Renders the store's fields and consent from
 * `GET /v1/sites/:siteKey/config` and sends `POST /v1/leads` through the outbox, which keeps the
 * submission until the server answers definitively.
 */
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import type { Channel, FieldDef, LeadCreateInput, Locale, SiteConfig } from '../../../../contract'
import {
  define,
  leadStorageKey,
  LeadlineElement,
  type LeadlineErrorDetail,
} from '../../internal/base'
import { getJson, newKey, outbox, type ApiFailure, type SendResult } from '../../internal/api'
import { LoadController, OutboxController } from '../../internal/controllers'
import {
  buildBody,
  inputId,
  mapServerIssues,
  type FieldError,
  type Values,
} from '../../internal/form-helpers'
import { readConsent, readControls, SubmitGuard, within } from '../../internal/submit'
import type { Validate } from '../../internal/validation'
import { renderNotice } from '../../internal/consent-view'
import { messages, resolveLocale } from '../../internal/localize'
import type { Messages } from '../../i18n/tr'
import { formStyles } from './styles'

export interface LeadlineBeforeSubmitDetail {
  body: LeadCreateInput
}
export interface LeadlineSubmitDetail {
  body: LeadCreateInput
  idempotencyKey: string
}
export interface LeadlineSuccessDetail {
  leadId: string
  channels: Channel[]
}
export type { LeadlineErrorDetail }

type Status = 'idle' | 'sending' | 'pending' | 'success' | 'failed' | 'invalid'

/**
 * How long a submit waits for the validation chunk before sending without it: the server checks
 * the same schema, and a lead must not wait on a stalled request of a slow network.
 */
const VALIDATOR_WAIT_MS = 5000

function errorText(t: Messages, e: FieldError): string {
  return e.kind === 'tooLong' ? t.tooLong(e.max) : t[e.kind]
}

/**
 * A lead capture form whose fields, consent text and theme come from the store's settings.
 *
 * @tag leadline-form
 * @summary Collects a visitor's contact details and consent and creates a lead.
 *
 * @attr site-key - The store's public site key (`pk_…`); defaults to the loader's `data-site`.
 * @attr api-base - The API origin; defaults to the loader script's origin.
 * @attr lang - `tr` or `en`; defaults to the page's `<html lang>`, then the store's locale.
 * @attr source - An optional label for where the form is placed, sent as the lead's UTM content
 *   when the page URL carries none.
 *
 * @event leadline-before-submit - Cancelable; `detail.body` is what would be sent. Cancel it to send nothing.
 * @event leadline-submit - The submission was handed to the outbox; `detail.idempotencyKey` identifies it.
 * @event leadline-success - The lead was created; `detail` has `leadId` and the consented `channels`.
 * @event leadline-error - The server refused the submission; `detail` has `code` and `message`.
 *
 * @csspart form - The `<form>` element.
 * @csspart field - The wrapper of one field (label, input, error).
 * @csspart label - A field's label.
 * @csspart input - A field's input, select or textarea.
 * @csspart error - A field's error message.
 * @csspart notice - The information notice (aydınlatma metni) with its link, above the consent.
 * @csspart consent - The commercial message opt-in: one unticked box per channel.
 * @csspart submit-button - The submit button.
 * @csspart status - The live region with the form-level status (errors, pending, success).
 *
 * @cssproperty --leadline-color-primary - Accent colour: the button and focus rings.
 * @cssproperty --leadline-color-text - Text colour.
 * @cssproperty --leadline-color-error - Colour of errors and invalid borders.
 * @cssproperty --leadline-font-family - Font family.
 * @cssproperty --leadline-radius - Corner radius of inputs and the button.
 * @cssproperty --leadline-spacing - Gap between fields.
 */
export class LeadlineForm extends LeadlineElement {
  static override styles = formStyles

  // A static declaration instead of decorators: the decorator helpers cost bytes in the chunk
  // every visitor downloads.
  static override properties: PropertyDeclarations = {
    source: {},
    values: { state: true },
    touched: { state: true },
    submitted: { state: true },
    serverErrors: { state: true },
    status: { state: true },
    statusText: { state: true },
    config: { state: true },
  }

  source?: string

  private values: Values = {}
  private touched = new Set<string>()
  private submitted = false
  private serverErrors = new Map<string, FieldError>()
  private status: Status = 'idle'
  private statusText = ''

  private firstRenderAt = 0
  private pendingKey: string | undefined
  private validator: Validate | undefined
  private validatorLoad: Promise<Validate> | undefined
  private readonly submits = new SubmitGuard(this, () => this.submitFailed())

  /** The store's config once loaded; `failed` when it could not be. */
  private config: SiteConfig | 'loading' | 'failed' = 'loading'
  /** Loads the config per API and site (and again when a refusal says it changed). */
  private readonly loader = new LoadController(
    this,
    () => `${this.api} ${this.site}`,
    (signal) => this.loadConfig(signal),
  )

  constructor() {
    super()
    new OutboxController(
      this,
      () => this.pendingKey,
      (result) => this.settled(result),
    )
  }

  private get busy(): boolean {
    return this.submits.busy || this.status === 'sending' || this.status === 'pending'
  }

  private get ready(): SiteConfig | undefined {
    return typeof this.config === 'object' ? this.config : undefined
  }

  private get locale(): Locale {
    return resolveLocale(this.lang, this.ready?.locale)
  }

  private async loadConfig(signal: AbortSignal): Promise<void> {
    const site = this.site
    this.config = 'loading'
    try {
      if (!site) throw new Error('no site key: set site-key or the script tag data-site')
      const url = `${this.api}/v1/sites/${encodeURIComponent(site)}/config`
      const config = await getJson<SiteConfig>(url, signal)
      if (signal.aborted) return
      this.theme(config)
      this.config = config
    } catch (e) {
      if (signal.aborted) return
      this.config = 'failed'
      console.warn('[leadline]', e)
    }
  }

  private get t(): Messages {
    return messages(this.locale)
  }

  protected override updated(changed: PropertyValues): void {
    if (!this.firstRenderAt && this.ready) this.firstRenderAt = performance.now()
    super.updated(changed)
  }

  /**
   * Loads the validation chunk, on the first focus inside the form or on submit: errors are never
   * shown before the visitor interacts, so the first render does not wait for valibot.
   */
  private loadValidator(): Promise<Validate> {
    return (this.validatorLoad ??= import('../../internal/validation').then(
      (m) => {
        this.validator = m.validate
        this.requestUpdate()
        return m.validate
      },
      (e: unknown) => {
        // Unreachable this time (offline, a dropped request): the next focus or submit retries.
        this.validatorLoad = undefined
        throw e
      },
    ))
  }

  private errorsFor(config: SiteConfig): Map<string, FieldError> {
    const errors = this.validator?.(config, this.values) ?? new Map<string, FieldError>()
    for (const [name, e] of this.serverErrors) if (!errors.has(name)) errors.set(name, e)
    return errors
  }

  private onInput(f: FieldDef, event: Event) {
    const input = event.target as HTMLInputElement
    this.values = { ...this.values, [f.name]: f.type === 'checkbox' ? input.checked : input.value }
    if (this.serverErrors.has(f.name)) {
      this.serverErrors = new Map([...this.serverErrors].filter(([n]) => n !== f.name))
    }
  }

  private onBlur(f: FieldDef) {
    if (!this.touched.has(f.name)) this.touched = new Set(this.touched).add(f.name)
  }

  /**
   * The form's submit, however it comes: a click, Enter, or page code (`requestSubmit()`, a
   * script's `click()` on the button). `SubmitGuard` hands over the form read during dispatch,
   * lets one submission through at a time and keeps any error from the host page.
   */
  private readonly onSubmit = this.submits.listener((form) => this.submit(form))

  private async submit(form: HTMLFormElement): Promise<void> {
    const config = this.ready
    const siteKey = this.site
    // While one submission waits in the outbox, another would queue a second lead under a new key.
    if (!config || !siteKey || this.status === 'sending' || this.status === 'pending') return
    // What the controls hold before any await: a script or autofill may have filled them silently.
    this.values = readControls(
      form,
      config.fields.map((f) => f.name),
      this.values,
    )
    // The boxes keep their own state (nothing re-renders them): read as they are ticked now.
    const channels: Partial<Record<Channel, boolean>> = {}
    readConsent(form, config.consent.channels, channels)
    const trap = form.elements.namedItem(config.spam.honeypotField)
    const honeypot = trap instanceof HTMLInputElement ? trap.value : ''
    this.submitted = true
    if (!this.validator) {
      // The validation chunk is on its way (a slow network): say that the submit was heard.
      this.statusText = this.t.sending
      await within(this.loadValidator(), VALIDATOR_WAIT_MS)
    }
    const errors = this.errorsFor(config)
    if (errors.size) {
      this.setStatus('invalid', this.t.fixErrors(errors.size))
      return this.focusOn('[aria-invalid="true"]')
    }
    const body = buildBody({
      siteKey,
      config,
      values: this.values,
      channels,
      locale: this.locale,
      elapsedMs: performance.now() - this.firstRenderAt,
      honeypot,
      page: new URL(location.href),
      referrer: document.referrer,
    })
    if (this.source && !body.context?.utm?.content) {
      body.context = { ...body.context, utm: { ...body.context?.utm, content: this.source } }
    }
    if (!this.emit('leadline-before-submit', { body }, true)) return this.setStatus('idle', '')
    const key = newKey()
    this.pendingKey = key
    this.setStatus('sending', this.t.sending)
    this.emit('leadline-submit', { body, idempotencyKey: key })
    this.settled(await outbox().send(`${this.api}/v1/leads`, body, key))
  }

  /** The server's answer to the submission, at once or later from the outbox. */
  private settled(result: SendResult): void {
    if (result.state === 'delivered') this.succeed(result.data)
    else if (result.state === 'rejected') this.fail(result.error)
    else this.setStatus('pending', this.t.pending)
  }

  /** Something threw while submitting: what the outbox holds still goes, else say it failed. */
  private submitFailed(): void {
    if (outbox().has(this.pendingKey)) return this.setStatus('pending', this.t.pending)
    this.pendingKey = undefined
    this.setStatus('failed', this.t.failed)
  }

  private succeed(data: unknown) {
    this.pendingKey = undefined
    const created = data as Partial<LeadlineSuccessDetail> | undefined
    this.values = {}
    this.touched = new Set()
    this.submitted = false
    this.renderRoot.querySelector('form')?.reset()
    this.setStatus('success', this.t.success)
    this.rememberLead(created?.leadId)
    this.emit('leadline-success', {
      leadId: created?.leadId ?? '',
      channels: created?.channels ?? [],
    })
  }

  /** Keeps the lead id so a `<leadline-quiz>` on a later visit can attach to this lead. */
  private rememberLead(leadId: string | undefined) {
    const site = this.site
    if (!leadId || !site) return
    try {
      localStorage.setItem(leadStorageKey(site), leadId)
    } catch {
      // Storage blocked: a quiz on this page still hears leadline-success.
    }
  }

  private fail(error: ApiFailure) {
    this.pendingKey = undefined
    const config = this.ready
    if (error.status === 422 && config && error.issues) {
      const { errors, other } = mapServerIssues(config, error.issues)
      this.serverErrors = errors
      if (other.some((i) => i.path === 'consent.version')) {
        this.setStatus('failed', this.t.consentChanged)
        void this.loader.start()
      } else if (errors.size) {
        this.setStatus('invalid', this.t.fixErrors(errors.size))
        void this.focusOn('[aria-invalid="true"]')
      } else this.setStatus('failed', this.t.failed)
    } else this.setStatus('failed', this.t.failed)
    this.emitError(error)
  }

  private setStatus(status: Status, text: string) {
    this.status = status
    this.statusText = text
  }

  override render() {
    const t = this.t
    const config = this.config
    if (typeof config === 'object') return this.renderForm(config, t)
    return html`<p part="status" role="status">
      ${config === 'failed' ? t.loadFailed : t.loading}
    </p>`
  }

  private renderForm(config: SiteConfig, t: Messages) {
    const errors = this.errorsFor(config)
    const hp = config.spam.honeypotField
    return html`
      <form
        part="form"
        novalidate
        @submit=${this.onSubmit}
        @focusin=${() => void this.loadValidator().catch(() => undefined)}
      >
        ${config.fields.map((f) => {
          const shown = this.submitted || this.touched.has(f.name) || this.serverErrors.has(f.name)
          const error = shown ? errors.get(f.name) : undefined
          return this.renderField(f, error && errorText(t, error))
        })}
        ${renderNotice(config.consent, this.locale, t)}
        <fieldset part="consent">
          <legend>${t.consentLegend}</legend>
          <p>${config.consent.text[this.locale]}</p>
          ${config.consent.channels.map(
            (c) =>
              html`<label class="check">
                <input type="checkbox" name=${'consent_' + c} />${t.channels[c]}
              </label>`,
          )}
        </fieldset>
        <div class="hp" aria-hidden="true">
          <label for="hp">${t.honeypot}</label>
          <input id="hp" name=${hp} type="text" tabindex="-1" autocomplete="off" />
        </div>
        <button part="submit-button" type="submit" ?disabled=${this.busy}>${t.submit}</button>
        <p part="status" class="status" role="status" aria-live="polite">${this.statusText}</p>
      </form>
    `
  }

  private renderField(f: FieldDef, error: string | undefined) {
    const id = inputId(f)
    const label = f.label[this.locale]
    const value = this.values[f.name]
    const common = {
      invalid: error ? 'true' : 'false',
      describedby: error ? 'e-' + f.name : undefined,
    }
    const onInput = (e: Event) => this.onInput(f, e)
    const onBlur = () => this.onBlur(f)
    let control
    if (f.type === 'textarea') {
      control = html`<textarea
        id=${id}
        name=${f.name}
        part="input"
        rows="4"
        ?required=${f.required}
        maxlength=${f.maxLength ?? nothing}
        aria-invalid=${common.invalid}
        aria-describedby=${common.describedby ?? nothing}
        @input=${onInput}
        @blur=${onBlur}
      ></textarea>`
    } else if (f.type === 'select') {
      control = html`<select
        id=${id}
        name=${f.name}
        part="input"
        ?required=${f.required}
        aria-invalid=${common.invalid}
        aria-describedby=${common.describedby ?? nothing}
        @change=${onInput}
        @blur=${onBlur}
      >
        <option value="">${this.t.choose}</option>
        ${(f.options ?? []).map(
          (o) => html`<option value=${o.value}>${o.label[this.locale]}</option>`,
        )}
      </select>`
    } else if (f.type === 'checkbox') {
      return html`<div part="field" class="field">
        <label part="label" class="check" for=${id}>
          <input
            id=${id}
            name=${f.name}
            part="input"
            type="checkbox"
            ?required=${f.required}
            .checked=${value === true}
            aria-invalid=${common.invalid}
            aria-describedby=${common.describedby ?? nothing}
            @change=${onInput}
            @blur=${onBlur}
          />${label}${f.required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}
        </label>
        ${this.renderError(f, error)}
      </div>`
    } else {
      control = html`<input
        id=${id}
        name=${f.name}
        part="input"
        type=${f.type}
        inputmode=${f.type === 'number' ? 'decimal' : nothing}
        autocomplete=${AUTOCOMPLETE[f.name] ?? nothing}
        ?required=${f.required}
        maxlength=${f.maxLength ?? nothing}
        aria-invalid=${common.invalid}
        aria-describedby=${common.describedby ?? nothing}
        @input=${onInput}
        @blur=${onBlur}
      />`
    }
    return html`<div part="field" class="field">
      <label part="label" for=${id}
        >${label}${
          f.required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing
        }</label
      >
      ${control} ${this.renderError(f, error)}
    </div>`
  }

  private renderError(f: FieldDef, error: string | undefined) {
    return error ? html`<p id=${'e-' + f.name} part="error" class="error">${error}</p>` : nothing
  }
}

/** Autofill hints for the standard fields (https://html.spec.whatwg.org/#autofill). */
const AUTOCOMPLETE: Record<string, string> = {
  name: 'name',
  email: 'email',
  phone: 'tel',
  company: 'organization',
  location: 'address-level2',
}

/** Registers `<leadline-form>`; a no-op when it is already defined. */
export function defineForm(): void {
  define('leadline-form', LeadlineForm)
}

declare global {
  interface HTMLElementTagNameMap {
    'leadline-form': LeadlineForm
  }
  interface GlobalEventHandlersEventMap {
    'leadline-before-submit': CustomEvent<LeadlineBeforeSubmitDetail>
    'leadline-submit': CustomEvent<LeadlineSubmitDetail>
    'leadline-success': CustomEvent<LeadlineSuccessDetail>
  }
}
