/** PLACEHOLDER (replaced by the section's implementation): `<leadline-settings-store>`. */
import { html } from 'lit'
import { define } from '../define'
import { base } from '../styles'
import { ConsoleView } from '../view'

export class LeadlineSettingsStore extends ConsoleView {
  static override styles = [base]
  override render() {
    return html`<h3>leadline-settings-store</h3>`
  }
}

define('leadline-settings-store', LeadlineSettingsStore)
