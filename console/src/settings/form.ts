/** PLACEHOLDER (replaced by the section's implementation): `<leadline-settings-form>`. */
import { html } from 'lit'
import { define } from '../define'
import { base } from '../styles'
import { ConsoleView } from '../view'

export class LeadlineSettingsForm extends ConsoleView {
  static override styles = [base]
  override render() {
    return html`<h3>leadline-settings-form</h3>`
  }
}

define('leadline-settings-form', LeadlineSettingsForm)
