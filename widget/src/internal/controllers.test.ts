import { html, LitElement } from 'lit'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { outbox, type SendResult } from './api'
import { LeadlineElement } from './base'
import { LoadController, OutboxController } from './controllers'

/** What a load saw: its key and signal, and a way to finish it. */
interface Load {
  key: string
  signal: AbortSignal
  finish: () => void
}

/**
 * An element whose load is held until the test finishes it (a `LeadlineElement`, which renders
 * again when it is back in the document).
 */
class Loading extends LeadlineElement {
  static override properties = { key: {} }
  key = 'a'
  loads: Load[] = []
  readonly loader = new LoadController(
    this,
    () => this.key,
    (signal) => new Promise<void>((finish) => this.loads.push({ key: this.key, signal, finish })),
  )
  override render() {
    return html`${this.key}`
  }
}
customElements.define('controllers-test-loading', Loading)

async function mountLoading(): Promise<Loading> {
  const el = document.createElement('controllers-test-loading') as Loading
  document.body.append(el)
  await el.updateComplete
  return el
}

/** A microtask turn: what `LoadController` waits before it lets go of a removed element's load. */
const settle = () => new Promise<void>((r) => setTimeout(r))

afterEach(() => {
  document.body.replaceChildren()
})

describe('LoadController', () => {
  it('loads once per key, before the first render, and again when the key changes', async () => {
    const el = await mountLoading()
    expect(el.loads.map((l) => l.key)).toEqual(['a'])
    el.requestUpdate()
    await el.updateComplete
    expect(el.loads).toHaveLength(1)
    el.key = 'b'
    await el.updateComplete
    expect(el.loads.map((l) => l.key)).toEqual(['a', 'b'])
    expect(el.loads.map((l) => l.signal.aborted)).toEqual([true, false])
  })

  it('aborts the load of a removed element and loads again when it is back', async () => {
    const el = await mountLoading()
    el.remove()
    await settle()
    expect(el.loads[0]!.signal.aborted).toBe(true)
    document.body.append(el)
    await el.updateComplete
    expect(el.loads.map((l) => l.key)).toEqual(['a', 'a'])
    expect(el.loads[1]!.signal.aborted).toBe(false)
  })

  it('keeps the load of an element moved within one script', async () => {
    const el = await mountLoading()
    const other = document.createElement('div')
    document.body.append(other)
    other.append(el)
    await settle()
    await el.updateComplete
    expect(el.loads).toHaveLength(1)
    expect(el.loads[0]!.signal.aborted).toBe(false)
  })

  it('keeps what has loaded when the element is removed after it', async () => {
    const el = await mountLoading()
    el.loads[0]!.finish()
    await settle()
    el.remove()
    await settle()
    document.body.append(el)
    await el.updateComplete
    expect(el.loads).toHaveLength(1)
    expect(el.loads[0]!.signal.aborted).toBe(false)
  })

  it('loads again when asked, aborting the load on its way', async () => {
    const el = await mountLoading()
    const again = el.loader.start()
    expect(el.loads.map((l) => l.signal.aborted)).toEqual([true, false])
    el.loads[1]!.finish()
    await expect(again).resolves.toBeUndefined()
  })
})

/** An element that hears the outbox settle the write with key `pending`. */
class Hearing extends LitElement {
  pending: string | undefined
  heard: SendResult[] = []
  constructor() {
    super()
    new OutboxController(
      this,
      () => this.pending,
      (result) => this.heard.push(result),
    )
  }
}
customElements.define('controllers-test-hearing', Hearing)

describe('OutboxController', () => {
  beforeEach(() => outbox().stop())

  const fire = (type: 'delivered' | 'rejected', detail: object) =>
    outbox().dispatchEvent(new CustomEvent(type, { detail }))

  it("hands over the outbox's answer to the pending write, and to no other", () => {
    const el = document.createElement('controllers-test-hearing') as Hearing
    document.body.append(el)
    el.pending = 'k1'
    fire('delivered', { key: 'k0', data: 'other' })
    fire('delivered', { key: 'k1', data: { id: 1 } })
    const error = { status: 422, code: 'invalid', message: 'no' }
    fire('rejected', { key: 'k1', error })
    expect(el.heard).toEqual([
      { state: 'delivered', status: 200, data: { id: 1 } },
      { state: 'rejected', error },
    ])
  })

  it('hears nothing while the element is out of the document, and again once it is back', () => {
    const el = document.createElement('controllers-test-hearing') as Hearing
    el.pending = 'k1'
    fire('delivered', { key: 'k1', data: 1 })
    document.body.append(el)
    el.remove()
    fire('delivered', { key: 'k1', data: 2 })
    document.body.append(el)
    fire('delivered', { key: 'k1', data: 3 })
    expect(el.heard.map((r) => r.state === 'delivered' && r.data)).toEqual([3])
  })

  it('starts the outbox when its element connects (it delivers what an earlier page left)', () => {
    const start = vi.spyOn(outbox(), 'start')
    document.body.append(document.createElement('controllers-test-hearing'))
    expect(start).toHaveBeenCalled()
    start.mockRestore()
  })
})
