/** PLACEHOLDER (replaced by the screen's implementation): `<leadline-contact-page>`. */
import { html } from 'lit'
import { define } from '../define'
import { base } from '../styles'
import { ConsoleView } from '../view'

export class LeadlineContactPage extends ConsoleView {
  static override styles = [base]
  override render() {
    return html`<h2>leadline-contact-page</h2>`
  }
}

define('leadline-contact-page', LeadlineContactPage)
