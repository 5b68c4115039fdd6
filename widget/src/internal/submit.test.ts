import { html, LitElement } from 'lit'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { newKey } from './api'
import { guard, readConsent, readControls, SubmitGuard, within } from './submit'
import { watchHostPage } from '../test-submit'

let page: ReturnType<typeof watchHostPage>
let warn: ReturnType<typeof vi.spyOn>

beforeEach(() => {
  page = watchHostPage()
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})

afterEach(() => {
  page.stop()
  warn.mockRestore()
  document.body.replaceChildren()
  vi.useRealTimers()
})

/** A form in a shadow root, as every widget has it, whose submit runs `task` through a guard. */
class GuardedForm extends LitElement {
  task: (form: HTMLFormElement) => unknown = () => undefined
  failures: unknown[] = []
  readonly submits = new SubmitGuard(this, (e) => this.failures.push(e))
  private readonly onSubmit = this.submits.listener((form) => this.task(form))
  override render() {
    return html`<form @submit=${this.onSubmit}>
      <input name="name" /><input name="agree" type="checkbox" /><select name="size">
        <option value="">-</option>
        <option value="l">L</option></select
      ><textarea name="note"></textarea><input name="consent_sms" type="checkbox" />
      <button>Send</button>
    </form>`
  }
}
customElements.define('guarded-form', GuardedForm)

async function mount(task: GuardedForm['task']) {
  const el = document.createElement('guarded-form') as GuardedForm
  el.task = task
  document.body.append(el)
  await el.updateComplete
  return { el, form: el.shadowRoot!.querySelector('form')! }
}

describe('SubmitGuard', () => {
  it('hands the task the form even after an await, where event.target is already null', async () => {
    const seen: unknown[] = []
    const { form } = await mount(async (f) => {
      await new Promise((resolve) => setTimeout(resolve, 10))
      seen.push(f)
    })
    let target: EventTarget | null = form
    form.addEventListener('submit', (e) => setTimeout(() => (target = e.target)))
    form.requestSubmit()
    await vi.waitUntil(() => seen.length === 1)
    // What the old handlers read after their first await:
    expect(target).toBeNull()
    expect(seen).toEqual([form])
  })

  it('cancels the navigation and runs one submission at a time', async () => {
    let finish = () => {}
    let runs = 0
    const { el, form } = await mount(() => {
      runs++
      return new Promise<void>((resolve) => (finish = resolve))
    })
    const submit = new SubmitEvent('submit', { cancelable: true })
    form.dispatchEvent(submit)
    expect(submit.defaultPrevented).toBe(true)
    form.requestSubmit()
    form.requestSubmit()
    expect(runs).toBe(1)
    expect(el.submits.busy).toBe(true)
    finish()
    await vi.waitUntil(() => !el.submits.busy)
    form.requestSubmit()
    expect(runs).toBe(2)
  })

  it('keeps a throw or a rejection from the page and reports it to fail', async () => {
    const { el, form } = await mount(() => {
      throw new Error('at once')
    })
    form.requestSubmit()
    await vi.waitUntil(() => el.failures.length === 1)
    el.task = async () => {
      await Promise.resolve()
      throw new Error('later')
    }
    form.requestSubmit()
    await vi.waitUntil(() => el.failures.length === 2)
    expect(el.failures.map((e) => (e as Error).message)).toEqual(['at once', 'later'])
    expect(warn).toHaveBeenCalledTimes(2)
    expect(el.submits.busy).toBe(false)
    expect(page.escaped).toEqual([])
  })
})

describe('guard', () => {
  it('resolves whatever the task and its fail callback throw', async () => {
    await expect(
      guard(
        () => {
          throw new Error('task')
        },
        () => {
          throw new Error('fail too')
        },
      ),
    ).resolves.toBeUndefined()
    expect(page.escaped).toEqual([])
  })
})

describe('within', () => {
  it('gives the value in time, undefined when late or failed', async () => {
    expect(await within(Promise.resolve(1), 50)).toBe(1)
    expect(await within(new Promise(() => undefined), 20)).toBeUndefined()
    expect(await within(Promise.reject(new Error('offline')), 50)).toBeUndefined()
  })
})

describe('readControls and readConsent', () => {
  it('read what script or autofill put in the controls, leaving untouched empty ones out', async () => {
    const { form } = await mount(() => undefined)
    const control = <T extends Element>(name: string) => form.elements.namedItem(name) as T
    control<HTMLInputElement>('name').value = 'Ayşe'
    control<HTMLSelectElement>('size').value = 'l'
    control<HTMLInputElement>('consent_sms').checked = true
    expect(readControls(form, ['name', 'agree', 'size', 'note', 'missing'], {})).toEqual({
      name: 'Ayşe',
      size: 'l',
    })
    // A value the visitor typed and emptied again stays known, as empty.
    expect(readControls(form, ['note', 'agree'], { note: 'x', agree: true })).toEqual({
      note: '',
      agree: false,
    })
    const channels: Partial<Record<'sms' | 'email', boolean>> = {}
    readConsent(form, ['sms', 'email'], channels)
    expect(channels).toEqual({ sms: true, email: false })
  })
})

describe('newKey', () => {
  it('makes an Idempotency-Key without crypto.randomUUID (plain-http pages)', () => {
    expect(newKey()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    const own = Object.getOwnPropertyDescriptor(Crypto.prototype, 'randomUUID')!
    Object.defineProperty(Crypto.prototype, 'randomUUID', { value: undefined, configurable: true })
    try {
      const keys = new Set([newKey(), newKey()])
      expect(keys.size).toBe(2)
      for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/)
    } finally {
      Object.defineProperty(Crypto.prototype, 'randomUUID', own)
    }
  })
})
