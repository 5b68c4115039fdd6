/**
 * `<leadline-webhook-log>`: an endpoint's delivery log (`GET /admin/api/webhooks/:id/deliveries`,
 * newest first, page by page): time, event, outcome, attempts, the receiver's status code and
 * the next retry; a failed or cancelled message can be sent again (`POST /admin/api/outbox/:id/retry`).
 */
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import type { WebhookDelivery } from '../../../../contract'
import { define } from '../../define'
import { base } from '../../styles'
import { EditorSection } from '../editor-kit/editor-section'
import { webhookText, type WebhookWords } from './text'
import { editorStyles } from '../editor-kit/styles'
import { deliveryState, retryable } from './outcome'

interface Page {
  items: WebhookDelivery[]
  nextCursor: string | null
}

export class LeadlineWebhookLog extends EditorSection<WebhookWords> {
  protected readonly words = webhookText

  static override styles = [base, editorStyles]
  static override properties: PropertyDeclarations = {
    webhookId: { attribute: 'webhook-id' },
    /** Bumped by the list after a test delivery, to read the log again. */
    refresh: { type: Number },
    items: { state: true },
    next: { state: true },
    loading: { state: true },
  }

  webhookId = ''
  refresh = 0
  private items: WebhookDelivery[] | undefined
  private next: string | null = null
  private loading = false

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('api') || changed.has('webhookId') || changed.has('refresh')) && this.api) {
      void this.loadPage(null)
    }
  }

  private async loadPage(cursor: string | null) {
    const id = this.webhookId
    if (!id) return
    this.loading = true
    const q = `limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
    const res = await this.api!.call<Page>(`/webhooks/${encodeURIComponent(id)}/deliveries?${q}`)
    this.loading = false
    if (id !== this.webhookId) return
    if (!res.ok) {
      this.fail(this.t.webhooks.logFailed, res)
      return
    }
    this.items = [...(cursor ? (this.items ?? []) : []), ...res.value.items]
    this.next = res.value.nextCursor
  }

  private async retry(m: WebhookDelivery) {
    const res = await this.api!.call<unknown>(`/outbox/${encodeURIComponent(m.id)}/retry`, {
      method: 'POST',
    })
    if (!res.ok) {
      this.fail(this.t.webhooks.retryFailed, res)
      return
    }
    await this.loadPage(null)
    await this.say(this.t.webhooks.retried)
  }

  override render() {
    const t = this.t.webhooks
    const items = this.items
    const when = new Intl.DateTimeFormat(this.locale, { dateStyle: 'short', timeStyle: 'medium' })
    const at = (iso: string) => when.format(new Date(iso))
    return html`<section aria-labelledby="log-h" aria-busy=${this.loading ? 'true' : 'false'}>
      <h4 id="log-h">${t.logHeading}</h4>
      ${
        items && items.length
          ? html`<table data-log>
              <thead>
                <tr>
                  <th scope="col">${t.time}</th>
                  <th scope="col">${t.event}</th>
                  <th scope="col">${t.state}</th>
                  <th scope="col">${t.attempts}</th>
                  <th scope="col">${t.code}</th>
                  <th scope="col">${t.nextRetry}</th>
                  <th scope="col"><span class="visually-hidden">${t.actions}</span></th>
                </tr>
              </thead>
              <tbody>
                ${items.map((m) => {
                  const state = deliveryState(m)
                  return html`<tr data-delivery=${m.id}>
                    <td>${at(m.createdAt)}</td>
                    <td>${m.eventType === 'webhook.test' ? t.testEvent : (m.eventType ?? '—')}</td>
                    <td>
                      ${t.states[state]}${
                        m.lastError ? html`<br /><span class="meta">${m.lastError}</span>` : nothing
                      }
                    </td>
                    <td>${m.attempts}</td>
                    <td>${m.lastStatus ?? '—'}</td>
                    <td>
                      ${state === 'retrying' || state === 'pending' ? at(m.nextAttemptAt) : '—'}
                    </td>
                    <td>
                      ${
                        retryable(m)
                          ? html`<button
                              type="button"
                              class="small secondary"
                              @click=${() => this.retry(m)}
                            >
                              ${t.retry}<span class="visually-hidden"> ${at(m.createdAt)}</span>
                            </button>`
                          : nothing
                      }
                    </td>
                  </tr>`
                })}
              </tbody>
            </table>`
          : items
            ? html`<p class="meta">${t.noDeliveries}</p>`
            : nothing
      }
      ${
        this.next
          ? html`<button
              type="button"
              class="secondary small"
              @click=${() => this.loadPage(this.next)}
            >
              ${t.older}
            </button>`
          : nothing
      }
      ${this.renderOutcome()}
    </section>`
  }
}

define('leadline-webhook-log', LeadlineWebhookLog)
