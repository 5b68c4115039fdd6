/**
 * The form of one person's availability: zone, weekly hours (several ranges a day), date
 * overrides (extra hours or a day off), buffers, notice, how far ahead and the daily maximum.
 * Render functions over the booking element, which owns the rules being edited.
 */
import { html, nothing, type TemplateResult } from 'lit'
import { WEEKDAYS, type Availability, type TimeRange } from '../../../../contract'
import type { BookingWords } from './text'
import { input, numberOf } from '../editor-kit/fields'
import { without } from '../editor-kit/lists'
import { nextRange } from './availability'

export interface AvailabilityHost {
  readonly t: BookingWords['booking']
  readonly rules: Availability
  issuesAt(path: string): string[]
  changed(): void
}

function renderRanges(
  h: AvailabilityHost,
  ranges: TimeRange[],
  set: (next: TimeRange[]) => void,
  id: string,
  path: string,
  name: string,
): TemplateResult {
  const t = h.t
  return html`<ul class="rows">
      ${ranges.map(
        (r, k) =>
          html`<li class="fields">
            ${input({
              id: `${id}-${k}-start`,
              label: t.from(name, k + 1),
              type: 'time',
              step: 300,
              value: r.start,
              issues: h.issuesAt(`${path}.${k}`),
              onInput: (v) => ((r.start = v), h.changed()),
            })}
            ${input({
              id: `${id}-${k}-end`,
              label: t.to,
              type: 'time',
              step: 300,
              value: r.end,
              onInput: (v) => ((r.end = v), h.changed()),
            })}
            <button type="button" class="small danger" @click=${() => set(without(ranges, k))}>
              ${t.removeRange(name, k + 1)}
            </button>
          </li>`,
      )}
    </ul>
    <button
      type="button"
      class="small secondary"
      ?disabled=${ranges.length >= 6}
      @click=${() => set([...ranges, nextRange(ranges)])}
    >
      ${t.addRange(name)}
    </button>`
}

function renderWeekly(h: AvailabilityHost) {
  const t = h.t
  const weekly = h.rules.weekly
  return html`<fieldset>
    <legend>${t.weekly}</legend>
    <p class="hint">${t.weeklyHint}</p>
    ${WEEKDAYS.map(
      (d) =>
        html`<div class="day" data-day=${d}>
          <h4>
            ${t.days[d]}${
              weekly[d].length ? nothing : html` <span class="meta">· ${t.dayOff}</span>`
            }
          </h4>
          ${renderRanges(
            h,
            weekly[d],
            (next) => ((weekly[d] = next), h.changed()),
            `w-${d}`,
            `weekly.${d}`,
            t.days[d],
          )}
        </div>`,
    )}
  </fieldset>`
}

function renderOverrides(h: AvailabilityHost) {
  const t = h.t
  const rules = h.rules
  return html`<fieldset>
    <legend>${t.overrides}</legend>
    <p class="hint">${t.overridesHint}</p>
    ${
      h.issuesAt('overrides').length
        ? html`<p class="issue">${h.issuesAt('overrides').join(' ')}</p>`
        : nothing
    }
    <ol class="rows">
      ${rules.overrides.map((o, i) => {
        const name = o.date || t.overrideN(i + 1)
        return html`<li class="row">
          <div class="fields">
            ${input({
              id: `o${i}-date`,
              label: t.date(i + 1),
              type: 'date',
              value: o.date,
              issues: h.issuesAt(`overrides.${i}.date`),
              onInput: (v) => ((o.date = v), h.changed()),
            })}
            ${input({
              id: `o${i}-note`,
              label: t.note,
              value: o.note ?? '',
              maxLength: 200,
              onInput: (v) => {
                if (v) o.note = v
                else delete o.note
                h.changed()
              },
            })}
            <button
              type="button"
              class="small danger"
              @click=${() => ((rules.overrides = without(rules.overrides, i)), h.changed())}
            >
              ${t.removeOverride(name)}
            </button>
          </div>
          ${o.ranges.length ? nothing : html`<p class="meta">${t.dayOff}</p>`}
          ${renderRanges(
            h,
            o.ranges,
            (next) => ((o.ranges = next), h.changed()),
            `o${i}-r`,
            `overrides.${i}.ranges`,
            name,
          )}
        </li>`
      })}
    </ol>
    <button
      type="button"
      class="small secondary"
      @click=${() => {
        rules.overrides = [...rules.overrides, { date: '', ranges: [] }]
        h.changed()
      }}
    >
      ${t.addOverride}
    </button>
  </fieldset>`
}

function renderLimits(h: AvailabilityHost) {
  const t = h.t
  const r = h.rules
  const minutes = (key: 'bufferBeforeMin' | 'bufferAfterMin' | 'minNoticeMin', max: number) =>
    input({
      id: `a-${key}`,
      label: t.limits[key],
      type: 'number',
      min: 0,
      max,
      step: 5,
      value: r[key],
      issues: h.issuesAt(key),
      onInput: (v) => ((r[key] = numberOf(v) ?? 0), h.changed()),
    })
  const count = (key: 'maxDaysAhead' | 'maxPerDay', max: number) =>
    input({
      id: `a-${key}`,
      label: t.limits[key],
      type: 'number',
      min: 1,
      max,
      step: 1,
      value: r[key],
      issues: h.issuesAt(key),
      onInput: (v) => ((r[key] = numberOf(v) ?? 1), h.changed()),
    })
  return html`<fieldset>
    <legend>${t.limitsHeading}</legend>
    <div class="fields">
      ${minutes('bufferBeforeMin', 240)} ${minutes('bufferAfterMin', 240)}
      ${minutes('minNoticeMin', 43200)} ${count('maxDaysAhead', 365)} ${count('maxPerDay', 50)}
    </div>
  </fieldset>`
}

export function renderAvailability(h: AvailabilityHost, zones: readonly string[]) {
  const t = h.t
  return html`<div class="fields">
      ${input({
        id: 'a-zone',
        label: t.timeZone,
        value: h.rules.timeZone,
        list: 'zones',
        hint: t.timeZoneHint,
        issues: h.issuesAt('timeZone'),
        onInput: (v) => ((h.rules.timeZone = v), h.changed()),
      })}
      <datalist id="zones">${zones.map((z) => html`<option value=${z}></option>`)}</datalist>
    </div>
    ${renderWeekly(h)} ${renderOverrides(h)} ${renderLimits(h)}`
}
