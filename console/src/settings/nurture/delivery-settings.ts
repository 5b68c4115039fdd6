/**
 * `<leadline-delivery-settings>`: quiet hours, the frequency cap, the e-mail and SMS senders
 * (named by the Worker secrets that hold their credentials, never the credentials), the booking
 * and quote pages and reminder times (`GET`/`PUT /admin/api/messaging/settings`; owners).
 */
import { html, nothing, type PropertyDeclarations } from 'lit'
import type { DeliverySettings } from '../../../../contract'
import { define } from '../../define'
import { base } from '../../styles'
import { checkbox, input, numberOf, select } from '../editor-kit/fields'
import { EditorSection } from '../editor-kit/editor-section'
import { nurtureText, type NurtureWords } from './text'
import { editorStyles } from '../editor-kit/styles'
import { offsetsOf, offsetsText } from './reminders'

type Email = NonNullable<DeliverySettings['email']>
type Sms = NonNullable<DeliverySettings['sms']>

const NEW_EMAIL: Email = { provider: 'resend', from: '', apiKeySecret: 'RESEND_API_KEY' }
const NEW_SMS: Sms = {
  provider: 'verimor',
  header: '',
  usernameSecret: 'VERIMOR_USERNAME',
  passwordSecret: 'VERIMOR_PASSWORD',
  iysRecipientType: 'BIREYSEL',
}

/** Sets an optional text property, or removes it when blank. */
function optional<T extends object, K extends keyof T>(target: T, key: K, value: string) {
  if (value.trim()) target[key] = value as T[K]
  else delete target[key]
}

export class LeadlineDeliverySettings extends EditorSection<NurtureWords> {
  protected readonly words = nurtureText

  static override styles = [base, editorStyles]
  static override properties: PropertyDeclarations = {
    settings: { state: true },
    reminders: { state: true },
    revision: { state: true },
  }

  private settings: DeliverySettings | undefined
  /** The reminder times as typed (minutes, comma separated). */
  private reminders = ''
  private revision = 0

  protected override pathWords() {
    return this.t.delivery.paths
  }

  protected override async load() {
    const res = await this.api!.call<DeliverySettings>('/messaging/settings')
    if (!res.ok) {
      this.fail(this.t.delivery.loadFailed, res)
      return
    }
    this.settings = res.value
    this.reminders = offsetsText(res.value.reminderOffsets)
  }

  private changed() {
    this.revision++
  }

  private async save(event: SubmitEvent) {
    event.preventDefault()
    const s = this.settings
    if (!s || !this.api || this.saving) return
    const offsets = offsetsOf(this.reminders)
    if (!offsets) {
      this.clearOutcome()
      this.issues = [{ path: 'reminderOffsets', message: this.t.delivery.remindersInvalid }]
      this.error = this.t.delivery.saveFailed
      return
    }
    const saved = await this.put<DeliverySettings>(
      '/messaging/settings',
      { ...s, reminderOffsets: offsets },
      this.t.delivery.saveFailed,
    )
    if (!saved) return
    this.settings = saved
    await this.say(this.t.delivery.settingsSaved)
  }

  private renderEmail(s: DeliverySettings) {
    const t = this.t.delivery
    const e = s.email
    return html`<fieldset>
      <legend>${t.email}</legend>
      ${checkbox({
        id: 'email-on',
        label: t.emailOn,
        checked: e !== null,
        onChange: (on) => ((s.email = on ? { ...NEW_EMAIL } : null), this.changed()),
      })}
      ${
        e
          ? html`<div class="fields">
              ${input({
                id: 'email-from',
                label: t.from,
                hint: t.fromHint,
                value: e.from,
                issues: this.issuesAt('email.from'),
                onInput: (v) => ((e.from = v), this.changed()),
              })}
              ${input({
                id: 'email-reply',
                label: t.replyTo,
                type: 'email',
                value: e.replyTo,
                issues: this.issuesAt('email.replyTo'),
                onInput: (v) => (optional(e, 'replyTo', v), this.changed()),
              })}
              ${input({
                id: 'email-key',
                label: t.apiKeySecret,
                hint: t.secretHint,
                value: e.apiKeySecret,
                issues: this.issuesAt('email.apiKeySecret'),
                onInput: (v) => ((e.apiKeySecret = v), this.changed()),
              })}
              ${input({
                id: 'email-hook',
                label: t.webhookSecret,
                value: e.webhookSecret,
                issues: this.issuesAt('email.webhookSecret'),
                onInput: (v) => (optional(e, 'webhookSecret', v), this.changed()),
              })}
            </div>`
          : nothing
      }
    </fieldset>`
  }

  private renderSms(s: DeliverySettings) {
    const t = this.t.delivery
    const sms = s.sms
    return html`<fieldset>
      <legend>${t.sms}</legend>
      ${checkbox({
        id: 'sms-on',
        label: t.smsOn,
        checked: sms !== null,
        onChange: (on) => ((s.sms = on ? { ...NEW_SMS } : null), this.changed()),
      })}
      ${
        sms
          ? html`<div class="fields">
              ${input({
                id: 'sms-header',
                label: t.header,
                value: sms.header,
                maxLength: 11,
                issues: this.issuesAt('sms.header'),
                onInput: (v) => ((sms.header = v), this.changed()),
              })}
              ${input({
                id: 'sms-user',
                label: t.usernameSecret,
                hint: t.secretHint,
                value: sms.usernameSecret,
                issues: this.issuesAt('sms.usernameSecret'),
                onInput: (v) => ((sms.usernameSecret = v), this.changed()),
              })}
              ${input({
                id: 'sms-password',
                label: t.passwordSecret,
                value: sms.passwordSecret,
                issues: this.issuesAt('sms.passwordSecret'),
                onInput: (v) => ((sms.passwordSecret = v), this.changed()),
              })}
              ${input({
                id: 'sms-report',
                label: t.reportTokenSecret,
                value: sms.reportTokenSecret,
                issues: this.issuesAt('sms.reportTokenSecret'),
                onInput: (v) => (optional(sms, 'reportTokenSecret', v), this.changed()),
              })}
              ${select({
                id: 'sms-iys',
                label: t.iys,
                value: sms.iysRecipientType,
                options: [
                  { value: 'BIREYSEL', label: t.iysIndividual },
                  { value: 'TACIR', label: t.iysMerchant },
                ],
                onChange: (v) => ((sms.iysRecipientType = v), this.changed()),
              })}
            </div>`
          : nothing
      }
    </fieldset>`
  }

  private renderRules(s: DeliverySettings) {
    const t = this.t.delivery
    const quiet = s.quietHours
    return html`<fieldset>
      <legend>${t.rules}</legend>
      ${checkbox({
        id: 'quiet-on',
        label: t.quietOn,
        hint: t.quietHint,
        checked: quiet !== null,
        onChange: (on) => {
          s.quietHours = on ? { start: '21:00', end: '09:00' } : null
          this.changed()
        },
      })}
      <div class="fields">
        ${
          quiet
            ? html`${input({
                id: 'quiet-start',
                label: t.quietStart,
                type: 'time',
                value: quiet.start,
                issues: this.issuesAt('quietHours.start'),
                onInput: (v) => ((quiet.start = v), this.changed()),
              })}
              ${input({
                id: 'quiet-end',
                label: t.quietEnd,
                type: 'time',
                value: quiet.end,
                issues: this.issuesAt('quietHours.end'),
                onInput: (v) => ((quiet.end = v), this.changed()),
              })}`
            : nothing
        }
        ${input({
          id: 'cap-max',
          label: t.capMax,
          type: 'number',
          min: 1,
          max: 100,
          value: s.frequencyCap.max,
          issues: this.issuesAt('frequencyCap.max'),
          onInput: (v) => ((s.frequencyCap.max = numberOf(v) ?? 1), this.changed()),
        })}
        ${input({
          id: 'cap-days',
          label: t.capDays,
          type: 'number',
          min: 1,
          max: 90,
          value: s.frequencyCap.days,
          issues: this.issuesAt('frequencyCap.days'),
          onInput: (v) => ((s.frequencyCap.days = numberOf(v) ?? 1), this.changed()),
        })}
      </div>
      <div class="fields">
        ${input({
          id: 'booking-url',
          label: t.bookingUrl,
          type: 'url',
          value: s.bookingUrl,
          issues: this.issuesAt('bookingUrl'),
          onInput: (v) => ((s.bookingUrl = v.trim() || null), this.changed()),
        })}
        ${input({
          id: 'quote-url',
          label: t.quotePageUrl,
          type: 'url',
          value: s.quotePageUrl,
          issues: this.issuesAt('quotePageUrl'),
          onInput: (v) => ((s.quotePageUrl = v.trim() || null), this.changed()),
        })}
        ${input({
          id: 'reminders',
          label: t.reminders,
          hint: t.remindersHint,
          value: this.reminders,
          issues: this.issuesAt('reminderOffsets'),
          onInput: (v) => (this.reminders = v),
        })}
      </div>
    </fieldset>`
  }

  override render() {
    const t = this.t.delivery
    const s = this.settings
    return html`<section aria-labelledby="ms-h">
      <h3 id="ms-h">${t.settingsHeading}</h3>
      ${this.renderReadOnly(this.isOwner)}
      ${
        s
          ? this.renderSaveForm({
              labelledBy: 'ms-h',
              editable: this.isOwner,
              fields: html`${this.renderRules(s)} ${this.renderEmail(s)} ${this.renderSms(s)}`,
              save: t.saveSettings,
              onSubmit: this.save,
            })
          : nothing
      }
      ${this.renderOutcome()}
    </section>`
  }
}

define('leadline-delivery-settings', LeadlineDeliverySettings)
