/**
 * `<leadline-availability>`: one person's availability (`GET`/`PUT /admin/api/availability/:id`:
 * owners for anyone, reps for themselves) and, for the person signed in, their private calendar
 * feeds (`GET /admin/api/calendar-feeds` lists the working ones; `POST` makes one, its URL shown
 * once; `DELETE` revokes one).
 */
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit'
import type { Availability, CalendarFeedList } from '../../../../contract'
import type { TeamMember } from '../../../../contract/team'
import { define } from '../../define'
import { formatDateTime } from '../../localize'
import { base } from '../../styles'
import { select } from '../editor-kit/fields'
import { EditorSection } from '../editor-kit/editor-section'
import { bookingText, type BookingWords } from './text'
import { editorStyles } from '../editor-kit/styles'
import { defaultAvailability, timeZones } from './availability'
import { renderAvailability } from './availability-editor'

interface Feed {
  id: string
  url: string
}

export class LeadlineAvailability extends EditorSection<BookingWords> {
  protected readonly words = bookingText

  static override styles = [base, editorStyles]
  static override properties: PropertyDeclarations = {
    team: { attribute: false },
    person: { state: true },
    rules: { state: true },
    fresh: { state: true },
    revision: { state: true },
    feed: { state: true },
    feeds: { state: true },
  }

  team: TeamMember[] = []
  /** Whose availability is shown (the signed-in person first). */
  private person = ''
  private rules: Availability | undefined
  /** The person has no availability yet: the form starts from the default. */
  private fresh = false
  private revision = 0
  /** The feed made in this visit (its URL is never shown again). */
  private feed: Feed | undefined
  /** The signed-in person's working feeds, without URLs. */
  private feeds: CalendarFeedList['items'] = []
  private readonly zones = timeZones()

  protected override pathWords() {
    return this.t.booking.paths
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('api') || changed.has('me')) && this.api && this.me && !this.person) {
      void this.loadPerson(this.me.user.id)
      void this.loadFeeds()
    }
  }

  /** Owners change anyone's availability, reps only their own (as the API decides). */
  private get editable() {
    return this.isOwner || this.person === this.me?.user.id
  }

  private async loadPerson(person: string) {
    this.person = person
    this.rules = undefined
    this.clearOutcome()
    const res = await this.api!.call<Availability>(`/availability/${encodeURIComponent(person)}`)
    if (this.person !== person) return
    if (res.ok) {
      this.rules = res.value
      this.fresh = false
    } else if (res.status === 404) {
      this.rules = defaultAvailability()
      this.fresh = true
    } else this.fail(this.t.booking.loadFailed, res)
  }

  private async save(event: SubmitEvent) {
    event.preventDefault()
    const rules = this.rules
    if (!rules || !this.api || this.saving) return
    const saved = await this.put<Availability>(
      `/availability/${encodeURIComponent(this.person)}`,
      rules,
      this.t.booking.saveFailed,
    )
    if (!saved) return
    this.rules = saved
    this.fresh = false
    await this.say(this.t.booking.availabilitySaved(this.nameOf(this.person)))
  }

  private nameOf(id: string) {
    return this.team.find((p) => p.id === id)?.name ?? this.me?.user.name ?? id
  }

  private async loadFeeds() {
    const res = await this.api!.call<CalendarFeedList>('/calendar-feeds')
    if (res.ok) this.feeds = res.value.items
    else this.fail(this.t.booking.feedsFailed, res)
  }

  private async createFeed() {
    const res = await this.api!.call<Feed>('/calendar-feeds', { method: 'POST' })
    if (!res.ok) {
      this.fail(this.t.booking.feedFailed, res)
      return
    }
    this.feed = res.value
    this.feeds = [{ id: res.value.id, createdAt: new Date().toISOString() }, ...this.feeds]
    await this.say(this.t.booking.feedCreated)
    await this.focusLater('#feed-url')
  }

  private async revokeFeed(id: string) {
    const res = await this.api!.call<null>(`/calendar-feeds/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    })
    if (!res.ok && res.status !== 404) {
      this.fail(this.t.booking.feedFailed, res)
      return
    }
    if (this.feed?.id === id) this.feed = undefined
    this.feeds = this.feeds.filter((f) => f.id !== id)
    await this.say(this.t.booking.feedRevoked)
    await this.focusLater('#feed-create')
  }

  private renderFeed() {
    const t = this.t.booking
    const feed = this.feed
    const when = (iso: string) => formatDateTime(this.locale, iso)
    return html`<section aria-labelledby="feed-h">
      <h4 id="feed-h">${t.feedHeading}</h4>
      <p class="hint">${t.feedHint}</p>
      ${
        feed
          ? html`<div class="once">
              <label for="feed-url">${t.feedUrl}</label>
              <input id="feed-url" readonly .value=${feed.url} aria-describedby="feed-once" />
              <p class="hint" id="feed-once">${t.feedOnce}</p>
              <button type="button" class="danger" @click=${() => this.revokeFeed(feed.id)}>
                ${t.revokeFeed}
              </button>
            </div>`
          : nothing
      }
      <button type="button" class="secondary" id="feed-create" @click=${this.createFeed}>
        ${t.createFeed}
      </button>
      <h5 id="feeds-h">${t.feedsHeading}</h5>
      ${
        this.feeds.length
          ? html`<ul aria-labelledby="feeds-h" class="feeds">
              ${this.feeds.map(
                (f) =>
                  html`<li data-feed=${f.id}>
                    ${t.feedMadeAt(when(f.createdAt))}
                    <button
                      type="button"
                      class="danger"
                      aria-label=${t.revokeFeedMadeAt(when(f.createdAt))}
                      @click=${() => this.revokeFeed(f.id)}
                    >
                      ${t.revokeFeed}
                    </button>
                  </li>`,
              )}
            </ul>`
          : html`<p class="hint">${t.noFeeds}</p>`
      }
    </section>`
  }

  override render() {
    const t = this.t.booking
    const rules = this.rules
    const me = this.me?.user
    const people = this.team.length ? this.team : me ? [me] : []
    return html`<section aria-labelledby="av-h">
      <h3 id="av-h">${t.availabilityHeading}</h3>
      <p class="hint">${t.availabilityHint}</p>
      ${select({
        id: 'person',
        label: t.person,
        value: this.person,
        options: people.map((p) => ({ value: p.id, label: p.name })),
        onChange: (id) => void this.loadPerson(id),
      })}
      ${this.renderReadOnly(this.editable, t.ownOnly)}
      ${
        rules
          ? html`${this.fresh ? html`<p class="meta">${t.noAvailability}</p>` : nothing}
            ${this.renderSaveForm({
              labelledBy: 'av-h',
              editable: this.editable,
              fields: renderAvailability(
                {
                  t,
                  rules,
                  issuesAt: (p) => this.issuesAt(p),
                  changed: () => this.revision++,
                },
                this.zones,
              ),
              save: t.saveAvailability,
              onSubmit: this.save,
            })}`
          : nothing
      }
      ${this.renderOutcome()} ${this.person === me?.id ? this.renderFeed() : nothing}
    </section>`
  }
}

define('leadline-availability', LeadlineAvailability)
