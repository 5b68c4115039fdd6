/**
 * The visitor's decision and its conversation with the server, apart from the element's
 * rendering: the accept form's checks, and the accept and decline writes through the outbox. A
 * write waiting for the network is kept in localStorage (`leadline:quote:{token}`), so a reload
 * sends it again with the same key and shows its outcome (`PendingWrites`).
 */
import type { PublicQuote } from '../../../../contract'
import { newKey } from '../../internal/api'
import { PendingWrites, type Answer, type WritesHost } from '../../internal/writes'
import type { QuoteMessages } from '../../i18n/quote'
import { isOpen } from './decision'

/** What the decision uses of its element (`LeadlineQuote`), so it needs no import of it. */
interface QuoteHost extends WritesHost {
  quote: PublicQuote | undefined
  load: 'loading' | 'ready' | 'failed' | 'gone'
  readonly t: QuoteMessages
  readonly link: string | undefined
  readonly url: string
  reload(): Promise<void>
  emitAccepted(q: PublicQuote): void
  emitDeclined(reason: string): void
  emitError(e: { code: string; message: string }): void
}

/** A write in flight: its kind, Idempotency-Key, URL and body (the same bytes on every retry). */
export interface Op {
  kind: 'accept' | 'decline'
  key: string
  url: string
  body: { fullName: string; acceptTerms: true; revision: number } | { reason?: string }
}

export class Decision extends PendingWrites<Op, QuoteHost> {
  declining = false
  errors: { name?: string; terms?: string } = {}
  /** The visitor tried to accept: errors now follow every change. */
  private tried = false
  /** The quote closed by the visitor's own action on this page (announced in the live region). */
  justDecided = false

  protected get storageKey(): string {
    return 'leadline:quote:' + this.el.link
  }

  protected get failure(): string {
    return this.el.t.sendFailed
  }

  private check(form: HTMLFormElement): { fullName: string; terms: boolean } {
    const t = this.el.t
    const fullName = form.querySelector<HTMLInputElement>('#name')!.value.trim()
    const terms = form.querySelector<HTMLInputElement>('#terms')!.checked
    this.errors = {}
    if (!fullName) this.errors.name = t.nameRequired
    if (!terms) this.errors.terms = t.termsRequired
    return { fullName, terms }
  }

  /** After a failed try, errors clear (or appear) as the visitor fixes the fields. */
  touched(e: Event): void {
    if (!this.tried) return
    this.check(e.currentTarget as HTMLFormElement)
    this.el.changed()
  }

  /** The accept form's submit (through the element's `SubmitGuard`, which hands over the form). */
  accept(form: HTMLFormElement): Promise<void> | void {
    const q = this.el.quote
    if (this.busy || !q) return
    this.tried = true
    const { fullName } = this.check(form)
    if (this.errors.name || this.errors.terms) {
      this.el.changed()
      return void this.el.focusOn('[aria-invalid="true"]')
    }
    const body = { fullName, acceptTerms: true as const, revision: q.revision }
    return this.send({ kind: 'accept', key: newKey(), url: this.el.url + '/accept', body })
  }

  async decline(reason: string): Promise<void> {
    if (this.busy) return
    const body = reason ? { reason } : {}
    return this.send({
      kind: 'decline',
      key: newKey(),
      url: this.el.url + '/decline',
      body,
    })
  }

  openDecline(open: boolean): void {
    this.declining = open
    this.error = ''
    this.el.changed()
    void this.el.focusOn(open ? '#reason' : '#name')
  }

  /** A write a previous page load left waiting, while the quote is still open: same key, body. */
  resume(): void {
    if (this.op) return
    const op = this.stored()
    const q = this.el.quote
    if (op?.key && q && isOpen(q)) void this.send(op)
    else if (op) this.save(undefined)
  }

  protected async settled(op: Op, result: Answer): Promise<void> {
    const el = this.el
    const t = el.t
    if (result.state === 'delivered') {
      const quote = result.data as PublicQuote
      el.quote = quote
      this.declining = false
      this.justDecided = true
      if (op.kind === 'accept') el.emitAccepted(quote)
      else el.emitDeclined((op.body as { reason?: string }).reason ?? '')
      el.changed()
      return void el.focusOn('.status h3')
    }
    const error = result.error
    el.emitError(error)
    if (error.status === 404 || error.status === 410) {
      el.quote = undefined
      el.load = 'gone'
    } else if (error.status === 409) {
      // It can no longer be accepted (expired, replaced, revoked, decided): the quote as it is
      // now says why, in the visitor's language; the 409's own message is the server's English.
      await el.reload()
      this.justDecided = true
      if (el.quote && isOpen(el.quote)) this.error = t.conflict
    } else {
      this.error = t.sendFailed
    }
    el.changed()
  }
}
