/**
 * Lead scoring (pipeline stage 2): the default quiz, checks of a store's quiz definition and of
 * submitted answers, the score with its breakdown, the public view of a quiz, and scoring a lead
 * from captured fields. Pure functions: no HTTP, no storage, no clock.
 *
 * ## Scoring rules
 *
 * 1. Only the questions on the path are scored: the final walk of `visiblePath` (showIf and
 *    jumps, seeing only answers of questions already on the path). An answer to a hidden
 *    question is refused by `validateAnswers` and ignored by `scoreAnswers`.
 * 2. Points per answer: single, location and yes/no earn the picked option's points; multiple
 *    earns the sum of the picked options' points (negative ones subtract); a number earns the
 *    points of the first band with `min <= value < max` (an absent end is open; no band, no
 *    points); text earns nothing.
 * 3. Maximum per question: the highest option's or band's points (0 if all are negative);
 *    for multiple, the sum of the positive options' points; text 0. A shown question left
 *    unanswered earns 0, but its maximum still counts: a skipped question earns nothing.
 * 4. A question counts towards its `criterion`; one without a criterion scores only through
 *    knock-outs. Per criterion: percent = points / max × 100, clamped to 0–100 (0 when max is 0).
 * 5. Total = round(Σ weight × percent / Σ weight) over the criteria with weight > 0 and max > 0
 *    (0 when there are none). Percents enter unrounded; the breakdown shows them to one decimal.
 * 6. Outcome: any picked option or matched band with `knockout` disqualifies outright
 *    (`knockout: true`); otherwise total ≥ `thresholds.qualified` → qualified, total ≥
 *    `thresholds.review` → review, else disqualified. Both thresholds are inclusive.
 * 7. `fired` lists, in path order, each answer that earned non-zero points towards a criterion
 *    (`points`) and each knock-out (`knockout`, with the option value or number that fired it).
 * 8. Scoring from captured fields (`scoreFields`) uses the same rules on the answers
 *    `answersFromFields` reads off the lead; required questions without one simply earn nothing.
 */
export { DEFAULT_QUIZ } from './default-quiz'
export { checkDefinition, type DefinitionIssue } from './check'
export { validateAnswers, type AnswerIssue, type AnswersValidation } from './validate'
export { scoreAnswers } from './score'
export { toPublicQuiz } from './public'
export { answersFromFields, scoreFields, type LeadFields } from './fields'
