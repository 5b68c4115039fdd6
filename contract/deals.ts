/** Deals (stage 6): the ranking by impact, win probabilities with their source, pipelines. */
import * as v from 'valibot'

export const _dealsPlaceholder = v.never()
