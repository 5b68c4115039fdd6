/**
 * Parts of the form settings section, as template functions: a list field's options, and the
 * consent: the information notice (shown and linked) apart from the commercial message opt-in
 * (ticked per channel), both under one version.
 */
import { html, type TemplateResult } from 'lit'
import { CHANNELS, type Channel, type FieldDef } from '../../../contract'
import type { StoreSettingsMessages } from '../i18n/settings-store'
import { inputId, type SiteDraft } from './site-draft'
import type { EditKit } from './site-view'

/** Changes field `i` of the draft in place (or replaces it with what `change` returns). */
export function setField(kit: EditKit, i: number, change: (f: FieldDef) => FieldDef | void) {
  kit.edit((d) => {
    const next = change(d.settings.fields[i]!)
    if (next) d.settings.fields[i] = next
  })
}

export function optionsEditor(
  kit: EditKit,
  t: StoreSettingsMessages['form'],
  f: FieldDef,
  i: number,
): TemplateResult {
  const at = `settings.fields.${i}.options`
  const list = kit.described(at)
  const options = f.options ?? []
  return html`<fieldset id=${list.id} tabindex="-1" aria-describedby=${list.describedBy}>
    <legend>${t.options}</legend>
    ${list.error}
    ${options.map(
      (o, j) =>
        html`<fieldset>
          <legend>${t.option(j + 1)}</legend>
          <div class="grid">
            ${(['value', 'tr', 'en'] as const).map(
              (part) =>
                html`<div>
                  ${kit.textField({
                    path: part === 'value' ? `${at}.${j}.value` : `${at}.${j}.label.${part}`,
                    label: part === 'value' ? t.optionValue : part === 'tr' ? t.labelTr : t.labelEn,
                    value: part === 'value' ? o.value : o.label[part],
                    onInput: (value) =>
                      setField(kit, i, (fd) => {
                        const option = fd.options![j]!
                        if (part === 'value') option.value = value
                        else option.label[part] = value
                      }),
                  })}
                </div>`,
            )}
          </div>
          <button
            type="button"
            class="danger"
            @click=${() => {
              setField(kit, i, (fd) => void fd.options!.splice(j, 1))
              void kit.focusOn(`#add-option-${i}`)
            }}
          >
            ${t.removeOption(j + 1)}
          </button>
        </fieldset>`,
    )}
    <button
      type="button"
      class="secondary"
      id="add-option-${i}"
      @click=${() => {
        setField(
          kit,
          i,
          (fd) => void (fd.options ??= []).push({ value: '', label: { tr: '', en: '' } }),
        )
        void kit.focusOn(`#${inputId(`${at}.${options.length}.value`)}`)
      }}
    >
      ${t.addOption}
    </button>
  </fieldset>`
}

export function consentEditor(
  kit: EditKit,
  t: StoreSettingsMessages['form'],
  draft: SiteDraft,
): TemplateResult {
  const consent = draft.settings.consent
  const channels = kit.described('settings.consent.channels')
  const toggle = (ch: Channel, on: boolean) =>
    kit.edit((d) => {
      const set = new Set(d.settings.consent.channels)
      if (on) set.add(ch)
      else set.delete(ch)
      d.settings.consent.channels = CHANNELS.filter((c) => set.has(c))
    })
  // The notice is optional in the settings (stores from before it existed have none): both
  // texts empty means no notice, and an empty address means no link.
  const setNotice = (lang: 'tr' | 'en', value: string) =>
    kit.edit((d) => {
      const notice = { tr: '', en: '', ...d.settings.consent.notice, [lang]: value }
      if (notice.tr === '' && notice.en === '') delete d.settings.consent.notice
      else d.settings.consent.notice = notice
    })
  const setNoticeUrl = (value: string) =>
    kit.edit((d) => {
      if (value.trim() === '') delete d.settings.consent.noticeUrl
      else d.settings.consent.noticeUrl = value.trim()
    })
  return html`<fieldset>
    <legend>${t.consent}</legend>
    <p class="help">${t.consentHelp}</p>
    ${kit.textField({
      path: 'settings.consent.version',
      label: t.consentVersion,
      value: consent.version,
      onInput: (value) => kit.edit((d) => (d.settings.consent.version = value.trim())),
    })}
    <fieldset>
      <legend>${t.notice}</legend>
      <p class="help">${t.noticeHelp}</p>
      ${(['tr', 'en'] as const).map((lang) =>
        kit.textField({
          path: `settings.consent.notice.${lang}`,
          label: lang === 'tr' ? t.noticeTr : t.noticeEn,
          value: consent.notice?.[lang] ?? '',
          multiline: true,
          onInput: (value) => setNotice(lang, value),
        }),
      )}
      ${kit.textField({
        path: 'settings.consent.noticeUrl',
        label: t.noticeUrl,
        value: consent.noticeUrl ?? '',
        type: 'url',
        hint: consent.noticeUrl ? undefined : t.noticeUrlMissing,
        onInput: setNoticeUrl,
      })}
    </fieldset>
    <p class="help">${t.optInHelp}</p>
    ${(['tr', 'en'] as const).map((lang) =>
      kit.textField({
        path: `settings.consent.text.${lang}`,
        label: lang === 'tr' ? t.consentTr : t.consentEn,
        value: consent.text[lang],
        multiline: true,
        onInput: (value) => kit.edit((d) => (d.settings.consent.text[lang] = value)),
      }),
    )}
    <fieldset id=${channels.id} tabindex="-1" aria-describedby=${channels.describedBy}>
      <legend>${t.channels}</legend>
      ${CHANNELS.map(
        (ch) =>
          html`<label class="inline">
            <input
              type="checkbox"
              .checked=${consent.channels.includes(ch)}
              @change=${(e: Event) => toggle(ch, (e.target as HTMLInputElement).checked)}
            />
            ${t.channelNames[ch]}
          </label>`,
      )}
      ${channels.error}
    </fieldset>
  </fieldset>`
}
