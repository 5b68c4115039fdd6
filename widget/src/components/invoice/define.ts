/**
 * Registers `<leadline-invoice>`. The loader imports this chunk when the tag is on the page; Lit
 * comes from the chunk every component shares, the lines, totals, formatting and styles from the
 * chunk it shares with `<leadline-quote>`.
 */
import { defineInvoice } from './invoice'

defineInvoice()
