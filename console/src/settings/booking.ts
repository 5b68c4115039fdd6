/** PLACEHOLDER (replaced by the section's implementation): `<leadline-settings-booking>`. */
import { html } from 'lit'
import { define } from '../define'
import { base } from '../styles'
import { ConsoleView } from '../view'

export class LeadlineSettingsBooking extends ConsoleView {
  static override styles = [base]
  override render() {
    return html`<h3>leadline-settings-booking</h3>`
  }
}

define('leadline-settings-booking', LeadlineSettingsBooking)
