/** PLACEHOLDER (replaced by the screen's implementation): `<leadline-contacts-list>`. */
import { html } from 'lit'
import { define } from '../define'
import { base } from '../styles'
import { ConsoleView } from '../view'

export class LeadlineContactsList extends ConsoleView {
  static override styles = [base]
  override render() {
    return html`<h2>leadline-contacts-list</h2>`
  }
}

define('leadline-contacts-list', LeadlineContactsList)
