/**
 * What the quiz, booking, nurture and webhook settings share: the outcome of the last action
 * in a status region (announced) or an alert (failures in plain words, the API's 422 issues
 * listed with their place in words and kept for the fields), and focus moved after an action.
 */
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import type { Locale } from '../../../../contract'
import type { ApiFailure } from '../../api'
import { explain, messages } from '../../localize'
import { ConsoleView } from '../../view'
import { issueLines, issuesOf, messagesAt, type Issue, type PathWords } from './issues'
import { kitText } from './text'

/** A settings section built from the kit; `W` is the shape of its feature's words (`text.ts`). */
export abstract class EditorSection<W extends object> extends ConsoleView {
  static override properties: PropertyDeclarations = {
    status: { state: true },
    error: { state: true },
    issues: { state: true },
    saving: { state: true },
  }

  /** What the last action did (a live status region reads it). */
  protected status = ''
  /** Why the last action failed, in plain words. */
  protected error = ''
  /** The last 422's issues, for the fields they name. */
  protected issues: Issue[] = []
  /** Whether a `put` is on its way (the save button waits for it). */
  protected saving = false

  /**
   * Reads what the section shows; called each time the section gets its API client. A section
   * that reads on other changes too overrides `willUpdate` instead.
   */
  protected load?(): Promise<void>

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) void this.load?.()
  }

  /** Words for the paths of this section's issues. */
  protected pathWords(): PathWords {
    return {}
  }

  /** The feature's words in both languages, kept beside the feature (e.g. `quiz/text.ts`). */
  protected abstract readonly words: Record<Locale, W>

  protected get t(): W {
    return this.words[this.locale]
  }

  protected get m() {
    return messages(this.locale)
  }

  /** Announces `text`, again even when it equals the last one. */
  protected async say(text: string): Promise<void> {
    this.error = ''
    this.status = ''
    await this.updateComplete
    this.status = text
  }

  /** Records a failed call: `what` failed, why in plain words, and the issues for the fields. */
  protected fail(what: string, failure: ApiFailure): void {
    this.status = ''
    this.issues = issuesOf(failure)
    const why = explain(this.m, failure)
    // A conflict's message is the API's own sentence (which sequence sends a template, …).
    const detail =
      failure.code === 'conflict' || (failure.status === 422 && this.issues.length === 0)
        ? ` ${failure.message}`
        : ''
    this.error = `${what} ${why}${detail}`
  }

  protected clearOutcome(): void {
    this.status = ''
    this.error = ''
    this.issues = []
  }

  /**
   * Saves with `PUT path` while `saving`, after clearing the last outcome: the stored value, or
   * `undefined` once the failure is recorded as `failed` (see `fail`).
   */
  protected async put<T>(path: string, body: unknown, failed: string): Promise<T | undefined> {
    this.saving = true
    this.clearOutcome()
    const res = await this.api!.call<T>(path, { method: 'PUT', body: JSON.stringify(body) })
    this.saving = false
    if (res.ok) return res.value
    this.fail(failed, res)
    return undefined
  }

  protected issuesAt(path: string): string[] {
    return messagesAt(this.issues, path)
  }

  /** The status region, the alert and the list of issues with their places in words. */
  protected renderOutcome() {
    const lines = issueLines(this.issues, this.pathWords())
    return html`<p role="status" class="status">${this.status}</p>
      <div role="alert" class="error">
        ${this.error}
        ${
          lines.length
            ? html`<ul class="issues">
                ${lines.map((l) => html`<li>${l}</li>`)}
              </ul>`
            : nothing
        }
      </div>`
  }

  /** The sentence that says why a form is read-only, when it is. */
  protected renderReadOnly(editable: boolean, text = kitText[this.locale].ownersOnly) {
    return editable ? nothing : html`<p class="hint readonly">${text}</p>`
  }

  /**
   * A form that saves the whole section: its fields (disabled for who may not edit them) and a
   * save button that waits for the `put` under way.
   */
  protected renderSaveForm(o: {
    /** The id of the heading that names the form. */
    labelledBy: string
    editable: boolean
    fields: unknown
    save: string
    onSubmit: (event: SubmitEvent) => void
  }) {
    return html`<form @submit=${o.onSubmit} novalidate aria-labelledby=${o.labelledBy}>
      <fieldset class="plain" ?disabled=${!o.editable}>
        ${o.fields}
        <div class="actions">
          <button type="submit" ?disabled=${this.saving}>${o.save}</button>
        </div>
      </fieldset>
    </form>`
  }

  /** Focuses the first element matching `selector` once the next render is done. */
  protected async focusLater(selector: string): Promise<void> {
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus()
  }
}
