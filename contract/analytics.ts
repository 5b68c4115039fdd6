/** Analytics: funnel, time in stage, win rates, lost reasons, revenue forecast. */
import * as v from 'valibot'

export const _analyticsPlaceholder = v.never()
