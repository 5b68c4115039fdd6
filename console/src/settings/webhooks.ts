/** PLACEHOLDER (replaced by the section's implementation): `<leadline-settings-webhooks>`. */
import { html } from 'lit'
import { define } from '../define'
import { base } from '../styles'
import { ConsoleView } from '../view'

export class LeadlineSettingsWebhooks extends ConsoleView {
  static override styles = [base]
  override render() {
    return html`<h3>leadline-settings-webhooks</h3>`
  }
}

define('leadline-settings-webhooks', LeadlineSettingsWebhooks)
