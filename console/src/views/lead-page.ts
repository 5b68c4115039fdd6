/** PLACEHOLDER (replaced by the screen's implementation): `<leadline-lead-page>`. */
import { html } from 'lit'
import { define } from '../define'
import { base } from '../styles'
import { ConsoleView } from '../view'

export class LeadlineLeadPage extends ConsoleView {
  static override styles = [base]
  override render() {
    return html`<h2>leadline-lead-page</h2>`
  }
}

define('leadline-lead-page', LeadlineLeadPage)
