/**
 * Chunk the loader imports on a page load that finds submissions left in the outbox, so they are
 * delivered even on pages without a form.
 */
import { outbox } from './api'

outbox().start()
