/**
 * Registers `<leadline-form>`. The loader imports this chunk when the tag is on the page, and
 * also when a previous visit left submissions in the outbox: starting the outbox here delivers
 * them even on pages without a form, without a second chunk.
 */
import { outbox } from '../../internal/api'
import { defineForm } from './form'

defineForm()
outbox().start()
