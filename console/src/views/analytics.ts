/** PLACEHOLDER (replaced by the screen's implementation): `<leadline-analytics>`. */
import { html } from 'lit'
import { define } from '../define'
import { base } from '../styles'
import { ConsoleView } from '../view'

export class LeadlineAnalytics extends ConsoleView {
  static override styles = [base]
  override render() {
    return html`<h2>leadline-analytics</h2>`
  }
}

define('leadline-analytics', LeadlineAnalytics)
