/**
 * `<leadline-settings-team>`: the store's people and their admin keys. Owners add people and
 * manage every key; a rep manages their own keys (as the API allows). A new key's secret is
 * shown once, with a copy button, until it is hidden; revoking asks first in a dialog, and the
 * store's last owner key is refused in words.
 */
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import type {
  ApiKey,
  ApiKeyCreated,
  Role,
  Team,
  TeamMember,
  TeamMemberCreate,
} from '../../../contract'
import type { ApiIssue, ApiResult } from '../api'
import { define } from '../define'
import { teamSettingsText, type TeamSettingsMessages } from '../i18n/settings-team'
import { explain, formatDate, messages } from '../localize'
import { base } from '../styles'
import { ConsoleView } from '../view'
import { announce, copyText } from './live'
import { sectionStyles } from './section-styles'
import { keysTable, revokeDialog, secretPanel, type KeysView } from './team-keys'
import { memberIssues, placeKey } from './team-data'

export class LeadlineSettingsTeam extends ConsoleView {
  static override styles = [base, sectionStyles]
  static override properties: PropertyDeclarations = {
    team: { state: true },
    loadError: { state: true },
    busy: { state: true },
    secret: { state: true },
    renaming: { state: true },
    revoking: { state: true },
    memberIssues: { state: true },
    notice: { state: true },
  }

  private team: TeamMember[] | undefined
  private loadError = ''
  private busy = false
  /** The key just created and its secret, shown until hidden. */
  private secret: ApiKeyCreated | undefined
  private renaming: ApiKey | undefined
  private revoking: ApiKey | undefined
  private memberIssues: ApiIssue[] = []
  /** A refusal to keep on screen (the last owner key), beside the live announcement. */
  private notice = ''

  private get t(): TeamSettingsMessages {
    return teamSettingsText[this.locale]
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) void this.load()
  }

  async load(): Promise<void> {
    if (!this.api) return
    this.loadError = ''
    const res = await this.api.call<Team>('/team')
    if (res.ok) this.team = res.value.items
    else this.loadError = `${this.t.loadFailed} ${explain(messages(this.locale), res)}`
  }

  private say(text: string) {
    announce(this.renderRoot.querySelector('#status'), text)
  }

  private async focusOn(selector: string) {
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus()
  }

  /** Owners manage everyone's keys; a rep their own. */
  private mayManage(member: TeamMember): boolean {
    return this.isOwner || member.id === this.me?.user.id
  }

  /** A failed call in words; `conflict` says what a 409 means for this action. */
  private failure(res: Exclude<ApiResult<unknown>, { ok: true }>, conflict?: string): string {
    return res.status === 409 && conflict
      ? conflict
      : this.t.failed(explain(messages(this.locale), res))
  }

  private async addMember(event: SubmitEvent) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    const input: TeamMemberCreate = {
      name: String(data.get('name') ?? ''),
      email: String(data.get('email') ?? ''),
      role: data.get('role') === 'owner' ? 'owner' : 'rep',
    }
    this.memberIssues = memberIssues(input)
    if (this.memberIssues.length) return this.focusOn('[aria-invalid="true"]')
    if (!this.api || this.busy) return
    this.busy = true
    const res = await this.api.call<TeamMember>('/team', {
      method: 'POST',
      body: JSON.stringify(input),
    })
    this.busy = false
    if (!res.ok) return this.say(this.failure(res, this.t.memberTaken))
    this.team = [...(this.team ?? []), res.value]
    form.reset()
    this.say(this.t.added(res.value.name))
    await this.focusOn(`#member-${CSS.escape(res.value.id)}`)
  }

  private async createKey(event: SubmitEvent, member: TeamMember) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const input = form.elements.namedItem('name') as HTMLInputElement
    if (!input.value.trim()) {
      input.focus()
      return input.reportValidity()
    }
    if (!this.api || this.busy) return
    this.busy = true
    const res = await this.api.call<ApiKeyCreated>(`/team/${encodeURIComponent(member.id)}/keys`, {
      method: 'POST',
      body: JSON.stringify({ name: input.value }),
    })
    this.busy = false
    if (!res.ok) return this.say(this.failure(res, this.t.tooManyKeys))
    this.team = placeKey(this.team ?? [], res.value.key)
    this.secret = res.value
    form.reset()
    await this.focusOn('#secret-heading')
  }

  private async copySecret() {
    const shown = this.renderRoot.querySelector<HTMLInputElement>('#secret')
    if (!this.secret || !shown) return
    const outcome = await copyText(this.secret.secret, shown)
    this.say(outcome === 'copied' ? this.t.copied : this.t.selected)
  }

  private async hideSecret() {
    const key = this.secret?.key
    this.secret = undefined
    this.say(this.t.secretHidden)
    if (key) await this.focusOn(`#key-${CSS.escape(key.id)}`)
  }

  private async startRename(key: ApiKey) {
    this.renaming = key
    await this.focusOn('#rename')
  }

  private async endRename(key: ApiKey) {
    this.renaming = undefined
    await this.focusOn(`#rename-${CSS.escape(key.id)}`)
  }

  private async rename(event: SubmitEvent, key: ApiKey) {
    event.preventDefault()
    const input = (event.target as HTMLFormElement).elements.namedItem('name') as HTMLInputElement
    if (!input.value.trim()) return input.reportValidity()
    if (!this.api) return
    const res = await this.api.call<ApiKey>(`/keys/${encodeURIComponent(key.id)}`, {
      method: 'PATCH',
      body: JSON.stringify({ name: input.value }),
    })
    if (!res.ok) return this.say(this.failure(res))
    this.team = placeKey(this.team ?? [], res.value)
    this.say(this.t.renamed(res.value.name))
    await this.endRename(res.value)
  }

  private async askRevoke(key: ApiKey) {
    this.revoking = key
    this.notice = ''
    await this.updateComplete
    this.renderRoot.querySelector('dialog')?.showModal()
    // The safe choice first: Enter on an unread dialog cancels.
    this.renderRoot.querySelector<HTMLElement>('#revoke-cancel')?.focus()
  }

  /** Closes the dialog (Escape, Cancel) and goes back to the key's revoke button. */
  private async closeRevoke() {
    const key = this.revoking
    this.renderRoot.querySelector('dialog')?.close()
    this.revoking = undefined
    if (key) await this.focusOn(`#revoke-${CSS.escape(key.id)}`)
  }

  private async revoke() {
    const key = this.revoking
    if (!key || !this.api) return
    this.renderRoot.querySelector('dialog')?.close()
    this.revoking = undefined
    const res = await this.api.call<ApiKey>(`/keys/${encodeURIComponent(key.id)}/revoke`, {
      method: 'POST',
    })
    if (res.ok) {
      this.team = placeKey(this.team ?? [], res.value)
      this.say(this.t.revoked(key.name))
      return this.focusOn(`#key-${CSS.escape(key.id)}`)
    }
    this.notice = this.failure(res, this.t.lastOwnerKey)
    this.say(this.notice)
    await this.focusOn(`#revoke-${CSS.escape(key.id)}`)
  }

  private get keysView(): KeysView {
    return {
      t: this.t,
      date: (iso) => formatDate(this.locale, iso),
      renaming: this.renaming,
      revoking: this.revoking,
      startRename: (key) => void this.startRename(key),
      endRename: (key) => void this.endRename(key),
      rename: (event, key) => void this.rename(event, key),
      askRevoke: (key) => void this.askRevoke(key),
      closeRevoke: () => void this.closeRevoke(),
      revoke: () => void this.revoke(),
      copySecret: () => void this.copySecret(),
      hideSecret: () => void this.hideSecret(),
    }
  }

  override render() {
    const t = this.t
    const head = html`<h3>${t.heading}</h3>`
    if (!this.team) {
      return html`${head}
      ${
        this.loadError
          ? html`<p role="alert" class="error">${this.loadError}</p>
              <button type="button" @click=${() => this.load()}>${t.retry}</button>`
          : html`<p role="status">${t.loading}</p>`
      }`
    }
    return html`${head} ${this.isOwner ? nothing : html`<p class="help">${t.repNote}</p>`}
      ${this.notice ? html`<p class="notice warn">${this.notice}</p>` : nothing}
      ${this.secret ? secretPanel(this.keysView, this.secret) : nothing}
      <ul class="plain">
        ${this.team.map((m) => this.renderMember(m))}
      </ul>
      ${this.isOwner ? this.renderAddMember() : nothing} ${revokeDialog(this.keysView)}
      <p id="status" role="status" class="help"></p>`
  }

  private renderMember(m: TeamMember) {
    const t = this.t
    const you = m.id === this.me?.user.id ? ` ${t.you}` : ''
    return html`<li>
      <fieldset>
        <legend id="member-${m.id}" tabindex="-1">
          ${t.member(m.name + you, t.roles[m.role])}
        </legend>
        <p class="help">${m.email}</p>
        ${m.keys ? keysTable(this.keysView, m, m.keys, this.mayManage(m)) : nothing}
        ${
          this.mayManage(m)
            ? html`<form class="row" @submit=${(e: SubmitEvent) => this.createKey(e, m)}>
                <label for="new-key-${m.id}" class="visually-hidden">${t.newKeyName(m.name)}</label>
                <input
                  id="new-key-${m.id}"
                  name="name"
                  required
                  maxlength="60"
                  autocomplete="off"
                  placeholder=${t.newKeyHint}
                />
                <button type="submit" ?disabled=${this.busy}>${t.createKey}</button>
              </form>`
            : nothing
        }
      </fieldset>
    </li>`
  }

  private renderAddMember() {
    const t = this.t
    const issue = (path: string) => this.memberIssues.find((i) => i.path === path)
    const field = (name: 'name' | 'email', label: string, type: string, autocomplete: string) => {
      const bad = issue(name)
      return html`<label for="member-${name}">${label}</label>
        <input
          id="member-${name}"
          name=${name}
          type=${type}
          autocomplete=${autocomplete}
          aria-invalid=${bad ? 'true' : 'false'}
          aria-describedby=${bad ? `member-${name}-error` : nothing}
        />
        ${
          bad
            ? html`<p class="field-error" id="member-${name}-error">${t.issues[name]}</p>`
            : nothing
        }`
    }
    return html`<form @submit=${this.addMember} novalidate>
      <fieldset>
        <legend>${t.addMember}</legend>
        <div class="grid">
          <div>${field('name', t.memberName, 'text', 'off')}</div>
          <div>${field('email', t.memberEmail, 'email', 'off')}</div>
          <div>
            <label for="member-role">${t.memberRole}</label>
            <select id="member-role" name="role">
              ${(['rep', 'owner'] as Role[]).map(
                (r) => html`<option value=${r}>${t.roles[r]}</option>`,
              )}
            </select>
          </div>
        </div>
        <div class="actions">
          <button type="submit" ?disabled=${this.busy}>${t.add}</button>
        </div>
      </fieldset>
    </form>`
  }
}

define('leadline-settings-team', LeadlineSettingsTeam)
