/** PLACEHOLDER (replaced by the screen's implementation): `<leadline-deals-list>`. */
import { html } from 'lit'
import { define } from '../define'
import { base } from '../styles'
import { ConsoleView } from '../view'

export class LeadlineDealsList extends ConsoleView {
  static override styles = [base]
  override render() {
    return html`<h2>leadline-deals-list</h2>`
  }
}

define('leadline-deals-list', LeadlineDealsList)
