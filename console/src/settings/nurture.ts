/**
 * `<leadline-settings-nurture>`: nurturing. The delivery settings (quiet hours, frequency
 * cap, senders; owners change them), the templates and the sequences with their enrollments.
 * The API lets reps write templates and sequences too, so only the settings are read-only to
 * them.
 */
import { html } from 'lit'
import { define } from '../define'
import { base } from '../styles'
import { ConsoleView } from '../view'
import './nurture/sequences'
import './nurture/delivery-settings'
import './nurture/templates'

export class LeadlineSettingsNurture extends ConsoleView {
  static override styles = [base]

  override render() {
    return html`<leadline-delivery-settings
        .api=${this.api}
        .me=${this.me}
        locale=${this.locale}
      ></leadline-delivery-settings>
      <leadline-templates
        .api=${this.api}
        .me=${this.me}
        locale=${this.locale}
      ></leadline-templates>
      <leadline-sequences
        .api=${this.api}
        .me=${this.me}
        locale=${this.locale}
      ></leadline-sequences>`
  }
}

define('leadline-settings-nurture', LeadlineSettingsNurture)
