/**
 * The read-only parts of a contact's page, as templates: custom fields, consent records, their
 * leads (links to the lead pages), the timeline and the merges. Text bindings only.
 */
import { html, nothing, type TemplateResult } from 'lit'
import type { ConsentRecord, ContactDetail, Locale } from '../../../contract'
import type { ListsMessages } from '../i18n/lists'
import { formatDate, formatDateTime, formatMoney } from '../localize'

type Section = (t: ListsMessages, locale: Locale, detail: ContactDetail) => TemplateResult

const section = (id: string, heading: string, body: unknown) =>
  html`<section class="panel" aria-labelledby=${id}>
    <h3 id=${id}>${heading}</h3>
    ${body}
  </section>`

/** A custom field's value as text (they are strings, numbers or booleans). */
const customText = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value)

export const customFields: Section = (t, _locale, { contact }) => {
  const entries = Object.entries(contact.custom)
  return section(
    'custom-h',
    t.contact.custom,
    entries.length
      ? html`<dl>
          ${entries.map(
            ([k, value]) =>
              html`<dt>${k}</dt>
                <dd>${customText(value)}</dd>`,
          )}
        </dl>`
      : html`<p class="meta">${t.contact.noCustom}</p>`,
  )
}

/**
 * The exact wording a consent was given under, as kept: its version and language, the opt-in
 * text, the information notice with its link, and since when it was the store's wording.
 */
function wording(t: ListsMessages, locale: Locale, r: ConsentRecord) {
  const c = t.contact
  const w = r.wording
  if (!w) return html`<span class="meta">${r.textVersion} · ${c.noWording}</span>`
  return html`<p class="meta">
      ${c.wordingOf(r.textVersion, r.language)} ·
      ${c.wordingSince(formatDateTime(locale, w.currentFrom))}
    </p>
    <blockquote lang=${r.language ?? nothing}>${w.text}</blockquote>
    ${
      w.notice || w.noticeUrl
        ? html`<p>
            ${c.notice}
            <span lang=${r.language ?? nothing}>${w.notice ?? ''}</span>
            ${
              w.noticeUrl
                ? html`<a href=${w.noticeUrl} target="_blank" rel="noopener noreferrer"
                    >${c.noticeLink}</a
                  >`
                : nothing
            }
          </p>`
        : nothing
    }`
}

export const consents: Section = (t, locale, { consents }) => {
  const c = t.contact
  return section(
    'consents-h',
    c.consents,
    consents.length
      ? html`<table>
          <thead>
            <tr>
              ${Object.values(c.consentCols).map((col) => html`<th scope="col">${col}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${consents.map(
              (r) =>
                html`<tr>
                  <td>${c.channels[r.channel] ?? r.channel}</td>
                  <td>${c.granted(r.granted)}</td>
                  <td>${r.source ? c.consentSources[r.source] : c.sourceUnknown}</td>
                  <td>${wording(t, locale, r)}</td>
                  <td>${formatDateTime(locale, r.at)}</td>
                </tr>`,
            )}
          </tbody>
        </table>`
      : html`<p class="meta">${c.noConsents}</p>`,
  )
}

export const leads: Section = (t, locale, { leads }) =>
  section(
    'leads-h',
    t.contact.leads,
    leads.length
      ? html`<ul>
          ${leads.map(
            (lead) =>
              html`<li>
                <a href=${`/admin/leads/${encodeURIComponent(lead.id)}`}
                  >${t.contact.leadLink(
                    t.stages[lead.stage],
                    formatDate(locale, lead.createdAt),
                  )}</a
                >
                · ${formatMoney(locale, lead.valueMinor, lead.currency)}
              </li>`,
          )}
        </ul>`
      : html`<p class="meta">${t.contact.noLeads}</p>`,
  )

/** What an activity says: its text (`body`) or subject, when it has one. */
const activityText = (body: Record<string, unknown>): string =>
  [body.subject, body.body].filter((x): x is string => typeof x === 'string').join(' — ')

export const timeline: Section = (t, locale, { timeline }) =>
  section(
    'timeline-h',
    t.contact.timeline,
    timeline.length
      ? html`<ol>
          ${timeline.map(
            (a) =>
              html`<li>
                <strong>${t.contact.activityTypes[a.type] ?? a.type.replaceAll('_', ' ')}</strong>
                · ${formatDateTime(locale, a.createdAt)}
                ${activityText(a.body) ? html`<div>${activityText(a.body)}</div>` : ''}
              </li>`,
          )}
        </ol>`
      : html`<p class="meta">${t.contact.noTimeline}</p>`,
  )

export const merges: Section = (t, locale, { contact, merges }) =>
  merges.length
    ? section(
        'merges-h',
        t.contact.merges,
        html`<ul>
          ${merges.map((r) => {
            const at = formatDateTime(locale, r.at)
            if (r.fromId === contact.id) return html`<li>${t.contact.mergedInto(at)}</li>`
            const name = typeof r.from.name === 'string' ? r.from.name : t.noName
            return html`<li>
              <a href=${`/admin/contacts/${encodeURIComponent(r.fromId)}`}>${name}</a>:
              ${t.contact.mergedFrom(at)}
            </li>`
          })}
        </ul>`,
      )
    : html``
