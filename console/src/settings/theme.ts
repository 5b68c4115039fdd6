/** PLACEHOLDER (replaced by the section's implementation): `<leadline-settings-theme>`. */
import { html } from 'lit'
import { define } from '../define'
import { base } from '../styles'
import { ConsoleView } from '../view'

export class LeadlineSettingsTheme extends ConsoleView {
  static override styles = [base]
  override render() {
    return html`<h3>leadline-settings-theme</h3>`
  }
}

define('leadline-settings-theme', LeadlineSettingsTheme)
