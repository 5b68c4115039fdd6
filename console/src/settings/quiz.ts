/** PLACEHOLDER (replaced by the section's implementation): `<leadline-settings-quiz>`. */
import { html } from 'lit'
import { define } from '../define'
import { base } from '../styles'
import { ConsoleView } from '../view'

export class LeadlineSettingsQuiz extends ConsoleView {
  static override styles = [base]
  override render() {
    return html`<h3>leadline-settings-quiz</h3>`
  }
}

define('leadline-settings-quiz', LeadlineSettingsQuiz)
