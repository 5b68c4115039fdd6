/**
 * Parts of the team section, as template functions: a person's keys with rename and revoke,
 * the revoke dialog, and the panel that shows a new key's secret once.
 */
import { html, nothing, type TemplateResult } from 'lit'
import type { ApiKey, ApiKeyCreated, TeamMember } from '../../../contract'
import type { TeamSettingsMessages } from '../i18n/settings-team'

/** What the templates read from the team section and the actions they call. */
export interface KeysView {
  t: TeamSettingsMessages
  date(iso: string): string
  renaming: ApiKey | undefined
  revoking: ApiKey | undefined
  startRename(key: ApiKey): void
  endRename(key: ApiKey): void
  rename(event: SubmitEvent, key: ApiKey): void
  askRevoke(key: ApiKey): void
  closeRevoke(): void
  revoke(): void
  copySecret(): void
  hideSecret(): void
}

/** A new key's secret, shown until hidden: the answer that made the key is the only place. */
export function secretPanel(view: KeysView, s: ApiKeyCreated): TemplateResult {
  const t = view.t
  return html`<section class="notice" aria-labelledby="secret-heading">
    <h4 id="secret-heading" tabindex="-1">${t.secretHeading(s.key.name)}</h4>
    <p>${t.secretOnce}</p>
    <label for="secret">${t.secretLabel}</label>
    <input id="secret" readonly .value=${s.secret} spellcheck="false" autocomplete="off" />
    <div class="actions">
      <button type="button" @click=${view.copySecret}>${t.copySecret}</button>
      <button type="button" class="secondary" @click=${view.hideSecret}>${t.hideSecret}</button>
    </div>
  </section>`
}

/** A person's keys, with rename and revoke for those who may manage them. */
export function keysTable(
  view: KeysView,
  m: TeamMember,
  keys: ApiKey[],
  manage: boolean,
): TemplateResult {
  const t = view.t
  if (!keys.length) return html`<p class="help">${t.noKeys}</p>`
  return html`<table>
    <caption class="visually-hidden">
      ${t.keys(m.name)}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t.keyName}</th>
        <th scope="col">${t.keyPrefix}</th>
        <th scope="col">${t.keyCreated}</th>
        <th scope="col">${t.keyState}</th>
        ${manage ? html`<th scope="col">${t.keyActions}</th>` : nothing}
      </tr>
    </thead>
    <tbody>
      ${keys.map(
        (k) =>
          html`<tr>
            <th scope="row" id="key-${k.id}" tabindex="-1">
              ${view.renaming?.id === k.id ? renameForm(view, k) : k.name}
            </th>
            <td><code>${k.prefix}…</code></td>
            <td>${view.date(k.createdAt)}</td>
            <td>${k.revokedAt ? t.revokedOn(view.date(k.revokedAt)) : t.active}</td>
            ${
              manage
                ? html`<td class="actions">
                    <button
                      type="button"
                      class="secondary"
                      id="rename-${k.id}"
                      @click=${() => view.startRename(k)}
                    >
                      ${t.rename(k.name)}
                    </button>
                    ${
                      k.revokedAt
                        ? nothing
                        : html`<button
                            type="button"
                            class="danger"
                            id="revoke-${k.id}"
                            @click=${() => view.askRevoke(k)}
                          >
                            ${t.revoke(k.name)}
                          </button>`
                    }
                  </td>`
                : nothing
            }
          </tr>`,
      )}
    </tbody>
  </table>`
}

function renameForm(view: KeysView, k: ApiKey): TemplateResult {
  const t = view.t
  return html`<form
    class="row"
    @submit=${(e: SubmitEvent) => view.rename(e, k)}
    @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Escape') view.endRename(k)
    }}
  >
    <label for="rename" class="visually-hidden">${t.renameLabel}</label>
    <input id="rename" name="name" required maxlength="60" .value=${k.name} autocomplete="off" />
    <button type="submit">${t.saveName}</button>
    <button type="button" class="secondary" @click=${() => view.endRename(k)}>${t.cancel}</button>
  </form>`
}

/** Asks before revoking; Escape and Cancel go back to the key's revoke button. */
export function revokeDialog(view: KeysView): TemplateResult {
  const t = view.t
  const key = view.revoking
  return html`<dialog
    aria-labelledby="revoke-heading"
    aria-describedby="revoke-text"
    @cancel=${(e: Event) => {
      e.preventDefault()
      view.closeRevoke()
    }}
  >
    ${
      key
        ? html`<h4 id="revoke-heading">${t.revokeHeading(key.name)}</h4>
            <p id="revoke-text">${t.revokeText}</p>
            <div class="actions">
              <button type="button" id="revoke-cancel" class="secondary" @click=${view.closeRevoke}>
                ${t.cancel}
              </button>
              <button type="button" class="danger" @click=${view.revoke}>${t.confirmRevoke}</button>
            </div>`
        : nothing
    }
  </dialog>`
}
