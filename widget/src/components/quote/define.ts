/**
 * Registers `<leadline-quote>`. The loader imports this chunk when the tag is on the page; Lit
 * and the outbox come from the chunk it shares with the form. Starting the outbox delivers what
 * an earlier page load left waiting.
 */
import { outbox } from '../../internal/api'
import { defineQuote } from './quote'

defineQuote()
outbox().start()
