/** The contact book (stage 7): tags, custom fields, merge, dedupe, CSV import and export, privacy. */
import * as v from 'valibot'

export const _contactbookPlaceholder = v.never()
