/**
 * The store's booking settings form: meeting types (name in both languages, duration, where it
 * happens), the reps who take demos and how one is picked. Render functions over the booking
 * element, which owns the settings being edited.
 */
import { html, nothing } from 'lit'
import type { BookingSettings, MeetingType } from '../../../../contract'
import type { BookingWords } from './text'
import type { TeamMember } from '../../../../contract/team'
import { checkbox, input, numberOf, select } from '../editor-kit/fields'
import { freshKey, without } from '../editor-kit/lists'

export interface SettingsHost {
  readonly t: BookingWords['booking']
  readonly settings: BookingSettings
  readonly team: readonly TeamMember[]
  issuesAt(path: string): string[]
  changed(): void
}

function renderType(h: SettingsHost, m: MeetingType, i: number) {
  const t = h.t
  const at = `meetingTypes.${i}`
  const types = h.settings.meetingTypes
  return html`<li class="row" data-type=${m.id}>
    <div class="fields">
      ${input({
        id: `mt${i}-id`,
        label: t.typeKey(i + 1),
        value: m.id,
        issues: h.issuesAt(`${at}.id`),
        onInput: (v) => ((m.id = v), h.changed()),
      })}
      ${input({
        id: `mt${i}-tr`,
        label: t.nameTr,
        value: m.name.tr,
        onInput: (v) => ((m.name.tr = v), h.changed()),
      })}
      ${input({
        id: `mt${i}-en`,
        label: t.nameEn,
        value: m.name.en,
        onInput: (v) => ((m.name.en = v), h.changed()),
      })}
      ${input({
        id: `mt${i}-duration`,
        label: t.duration,
        type: 'number',
        min: 5,
        max: 480,
        step: 5,
        value: m.durationMin,
        issues: h.issuesAt(`${at}.durationMin`),
        onInput: (v) => ((m.durationMin = numberOf(v) ?? 30), h.changed()),
      })}
      ${select({
        id: `mt${i}-kind`,
        label: t.where,
        value: m.location.kind,
        options: (['video', 'phone', 'place'] as const).map((k) => ({
          value: k,
          label: t.kinds[k],
        })),
        onChange: (v) => ((m.location.kind = v), h.changed()),
      })}
      ${input({
        id: `mt${i}-value`,
        label: t.locationValue[m.location.kind],
        value: m.location.value,
        maxLength: 500,
        issues: h.issuesAt(`${at}.location.value`),
        onInput: (v) => ((m.location.value = v), h.changed()),
      })}
    </div>
    <button
      type="button"
      class="small danger"
      ?disabled=${types.length === 1}
      @click=${() => ((h.settings.meetingTypes = without(types, i)), h.changed())}
    >
      ${t.removeType(m.name.tr || m.id)}
    </button>
  </li>`
}

export function renderSettings(h: SettingsHost) {
  const t = h.t
  const s = h.settings
  const people = h.team
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? id
  return html`<fieldset>
      <legend>${t.meetingTypes}</legend>
      ${
        h.issuesAt('meetingTypes').length
          ? html`<p class="issue">${h.issuesAt('meetingTypes').join(' ')}</p>`
          : nothing
      }
      <ol class="rows">
        ${s.meetingTypes.map((m, i) => renderType(h, m, i))}
      </ol>
      <button
        type="button"
        class="small secondary"
        ?disabled=${s.meetingTypes.length >= 20}
        @click=${() => {
          const id = freshKey(
            'meeting',
            s.meetingTypes.map((m) => m.id),
          )
          s.meetingTypes = [
            ...s.meetingTypes,
            {
              id,
              name: { tr: '', en: '' },
              durationMin: 30,
              location: { kind: 'video', value: '' },
            },
          ]
          h.changed()
        }}
      >
        ${t.addType}
      </button>
    </fieldset>
    <fieldset>
      <legend>${t.whoTakes}</legend>
      <p class="hint">${t.whoTakesHint}</p>
      ${[...new Set([...people.map((p) => p.id), ...s.reps])].map((id, i) =>
        checkbox({
          id: `rep-${i}`,
          label: name(id),
          checked: s.reps.includes(id),
          issues: h.issuesAt(`reps.${s.reps.indexOf(id)}`),
          onChange: (on) => {
            s.reps = on ? [...s.reps, id] : s.reps.filter((r) => r !== id)
            h.changed()
          },
        }),
      )}
      <div class="fields">
        ${select({
          id: 'assignment',
          label: t.assignment,
          value: s.assignment,
          options: (['owner_first', 'round_robin', 'fixed'] as const).map((a) => ({
            value: a,
            label: t.assignments[a],
          })),
          onChange: (v) => {
            s.assignment = v
            if (v === 'fixed' && !s.fixedRep) s.fixedRep = s.reps[0] ?? people[0]?.id
            if (v !== 'fixed') delete s.fixedRep
            h.changed()
          },
        })}
        ${
          s.assignment === 'fixed'
            ? select({
                id: 'fixed-rep',
                label: t.fixedRep,
                value: s.fixedRep,
                issues: h.issuesAt('fixedRep'),
                options: people.map((p) => ({ value: p.id, label: p.name })),
                onChange: (v) => ((s.fixedRep = v), h.changed()),
              })
            : nothing
        }
      </div>
    </fieldset>`
}
