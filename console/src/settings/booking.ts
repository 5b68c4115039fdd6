/**
 * `<leadline-settings-booking>`: the meeting calendar settings. The store's meeting types and
 * who takes demos (owners change them), and each person's availability (owners for anyone,
 * reps for themselves) with their private calendar feed. The team (`GET /admin/api/team`)
 * names the people; a rep's answer holds only themselves.
 */
import { html, type PropertyDeclarations, type PropertyValues } from 'lit'
import type { Team, TeamMember } from '../../../contract/team'
import { define } from '../define'
import { base } from '../styles'
import './booking/availability-form'
import './booking/settings-form'
import { ConsoleView } from '../view'

export class LeadlineSettingsBooking extends ConsoleView {
  static override styles = [base]
  static override properties: PropertyDeclarations = { team: { state: true } }

  private team: TeamMember[] = []

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) void this.loadTeam()
  }

  private async loadTeam() {
    // Without the team (a failed call) people show by id; each form reports its own failures.
    const res = await this.api!.call<Team>('/team')
    if (res.ok) this.team = res.value.items
  }

  override render() {
    return html`<leadline-booking-settings
        .api=${this.api}
        .me=${this.me}
        .team=${this.team}
        locale=${this.locale}
      ></leadline-booking-settings>
      <leadline-availability
        .api=${this.api}
        .me=${this.me}
        .team=${this.team}
        locale=${this.locale}
      ></leadline-availability>`
  }
}

define('leadline-settings-booking', LeadlineSettingsBooking)
