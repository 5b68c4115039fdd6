/**
 * The writes a visitor starts from a link and must not lose (book, cancel or move a meeting;
 * accept or decline a quote): one at a time, through the outbox with one Idempotency-Key, and
 * kept in localStorage until the server answers, so that a reload sends it again (same key,
 * same body) and shows its outcome. The booking's and the quote's flows extend `PendingWrites`
 * and say what an answer means to them (`settled`).
 */
import type { ReactiveControllerHost } from 'lit'
import { outbox, type SendResult } from './api'
import { OutboxController } from './controllers'
import { guard } from './submit'

/** A write in flight: its Idempotency-Key, URL and body (the same bytes on every retry). */
export interface Write {
  key: string
  url: string
  body: unknown
}

/** A definitive answer to a write: delivered, or refused by the server. */
export type Answer = Exclude<SendResult, { state: 'pending' }>

/** What a flow with writes uses of its element. */
export interface WritesHost extends ReactiveControllerHost {
  readonly t: { sending: string; pending: string }
  /** Re-renders after the flow changed what is shown. */
  changed(): void
  focusOn(selector: string): Promise<void>
  emitError(e: { code: string; message: string }): void
}

export abstract class PendingWrites<W extends Write, H extends WritesHost> {
  /** The write waiting for the server's answer. */
  op: W | undefined
  /** Sending, or waiting for the network (announced). */
  statusText = ''
  /** What went wrong, in plain words (announced). */
  error = ''

  constructor(protected readonly el: H) {
    // The answer to a write the outbox retried after its first attempt.
    new OutboxController(
      el,
      () => this.op?.key,
      (result) => void guard(() => this.settle(this.op!, result), this.failed),
    )
  }

  /** The localStorage key the write waits under (per site, per link). */
  protected abstract get storageKey(): string
  /** What the visitor reads when a write failed in the browser. */
  protected abstract get failure(): string
  /** What a definitive answer to `op` means to the flow. */
  protected abstract settled(op: W, result: Answer): Promise<void> | void

  get busy(): boolean {
    return this.op !== undefined
  }

  protected async send(op: W): Promise<void> {
    this.op = op
    this.error = ''
    this.statusText = this.el.t.sending
    this.save(op)
    this.el.changed()
    await this.settle(op, await outbox().send(op.url, op.body, op.key))
  }

  /** The write a previous page load left waiting, if any. */
  protected stored(): W | undefined {
    try {
      return (JSON.parse(localStorage.getItem(this.storageKey) ?? 'null') as W | null) ?? undefined
    } catch {
      // Storage blocked or garbled: the outbox still delivers it.
      return undefined
    }
  }

  protected save(op: W | undefined): void {
    try {
      if (op) localStorage.setItem(this.storageKey, JSON.stringify(op))
      else localStorage.removeItem(this.storageKey)
    } catch {
      // Storage blocked: the outcome shows only on this page.
    }
  }

  /** The server's answer to `op`, at once or later from the outbox. */
  async settle(op: W, result: SendResult): Promise<void> {
    if (this.op?.key !== op.key) return
    if (result.state === 'pending') {
      this.statusText = this.el.t.pending
      return this.el.changed()
    }
    this.op = undefined
    this.save(undefined)
    this.statusText = ''
    await this.settled(op, result)
  }

  /** Something threw while writing: what the outbox holds still goes, else say it failed. */
  readonly failed = (): void => {
    if (outbox().has(this.op?.key)) return
    this.op = undefined
    this.statusText = ''
    this.error = this.failure
    this.el.changed()
  }
}
