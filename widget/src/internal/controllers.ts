/**
 * Lit reactive controllers for what several elements do: load what they show once per site (or
 * token), and hear the outbox settle the write they are waiting for. Each attaches itself to
 * its element (`addController`) and follows the element's lifecycle, so an element declares
 * one line instead of wiring callbacks by hand (https://lit.dev/docs/composition/controllers/).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { outbox, type OutboxEventMap, type SendResult } from './api'

/** An element a controller attaches to. */
export type Host = ReactiveControllerHost & HTMLElement

/**
 * Loads what an element shows: once per key (its API, site, token…), before the render that
 * needs it, again when the key changes (the previous request is aborted). An element removed
 * while the request is on its way lets it go (an answer that never comes would keep the
 * element alive, so an SPA that re-creates its widgets would grow) and loads again when it is
 * back (a `LeadlineElement` renders again then); a move (out and back in within one script, as
 * `append` of a connected element does) keeps it.
 * Not `@lit/task`: its controller costs ~0.9 KB brotli in the chunk every visitor downloads, and
 * what the elements need is a load once per key that can be aborted.
 *
 * @example
 * private readonly loader = new LoadController(this, () => `${this.api} ${this.site}`, (signal) =>
 *   this.load(signal))
 */
export class LoadController implements ReactiveController {
  private key: string | undefined
  private request: AbortController | undefined

  constructor(
    private readonly host: Host,
    private readonly keyOf: () => string,
    /** Loads and stores what it got; returns early once `signal` is aborted. Never rejects. */
    private readonly load: (signal: AbortSignal) => Promise<void>,
  ) {
    host.addController(this)
  }

  hostUpdate(): void {
    const key = this.keyOf()
    if (key !== this.key) void this.start(key)
  }

  /** Takes the key as it reads now as loaded: the element itself changed what it reads. */
  keep(): void {
    this.key = this.keyOf()
  }

  /** Loads now (a refusal said the data changed), aborting a load on its way. */
  async start(key = this.keyOf()): Promise<void> {
    this.key = key
    this.request?.abort()
    const request = (this.request = new AbortController())
    await this.load(request.signal)
    if (this.request === request) this.request = undefined
  }

  hostDisconnected(): void {
    queueMicrotask(() => {
      if (this.host.isConnected || !this.request) return
      this.request.abort()
      this.request = this.key = undefined
    })
  }
}

/**
 * Hears the outbox settle the host's write after its first attempt (the network came back, a
 * retry got through): `settle` gets the answer when its Idempotency-Key is `key()`. Listens
 * only while the element is in the document (the outbox is shared by the page and would keep a
 * removed element alive), and starts the outbox, which delivers what an earlier page left.
 *
 * @example
 * new OutboxController(this, () => this.pendingKey, (result) => this.settled(result))
 */
export class OutboxController implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly key: () => string | undefined,
    private readonly settle: (result: SendResult) => unknown,
  ) {
    host.addController(this)
  }

  private readonly heard = (event: Event) => {
    const d = (event as OutboxEventMap['delivered'] | OutboxEventMap['rejected']).detail
    if (d.key !== this.key()) return
    this.settle(
      'data' in d
        ? { state: 'delivered', status: 200, data: d.data }
        : { state: 'rejected', error: d.error },
    )
  }

  hostConnected(): void {
    const box = outbox()
    box.addEventListener('delivered', this.heard)
    box.addEventListener('rejected', this.heard)
    box.start()
  }

  hostDisconnected(): void {
    outbox().removeEventListener('delivered', this.heard)
    outbox().removeEventListener('rejected', this.heard)
  }
}
