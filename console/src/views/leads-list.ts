/** PLACEHOLDER (replaced by the screen's implementation): `<leadline-leads-list>`. */
import { html } from 'lit'
import { define } from '../define'
import { base } from '../styles'
import { ConsoleView } from '../view'

export class LeadlineLeadsList extends ConsoleView {
  static override styles = [base]
  override render() {
    return html`<h2>leadline-leads-list</h2>`
  }
}

define('leadline-leads-list', LeadlineLeadsList)
