/**
 * Submit and action handlers that survive however they are triggered: a click or Enter, the
 * store's own script (`form.requestSubmit()`, `button.click()`), an autofill tool, a validation
 * chunk still on its way, a lost network. Every widget's submit goes through `SubmitGuard`, and
 * every async action a click starts through `guard`, so none of them can throw into the host
 * page or lose a submission silently.
 */
import type { ReactiveControllerHost } from 'lit'
import type { Values } from './form-helpers'

/**
 * Runs `task` so that nothing it throws, at once or after an `await`, reaches the host page (to
 * the store an uncaught error is a broken page, to the visitor a submission that silently went
 * nowhere): the error is logged and handed to `fail`, which tells the visitor, in their
 * language, that it did not work. The returned promise never rejects.
 *
 * @example
 * onCancelConfirm: (reason) => void guard(() => flow.cancel(reason), () => flow.failed())
 */
export async function guard(task: () => unknown, fail: (error: unknown) => void): Promise<void> {
  try {
    // Runs `task` at once (an async function runs up to its first await synchronously).
    await task()
  } catch (error) {
    console.warn('[leadline]', error)
    try {
      fail(error)
    } catch {
      // Nothing more to tell the visitor; the page still gets nothing.
    }
  }
}

/**
 * A form's `submit` listener that is safe however the form is submitted.
 * - It cancels the navigation before anything else, and hands the task the form, never the
 *   event: once dispatch ends, an event whose target sits in a shadow tree has `target` and
 *   `currentTarget` cleared to null (https://dom.spec.whatwg.org/#concept-event-dispatch, the
 *   "clearTargets" steps), and a submit from page code ends its dispatch before the handler's
 *   first `await` resumes.
 * - One submission at a time: a submit while the previous one runs is ignored, so two
 *   `requestSubmit()` calls in a row, or a double click, send once. `busy` says so (the host
 *   re-renders when it changes, to disable its button).
 * - Nothing escapes (see `guard`).
 *
 * @example
 * private readonly submits = new SubmitGuard(this, () => this.setStatus('failed', this.t.failed))
 * private readonly onSubmit = this.submits.listener((form) => this.send(form))
 * // html`<form @submit=${this.onSubmit}>…</form>`
 */
export class SubmitGuard {
  /** A submission is being prepared or handed over. Read-only for the host. */
  busy = false

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly fail: (error: unknown) => void,
  ) {}

  listener(task: (form: HTMLFormElement) => unknown): (event: Event) => void {
    return (event) => {
      event.preventDefault()
      const form = event.currentTarget as HTMLFormElement
      if (this.busy) return
      this.busy = true
      this.host.requestUpdate()
      void guard(() => task(form), this.fail).then(() => {
        this.busy = false
        this.host.requestUpdate()
      })
    }
  }
}

/**
 * Waits for `load` at most `ms`: `undefined` when it failed or is still on its way. A submit
 * waits for the lazily loaded validation this long, then sends without it (the server checks the
 * same schema and answers 422), so a stalled chunk on a slow network never holds a lead back.
 */
export function within<T>(load: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms)))
  return Promise.race([load.catch(() => undefined), late]).finally(() => clearTimeout(timer))
}

/**
 * `values` updated from what the named controls of `form` hold now: a script or an autofill tool
 * may fill a field without an `input` event, and what the visitor sees is what must be sent.
 * Controls still empty (or unticked) that `values` does not know stay absent.
 */
export function readControls(form: HTMLFormElement, names: string[], values: Values): Values {
  const read: Values = { ...values }
  for (const name of names) {
    // An input, select or textarea: each has `type` and `value`.
    const control = form.elements.namedItem(name) as HTMLInputElement | null
    const value = control?.type === 'checkbox' ? control.checked : control?.value
    if (value || (value !== undefined && name in read)) read[name] = value
  }
  return read
}

/** The consent boxes (`consent_email` …) of `form` as they are ticked now. */
export function readConsent<C extends string>(
  form: HTMLFormElement,
  channels: readonly C[],
  into: Partial<Record<C, boolean>>,
): void {
  for (const c of channels) {
    into[c] = (form.elements.namedItem('consent_' + c) as HTMLInputElement | null)?.checked === true
  }
}
