/**
 * `<leadline-settings-form>`: the fields of `<leadline-form>` (standard and custom, their type,
 * labels in both languages, whether required, list options, maximum length) in order, moved
 * with up and down buttons; the consent text with its version and channels; the minimum fill
 * time that flags spam.
 */
import { html, nothing, type TemplateResult } from 'lit'
import { STANDARD_FIELDS, type FieldDef, type SiteAdmin } from '../../../contract'
import { define } from '../define'
import {
  moveItem,
  newCustomField,
  unusedStandardFields,
  withType,
  type SiteDraft,
} from './site-draft'
import { consentEditor, optionsEditor, setField } from './form-parts'
import { SiteSettingsView } from './site-view'

const TYPES: FieldDef['type'][] = [
  'text',
  'email',
  'tel',
  'textarea',
  'select',
  'number',
  'checkbox',
]
/** Types a visitor types into, where a maximum length means something. */
const TYPED = new Set<FieldDef['type']>(['text', 'email', 'tel', 'textarea'])

export class LeadlineSettingsForm extends SiteSettingsView {
  protected heading() {
    return this.t.form.heading
  }

  private fieldLabel(f: FieldDef): string {
    return f.label[this.locale].trim() || f.name || this.t.form.unnamed
  }

  private setField(i: number, change: (f: FieldDef) => FieldDef | void) {
    setField(this.kit, i, change)
  }

  private move(i: number, step: -1 | 1) {
    const fields = this.draft?.settings.fields ?? []
    const to = i + step
    if (to < 0 || to >= fields.length) return
    const label = this.fieldLabel(fields[i]!)
    this.edit((d) => (d.settings.fields = moveItem(d.settings.fields, i, to)))
    this.say(this.t.form.moved(label, to + 1, fields.length))
    // Stay on the same button of the moved field; at the end of the list, on its other one.
    const atEdge = step === -1 ? to === 0 : to === fields.length - 1
    const button = (step === -1) !== atEdge ? 'up' : 'down'
    void this.focusOn(`#${button}-${to}`)
  }

  private removeField(i: number) {
    const fields = this.draft?.settings.fields ?? []
    const label = this.fieldLabel(fields[i]!)
    this.edit((d) => d.settings.fields.splice(i, 1))
    this.say(this.t.form.removed(label))
    void this.focusOn(
      fields.length > 1 ? `#field-${Math.min(i, fields.length - 2)}` : '#add-custom',
    )
  }

  private add(field: FieldDef) {
    const at = this.draft?.settings.fields.length ?? 0
    this.edit((d) => d.settings.fields.push(field))
    this.say(this.t.form.added)
    void this.focusOn(`#field-${at}`)
  }

  private addStandard() {
    const name = unusedStandardFields(this.draft?.settings.fields ?? [])[0]
    if (!name) return
    const label = this.t.form.standardNames[name]
    this.add({
      name,
      kind: 'standard',
      type: 'text',
      required: false,
      label: { tr: label, en: label },
    })
  }

  private setKind(i: number, kind: FieldDef['kind']) {
    this.setField(i, (f) => {
      const fields = this.draft?.settings.fields ?? []
      const name =
        kind === 'standard'
          ? (unusedStandardFields(fields)[0] ?? f.name)
          : newCustomField(fields, '').name
      return { ...f, kind, name }
    })
  }

  protected renderBody(draft: SiteDraft, _saved: SiteAdmin): TemplateResult {
    const t = this.t.form
    const fields = draft.settings.fields
    const list = this.described('settings.fields', t.fieldsHelp)
    return html`<fieldset id=${list.id} tabindex="-1" aria-describedby=${list.describedBy}>
        <legend>${t.fields}</legend>
        ${list.hint}${list.error}
        <ol class="plain">
          ${fields.map((f, i) => this.renderField(f, i, fields.length))}
        </ol>
        <div class="actions">
          <button
            type="button"
            id="add-custom"
            class="secondary"
            @click=${() => this.add(newCustomField(fields, t.newField))}
          >
            ${t.addCustom}
          </button>
          ${
            unusedStandardFields(fields).length
              ? html`<button type="button" class="secondary" @click=${this.addStandard}>
                  ${t.addStandard}
                </button>`
              : nothing
          }
        </div>
      </fieldset>
      ${consentEditor(this.kit, t, draft)}
      <fieldset>
        <legend>${t.spam}</legend>
        ${this.textField({
          path: 'settings.minFillMs',
          label: t.minFillMs,
          hint: t.minFillHelp,
          type: 'number',
          value: String(draft.settings.minFillMs),
          onInput: (value) => this.edit((d) => (d.settings.minFillMs = Number(value))),
        })}
      </fieldset>`
  }

  private renderField(f: FieldDef, i: number, count: number) {
    const t = this.t.form
    const at = `settings.fields.${i}`
    const label = this.fieldLabel(f)
    const kind = this.described(`${at}.kind`)
    const name = this.described(`${at}.name`, f.kind === 'custom' ? t.nameHint : undefined)
    const type = this.described(`${at}.type`)
    const unused = unusedStandardFields(this.draft?.settings.fields ?? [])
    const names = STANDARD_FIELDS.filter((n) => n === f.name || unused.includes(n))
    return html`<li>
      <fieldset id="field-${i}" tabindex="-1">
        <legend>${t.field(i + 1, label)}</legend>
        <div class="grid">
          <div>
            <label for=${kind.id}>${t.kind}</label>
            <select
              id=${kind.id}
              @change=${(e: Event) =>
                this.setKind(i, (e.target as HTMLSelectElement).value as FieldDef['kind'])}
            >
              ${(['standard', 'custom'] as const).map(
                (k) => html`<option value=${k} ?selected=${f.kind === k}>${t.kinds[k]}</option>`,
              )}
            </select>
          </div>
          <div>
            <label for=${name.id}>${f.kind === 'standard' ? t.standardName : t.name}</label>
            ${name.hint}
            ${
              f.kind === 'standard'
                ? html`<select
                    id=${name.id}
                    aria-invalid=${name.invalid}
                    aria-describedby=${name.describedBy}
                    @change=${(e: Event) =>
                      this.setField(i, (fd) => {
                        fd.name = (e.target as HTMLSelectElement).value
                      })}
                  >
                    ${names.map(
                      (n) =>
                        html`<option value=${n} ?selected=${f.name === n}>
                          ${t.standardNames[n]}
                        </option>`,
                    )}
                  </select>`
                : html`<input
                    id=${name.id}
                    .value=${f.name}
                    autocomplete="off"
                    spellcheck="false"
                    aria-invalid=${name.invalid}
                    aria-describedby=${name.describedBy}
                    @input=${(e: Event) =>
                      this.setField(i, (fd) => {
                        fd.name = (e.target as HTMLInputElement).value.trim()
                      })}
                  />`
            }
            ${name.error}
          </div>
          <div>
            <label for=${type.id}>${t.type}</label>
            <select
              id=${type.id}
              @change=${(e: Event) =>
                this.setField(i, (fd) =>
                  withType(fd, (e.target as HTMLSelectElement).value as FieldDef['type']),
                )}
            >
              ${TYPES.map(
                (ty) =>
                  html`<option value=${ty} ?selected=${f.type === ty}>${t.types[ty]}</option>`,
              )}
            </select>
          </div>
        </div>
        <label class="inline">
          <input
            type="checkbox"
            .checked=${f.required}
            @change=${(e: Event) =>
              this.setField(i, (fd) => {
                fd.required = (e.target as HTMLInputElement).checked
              })}
          />
          ${t.required}
        </label>
        <div class="grid">
          ${(['tr', 'en'] as const).map(
            (lang) =>
              html`<div>
                ${this.textField({
                  path: `${at}.label.${lang}`,
                  label: lang === 'tr' ? t.labelTr : t.labelEn,
                  value: f.label[lang],
                  onInput: (value) =>
                    this.setField(i, (fd) => {
                      fd.label[lang] = value
                    }),
                })}
              </div>`,
          )}
        </div>
        ${
          TYPED.has(f.type)
            ? this.textField({
                path: `${at}.maxLength`,
                label: t.maxLength,
                type: 'number',
                value: f.maxLength === undefined ? '' : String(f.maxLength),
                onInput: (value) =>
                  this.setField(i, (fd) => {
                    if (value.trim() === '') delete fd.maxLength
                    else fd.maxLength = Number(value)
                  }),
              })
            : nothing
        }
        ${f.type === 'select' ? optionsEditor(this.kit, t, f, i) : nothing}
        <div class="actions">
          <button
            type="button"
            class="secondary"
            id="up-${i}"
            ?disabled=${i === 0}
            @click=${() => this.move(i, -1)}
          >
            ${t.moveUp(label)}
          </button>
          <button
            type="button"
            class="secondary"
            id="down-${i}"
            ?disabled=${i === count - 1}
            @click=${() => this.move(i, 1)}
          >
            ${t.moveDown(label)}
          </button>
          <button type="button" class="danger" @click=${() => this.removeField(i)}>
            ${t.remove(label)}
          </button>
        </div>
      </fieldset>
    </li>`
  }
}

define('leadline-settings-form', LeadlineSettingsForm)
