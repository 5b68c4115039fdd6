/** PLACEHOLDER (replaced by the section's implementation): `<leadline-settings-messaging>`. */
import { html } from 'lit'
import { define } from '../define'
import { base } from '../styles'
import { ConsoleView } from '../view'

export class LeadlineSettingsMessaging extends ConsoleView {
  static override styles = [base]
  override render() {
    return html`<h3>leadline-settings-messaging</h3>`
  }
}

define('leadline-settings-messaging', LeadlineSettingsMessaging)
