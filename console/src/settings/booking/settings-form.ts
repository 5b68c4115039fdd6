/**
 * `<leadline-booking-settings>`: the store's meeting types, the reps who take demos and the
 * assignment rule (`GET`/`PUT /admin/api/booking/settings`; owners change them).
 */
import { html, nothing, type PropertyDeclarations } from 'lit'
import type { BookingSettings } from '../../../../contract'
import type { TeamMember } from '../../../../contract/team'
import { define } from '../../define'
import { base } from '../../styles'
import { EditorSection } from '../editor-kit/editor-section'
import { bookingText, type BookingWords } from './text'
import { editorStyles } from '../editor-kit/styles'
import { renderSettings } from './meeting-types'

export class LeadlineBookingSettings extends EditorSection<BookingWords> {
  protected readonly words = bookingText

  static override styles = [base, editorStyles]
  static override properties: PropertyDeclarations = {
    team: { attribute: false },
    settings: { state: true },
    revision: { state: true },
  }

  team: TeamMember[] = []
  private settings: BookingSettings | undefined
  private revision = 0

  protected override pathWords() {
    return this.t.booking.paths
  }

  protected override async load() {
    const res = await this.api!.call<BookingSettings>('/booking/settings')
    if (res.ok) this.settings = res.value
    else this.fail(this.t.booking.loadFailed, res)
  }

  private async save(event: SubmitEvent) {
    event.preventDefault()
    const settings = this.settings
    if (!settings || !this.api || this.saving) return
    const saved = await this.put<BookingSettings>(
      '/booking/settings',
      settings,
      this.t.booking.saveFailed,
    )
    if (!saved) return
    this.settings = saved
    await this.say(this.t.booking.settingsSaved)
  }

  override render() {
    const t = this.t.booking
    const settings = this.settings
    return html`<section aria-labelledby="bs-h">
      <h3 id="bs-h">${t.settingsHeading}</h3>
      ${this.renderReadOnly(this.isOwner)}
      ${
        settings
          ? this.renderSaveForm({
              labelledBy: 'bs-h',
              editable: this.isOwner,
              fields: renderSettings({
                t,
                settings,
                team: this.team,
                issuesAt: (p) => this.issuesAt(p),
                changed: () => this.revision++,
              }),
              save: t.saveSettings,
              onSubmit: this.save,
            })
          : nothing
      }
      ${this.renderOutcome()}
    </section>`
  }
}

define('leadline-booking-settings', LeadlineBookingSettings)
