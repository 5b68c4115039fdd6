/** PLACEHOLDER (replaced by the section's implementation): `<leadline-settings-team>`. */
import { html } from 'lit'
import { define } from '../define'
import { base } from '../styles'
import { ConsoleView } from '../view'

export class LeadlineSettingsTeam extends ConsoleView {
  static override styles = [base]
  override render() {
    return html`<h3>leadline-settings-team</h3>`
  }
}

define('leadline-settings-team', LeadlineSettingsTeam)
