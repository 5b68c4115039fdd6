/**
 * What the store, form and theme sections share: they edit parts of one thing, the store's
 * settings (`GET`/`PUT /admin/api/site`). Loads them, keeps a draft, checks it with the
 * contract's schema before sending, shows issues beside their inputs (the API's 422 too), and
 * the 409 of a save someone else made first with a way to load theirs. Reps see the same
 * inputs, disabled (the API would refuse their save with 403).
 */
import {
  html,
  nothing,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit'
import * as v from 'valibot'
import { SiteAdminSchema, type SiteAdmin } from '../../../contract'
import type { ApiIssue } from '../api'
import { storeSettingsText, type StoreSettingsMessages } from '../i18n/settings-store'
import { explain, messages } from '../localize'
import { base } from '../styles'
import { ConsoleView } from '../view'
import { announce } from './live'
import { sectionStyles } from './section-styles'
import { checkDraft, draftOf, inputId, issueText, type SiteDraft } from './site-draft'

export interface TextOptions {
  path: string
  label: string
  value: string
  onInput: (value: string) => void
  hint?: string
  multiline?: boolean
  type?: 'text' | 'number' | 'url'
  autocomplete?: string
}

/** What an input needs to show its hint and issue, and to point at them. */
export interface Described {
  id: string
  invalid: 'true' | 'false'
  describedBy: string | typeof nothing
  hint: TemplateResult | typeof nothing
  error: TemplateResult | typeof nothing
}

/** The editing tools a section hands to the template functions it is split into. */
export interface EditKit {
  edit(change: (draft: SiteDraft) => void): void
  described(path: string, hint?: string): Described
  textField(o: TextOptions): TemplateResult
  focusOn(selector: string): Promise<void>
}

export abstract class SiteSettingsView extends ConsoleView {
  static override styles = [base, sectionStyles]
  static override properties: PropertyDeclarations = {
    saved: { state: true },
    draft: { state: true },
    issues: { state: true },
    busy: { state: true },
    loadError: { state: true },
    conflict: { state: true },
  }

  protected saved: SiteAdmin | undefined
  protected draft: SiteDraft | undefined
  protected issues: ApiIssue[] = []
  protected busy = false
  protected loadError = ''
  /** The store as someone else saved it, after our save got the 409. */
  protected conflict: SiteAdmin | undefined
  /** Whether a save was tried: from then on the draft is checked as it is edited. */
  private checked = false

  protected get t(): StoreSettingsMessages {
    return storeSettingsText[this.locale]
  }

  protected abstract heading(): string
  protected abstract renderBody(draft: SiteDraft, saved: SiteAdmin): TemplateResult

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) void this.load()
  }

  async load(): Promise<void> {
    if (!this.api) return
    this.loadError = ''
    const res = await this.api.call<SiteAdmin>('/site')
    if (res.ok) this.show(res.value)
    else this.loadError = `${this.t.loadFailed} ${explain(messages(this.locale), res)}`
  }

  private show(site: SiteAdmin) {
    this.saved = site
    this.draft = draftOf(site)
    this.issues = []
    this.checked = false
    this.conflict = undefined
  }

  /** Changes the draft (a copy of it, so Lit sees the change). */
  protected edit(change: (draft: SiteDraft) => void): void {
    if (!this.draft || !this.saved) return
    const draft = structuredClone(this.draft)
    change(draft)
    this.draft = draft
    if (this.checked) this.issues = checkDraft(draft, this.saved)
  }

  protected get kit(): EditKit {
    return {
      edit: (change) => this.edit(change),
      described: (path, hint) => this.described(path, hint),
      textField: (o) => this.textField(o),
      focusOn: (selector) => this.focusOn(selector),
    }
  }

  protected async focusOn(selector: string): Promise<void> {
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus()
  }

  protected say(text: string): void {
    announce(this.renderRoot.querySelector('#status'), text)
  }

  protected issueAt(path: string): string | undefined {
    const issue = this.issues.find((i) => i.path === path)
    return issue && this.draft ? issueText(this.t.issues, issue, this.draft) : undefined
  }

  /** The error under an input, and the attributes that tie it to the input. */
  protected described(path: string, hint?: string): Described {
    const id = inputId(path)
    const error = this.issueAt(path)
    const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
    return {
      id,
      invalid: error ? 'true' : 'false',
      describedBy: ids || nothing,
      hint: hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing,
      error: error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing,
    }
  }

  /** A labelled text input (or text area) for one path of the draft. */
  protected textField(o: TextOptions): TemplateResult {
    const d = this.described(o.path, o.hint)
    const onInput = (e: Event) => o.onInput((e.target as HTMLInputElement).value)
    const input = o.multiline
      ? html`<textarea
          id=${d.id}
          .value=${o.value}
          aria-invalid=${d.invalid}
          aria-describedby=${d.describedBy}
          @input=${onInput}
        ></textarea>`
      : html`<input
          id=${d.id}
          type=${o.type ?? 'text'}
          .value=${o.value}
          autocomplete=${o.autocomplete ?? 'off'}
          aria-invalid=${d.invalid}
          aria-describedby=${d.describedBy}
          @input=${onInput}
        />`
    return html`<label for=${d.id}>${o.label}</label>${d.hint}${input}${d.error}`
  }

  private async save(event: SubmitEvent) {
    event.preventDefault()
    const { api, draft, saved, t } = this
    if (!api || !draft || !saved || this.busy) return
    this.checked = true
    this.issues = checkDraft(draft, saved)
    if (this.issues.length) return this.refuse(this.issues.length)
    this.busy = true
    this.say(t.saving)
    const res = await api.call<SiteAdmin>('/site', { method: 'PUT', body: JSON.stringify(draft) })
    this.busy = false
    if (res.ok) {
      this.show(res.value)
      this.say(t.saved)
    } else if (res.status === 409 && v.is(SiteAdminSchema, res.current)) {
      this.conflict = res.current
      this.say(t.conflict)
      await this.focusOn('#reload')
    } else if (res.status === 422 && res.issues?.length) {
      this.issues = res.issues
      await this.refuse(this.issues.length)
    } else {
      this.say(t.saveFailed(explain(messages(this.locale), res)))
    }
  }

  /**
   * Says how many inputs need attention and moves to the first of them: the input (or the
   * group, for a list) whose error comes first on the screen.
   */
  private async refuse(count: number) {
    this.say(this.t.invalid(count))
    await this.updateComplete
    const error = this.renderRoot.querySelector('.field-error')
    const id = error?.id.replace(/-error$/, '')
    if (id) this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`)?.focus()
  }

  private async reload() {
    if (!this.conflict) return
    this.show(this.conflict)
    this.say(this.t.reloaded)
    await this.focusOn('h3')
  }

  /** Parts outside the disabled form, for reps too (the embed code, the theme preview). */
  protected renderExtra(_saved: SiteAdmin): TemplateResult | typeof nothing {
    return nothing
  }

  override render() {
    const { t, draft, saved } = this
    const head = html`<h3 tabindex="-1">${this.heading()}</h3>`
    if (!draft || !saved) {
      return html`${head}
      ${
        this.loadError
          ? html`<p role="alert" class="error">${this.loadError}</p>
              <button type="button" @click=${() => this.load()}>${t.retry}</button>`
          : html`<p role="status">${t.loading}</p>`
      }`
    }
    return html`${head}
      <form novalidate @submit=${this.save}>
        <fieldset class="plain" ?disabled=${!this.isOwner}>
          ${this.renderBody(draft, saved)}
        </fieldset>
        ${
          this.conflict
            ? html`<div class="notice warn">
                <p>${t.conflict}</p>
                <button type="button" id="reload" @click=${this.reload}>${t.reload}</button>
              </div>`
            : nothing
        }
        ${
          this.isOwner
            ? html`<div class="savebar actions">
                <button type="submit" ?disabled=${this.busy}>
                  ${this.busy ? t.saving : t.save}
                </button>
              </div>`
            : nothing
        }
      </form>
      ${this.renderExtra(saved)}
      <p id="status" role="status" class="help"></p>`
  }
}
