/** The console's entry: defines `<leadline-console>` (index.html renders it). */
import './app'
import './page.css'
