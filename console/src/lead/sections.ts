/** The lead page's read-only sections, as templates of the data they show. */
import { html, nothing } from 'lit'
import type { Lead, LeadDetail } from '../../../contract'
import type { LeadPageMessages } from '../i18n/lead-page'
import { breakdownOf, consentByChannel } from './lead-data'

/** The contact's details and each channel's latest consent. */
export function contactSection(d: LeadDetail, m: LeadPageMessages, when: (iso: string) => string) {
  const c = m.contact
  const p = d.contact
  const value = (x: string | null) => x ?? c.unknown
  const consents = consentByChannel(d.consents)
  return html`<section aria-labelledby="contact-h">
    <h3 id="contact-h">${c.heading}</h3>
    <dl>
      <dt>${c.name}</dt>
      <dd>${value(p.name)}</dd>
      <dt>${c.email}</dt>
      <dd>${p.email ? html`<a href=${`mailto:${p.email}`}>${p.email}</a>` : c.unknown}</dd>
      <dt>${c.phone}</dt>
      <dd>${p.phone ? html`<a href=${`tel:${p.phone}`}>${p.phone}</a>` : c.unknown}</dd>
      <dt>${c.company}</dt>
      <dd>${value(p.company)}</dd>
      <dt>${c.location}</dt>
      <dd>${value(p.location)}</dd>
    </dl>
    <h4>${c.consents}</h4>
    <dl class="consents">
      ${Object.entries(consents).map(
        ([channel, r]) =>
          html`<dt>${c.channels[channel as keyof typeof c.channels]}</dt>
            <dd>
              ${r === null ? c.never : r.granted ? c.granted(when(r.at)) : c.withdrawn(when(r.at))}
            </dd>`,
      )}
    </dl>
  </section>`
}

/** The score with its per-criterion breakdown and the qualification outcome. */
export function scoreSection(lead: Lead, m: LeadPageMessages) {
  const s = m.score
  const b = breakdownOf(lead)
  return html`<section aria-labelledby="score-h">
    <h3 id="score-h">${s.heading}</h3>
    ${
      b === null
        ? html`<p class="meta">${lead.score === null ? s.none : s.total(lead.score)}</p>`
        : html`<p><strong>${s.total(b.total)}</strong> · ${s.outcome}: ${s.outcomes[b.outcome]}</p>
            ${b.knockout ? html`<p class="error">${s.knockout}</p>` : nothing}
            <table>
              <thead>
                <tr>
                  <th scope="col">${s.criterion}</th>
                  <th scope="col">${s.points}</th>
                  <th scope="col">${s.share}</th>
                  <th scope="col">${s.weight}</th>
                </tr>
              </thead>
              <tbody>
                ${b.criteria.map(
                  (c) =>
                    html`<tr>
                      <th scope="row">${s.criteria[c.id] ?? c.id}</th>
                      <td>${c.points} / ${c.max}</td>
                      <td>%${Math.round(c.percent)}</td>
                      <td>${c.weight}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
    }
  </section>`
}
