/**
 * `<leadline-settings-webhooks>`: the store's webhook endpoints. A list; a form to add one (its
 * signing secret is shown once, in the answer that creates it) or change one; deleting after a
 * confirmation; a signed test delivery with its outcome; and each endpoint's delivery log.
 * Owners change endpoints and send tests; reps read them and their logs.
 */
import { html, nothing, type PropertyDeclarations } from 'lit'
import { EVENT_TYPES, type OutboxDetail, type Webhook, type WebhookInput } from '../../../contract'
import { define } from '../define'
import { base } from '../styles'
import { renderConfirm, renderIssueLine, upsert } from './editor-kit/editor-parts'
import { checkbox, input, select } from './editor-kit/fields'
import { EditorSection } from './editor-kit/editor-section'
import { webhookText, type WebhookWords } from './webhooks/text'
import { editorStyles } from './editor-kit/styles'
import './webhooks/log'
import { deliveryState, toggledEvents } from './webhooks/outcome'

interface Draft {
  url: string
  description: string
  events: WebhookInput['events']
  status: Webhook['status']
}

const blank = (): Draft => ({ url: '', description: '', events: ['*'], status: 'active' })

export class LeadlineSettingsWebhooks extends EditorSection<WebhookWords> {
  protected readonly words = webhookText

  static override styles = [base, editorStyles]
  static override properties: PropertyDeclarations = {
    items: { state: true },
    editing: { state: true },
    draft: { state: true },
    created: { state: true },
    confirming: { state: true },
    logOf: { state: true },
    logRefresh: { state: true },
    tests: { state: true },
  }

  private items: Webhook[] | undefined
  /** The endpoint being edited: its id, `new`, or none. */
  private editing: string | undefined
  private draft: Draft = blank()
  /** The endpoint just created, with its secret (never shown again). */
  private created: Webhook | undefined
  /** The endpoint whose deletion waits for a confirmation. */
  private confirming: string | undefined
  /** The endpoint whose delivery log is open. */
  private logOf: string | undefined
  private logRefresh = 0
  /** The outcome of the last test delivery, per endpoint. */
  private tests = new Map<string, string>()

  protected override pathWords() {
    return this.t.webhooks.paths
  }

  protected override async load() {
    const res = await this.api!.call<{ items: Webhook[] }>('/webhooks')
    if (res.ok) this.items = res.value.items
    else this.fail(this.t.webhooks.loadFailed, res)
  }

  private async open(id: string | 'new') {
    const w = this.items?.find((x) => x.id === id)
    this.editing = id
    this.draft = w
      ? {
          url: w.url,
          description: w.description ?? '',
          events: w.events as WebhookInput['events'],
          status: w.status,
        }
      : blank()
    this.created = undefined
    this.clearOutcome()
    await this.focusLater('#wh-url')
  }

  private async save(event: SubmitEvent) {
    event.preventDefault()
    const api = this.api
    const id = this.editing
    const d = this.draft
    if (!api || !id) return
    this.clearOutcome()
    const description = d.description.trim()
    const body =
      id === 'new'
        ? { url: d.url, events: d.events, ...(description ? { description } : {}) }
        : { url: d.url, description: description || null, events: d.events, status: d.status }
    const res = await upsert<Webhook>(api, '/webhooks', id, body, 'PATCH')
    if (!res.ok) {
      this.fail(this.t.webhooks.saveFailed, res)
      return
    }
    this.editing = undefined
    await this.load()
    if (res.value.secret) {
      this.created = res.value
      await this.say(this.t.webhooks.createdSay)
      await this.focusLater('#wh-secret')
    } else {
      await this.say(this.t.webhooks.saved(res.value.url))
      await this.focusLater(`[data-webhook="${CSS.escape(res.value.id)}"] button`)
    }
  }

  private async deleteWebhook(w: Webhook) {
    const res = await this.api!.call<null>(`/webhooks/${encodeURIComponent(w.id)}`, {
      method: 'DELETE',
    })
    this.confirming = undefined
    if (!res.ok) {
      this.fail(this.t.webhooks.deleteFailed, res)
      return
    }
    if (this.logOf === w.id) this.logOf = undefined
    await this.load()
    await this.say(this.t.webhooks.deleted(w.url))
    await this.focusLater('#wh-new')
  }

  private async test(w: Webhook) {
    const t = this.t.webhooks
    this.clearOutcome()
    await this.say(t.testing(w.url))
    const res = await this.api!.call<OutboxDetail>(`/webhooks/${encodeURIComponent(w.id)}/test`, {
      method: 'POST',
    })
    if (!res.ok) {
      this.fail(t.testFailed, res)
      return
    }
    const m = res.value.message
    const text = t.testOutcome(t.states[deliveryState(m)], m.lastStatus, m.lastError)
    this.tests = new Map(this.tests).set(w.id, text)
    this.logOf = w.id
    this.logRefresh++
    await this.say(text)
  }

  private renderForm() {
    const t = this.t.webhooks
    const d = this.draft
    const all = d.events.includes('*')
    return html`<form @submit=${this.save} novalidate aria-labelledby="wh-form-h" class="panel">
      <h4 id="wh-form-h">${this.editing === 'new' ? t.newHeading : t.editHeading}</h4>
      <div class="fields">
        ${input({
          id: 'wh-url',
          label: t.url,
          type: 'url',
          hint: t.urlHint,
          value: d.url,
          issues: this.issuesAt('url'),
          onInput: (v) => (this.draft = { ...d, url: v }),
        })}
        ${input({
          id: 'wh-description',
          label: t.description,
          value: d.description,
          maxLength: 200,
          issues: this.issuesAt('description'),
          onInput: (v) => (this.draft = { ...d, description: v }),
        })}
        ${
          this.editing !== 'new'
            ? select({
                id: 'wh-status',
                label: t.status,
                value: d.status,
                options: [
                  { value: 'active', label: t.statuses.active },
                  { value: 'disabled', label: t.statuses.disabled },
                ],
                onChange: (v) => (this.draft = { ...d, status: v }),
              })
            : nothing
        }
      </div>
      <fieldset data-events>
        <legend>${t.events}</legend>
        ${renderIssueLine(this.issuesAt('events'))}
        ${checkbox({
          id: 'ev-all',
          label: t.allEvents,
          checked: all,
          onChange: (on) => (this.draft = { ...d, events: toggledEvents(d.events, '*', on) }),
        })}
        ${
          all
            ? nothing
            : EVENT_TYPES.map((e, i) =>
                checkbox({
                  id: `ev-${i}`,
                  label: `${t.eventNames[e]} (${e})`,
                  checked: d.events.includes(e),
                  onChange: (on) => (this.draft = { ...d, events: toggledEvents(d.events, e, on) }),
                }),
              )
        }
      </fieldset>
      <div class="actions">
        <button type="submit">${this.editing === 'new' ? t.create : t.save}</button>
        <button type="button" class="secondary" @click=${() => (this.editing = undefined)}>
          ${t.cancel}
        </button>
      </div>
    </form>`
  }

  private renderCreated(w: Webhook) {
    const t = this.t.webhooks
    return html`<div class="once" role="group" aria-labelledby="wh-secret-h">
      <h4 id="wh-secret-h">${t.createdHeading(w.url)}</h4>
      <label for="wh-secret">${t.secret}</label>
      <input id="wh-secret" readonly .value=${w.secret ?? ''} aria-describedby="wh-secret-hint" />
      <p class="hint" id="wh-secret-hint">${t.secretOnce}</p>
      <button type="button" class="secondary" @click=${() => (this.created = undefined)}>
        ${t.secretKept}
      </button>
    </div>`
  }

  private renderItem(w: Webhook) {
    const t = this.t.webhooks
    const owner = this.isOwner
    const events = w.events.includes('*') ? t.allEvents : w.events.join(', ')
    const test = this.tests.get(w.id)
    return html`<li class="row" data-webhook=${w.id}>
      <div class="row-head">
        <span class="grow">
          <strong>${w.description ?? w.url}</strong>
          ${w.description ? html`<br /><span class="meta">${w.url}</span>` : nothing}
          <br /><span class="meta"
            >${t.statuses[w.status]}${w.disabledReason ? ` (${w.disabledReason})` : ''} ·
            ${events}</span
          >
        </span>
        <button
          type="button"
          class="small secondary"
          aria-expanded=${this.logOf === w.id ? 'true' : 'false'}
          @click=${() => (this.logOf = this.logOf === w.id ? undefined : w.id)}
        >
          ${t.log}<span class="visually-hidden"> ${w.url}</span>
        </button>
        ${
          owner
            ? html`<button type="button" class="small secondary" @click=${() => this.test(w)}>
                  ${t.test}<span class="visually-hidden"> ${w.url}</span>
                </button>
                <button type="button" class="small secondary" @click=${() => this.open(w.id)}>
                  ${t.edit}<span class="visually-hidden"> ${w.url}</span>
                </button>
                <button
                  type="button"
                  class="small danger"
                  @click=${() => ((this.confirming = w.id), this.focusLater('#wh-delete-yes'))}
                >
                  ${t.delete}<span class="visually-hidden"> ${w.url}</span>
                </button>`
            : nothing
        }
      </div>
      ${test ? html`<p class="meta" data-test>${test}</p>` : nothing}
      ${
        this.confirming === w.id
          ? renderConfirm({
              id: 'wh-delete',
              question: t.deleteQuestion(w.url),
              yes: t.deleteYes,
              cancel: t.cancel,
              onYes: () => this.deleteWebhook(w),
              onCancel: () => (this.confirming = undefined),
            })
          : nothing
      }
      ${
        this.logOf === w.id
          ? html`<leadline-webhook-log
              .api=${this.api}
              .me=${this.me}
              locale=${this.locale}
              webhook-id=${w.id}
              .refresh=${this.logRefresh}
            ></leadline-webhook-log>`
          : nothing
      }
    </li>`
  }

  override render() {
    const t = this.t.webhooks
    const items = this.items
    return html`<h3>${t.heading}</h3>
      <p class="hint">${t.intro}</p>
      ${this.renderReadOnly(this.isOwner)} ${this.renderOutcome()}
      ${this.created ? this.renderCreated(this.created) : nothing}
      ${
        items
          ? html`<ul class="rows" data-webhooks>
                ${items.map((w) => this.renderItem(w))}
              </ul>
              ${items.length ? nothing : html`<p class="meta">${t.none}</p>`}`
          : html`<p class="meta">${this.m.loading}</p>`
      }
      ${
        this.isOwner
          ? html`<div class="actions">
              <button type="button" class="secondary" id="wh-new" @click=${() => this.open('new')}>
                ${t.add}
              </button>
            </div>`
          : nothing
      }
      ${this.editing ? this.renderForm() : nothing}`
  }
}

define('leadline-settings-webhooks', LeadlineSettingsWebhooks)
