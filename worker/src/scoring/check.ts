/**
 * The checks of a quiz definition that its schema cannot express: references between questions,
 * options and criteria, the order branching may go in, and which parts each kind of question has.
 */
import type { Condition, Question, QuizDefinition } from '../../../contract'

export interface DefinitionIssue {
  path: string
  message: string
}

/** Kinds whose answer is picked from `options`. */
export const CHOICE_KINDS: ReadonlySet<Question['kind']> = new Set([
  'single',
  'multiple',
  'location',
  'yes_no',
])
const FIELD_KINDS: ReadonlySet<Question['kind']> = new Set([
  'location',
  'number',
  'single',
  'yes_no',
  'text',
])

/**
 * Every semantic problem of `def`, each with the path of the part at fault (e.g.
 * `questions.3.showIf`); an empty list means the definition is usable. Run it after
 * `QuizDefinitionSchema` and before saving.
 * @example checkDefinition(def) // [{ path: 'questions.2.jumps.0.to', message: 'a jump goes to a later question or $end' }]
 */
export function checkDefinition(def: QuizDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = []
  const add = (path: string, message: string) => issues.push({ path, message })

  const criterionIds = new Set<string>()
  def.criteria.forEach((c, i) => {
    if (criterionIds.has(c.id)) add(`criteria.${i}.id`, `criterion "${c.id}" is defined twice`)
    criterionIds.add(c.id)
  })
  if (!def.criteria.some((c) => c.weight > 0)) {
    add('criteria', 'at least one criterion needs a weight above 0')
  }
  if (def.thresholds.qualified < def.thresholds.review) {
    add('thresholds', 'the qualified threshold is below the review threshold')
  }

  const indexOf = new Map<string, number>()
  def.questions.forEach((q, i) => {
    const at = `questions.${i}`
    if (indexOf.has(q.id)) add(`${at}.id`, `question "${q.id}" is defined twice`)
    else indexOf.set(q.id, i)

    const choice = CHOICE_KINDS.has(q.kind)
    if (choice && !q.options) add(`${at}.options`, `a ${q.kind} question needs options`)
    if (!choice && q.options) add(`${at}.options`, `a ${q.kind} question has no options`)
    if (q.kind === 'number' && !q.number) add(`${at}.number`, 'a number question needs number')
    if (q.kind !== 'number' && q.number) add(`${at}.number`, `a ${q.kind} question has no number`)
    if (q.kind !== 'text' && q.maxLength !== undefined) {
      add(`${at}.maxLength`, 'only a text question has maxLength')
    }
    if (q.options) {
      const values = new Set<string>()
      q.options.forEach((o, j) => {
        if (values.has(o.value)) add(`${at}.options.${j}.value`, `option "${o.value}" is repeated`)
        values.add(o.value)
      })
      if (q.kind === 'yes_no' && (values.size !== 2 || !values.has('yes') || !values.has('no'))) {
        add(`${at}.options`, 'a yes_no question has exactly the options yes and no')
      }
    }
    if (q.number) {
      if (!(q.number.min < q.number.max)) add(`${at}.number.max`, 'max must be above min')
      q.number.bands.forEach((b, j) => {
        if (b.min !== undefined && b.max !== undefined && !(b.min < b.max)) {
          add(`${at}.number.bands.${j}`, 'a band’s max must be above its min')
        }
      })
    }
    if (q.criterion !== undefined && !criterionIds.has(q.criterion)) {
      add(`${at}.criterion`, `no criterion "${q.criterion}"`)
    }
    if (q.field !== undefined && !FIELD_KINDS.has(q.kind)) {
      add(`${at}.field`, `a ${q.kind} question cannot take its answer from a field`)
    }
    if (q.showIf) {
      if (i === 0) add(`${at}.showIf`, 'the first question is always shown')
      // showIf reads questions before this one; jumps (after answering) may read this one too.
      else checkCondition(q.showIf, def.questions, indexOf, i - 1, `${at}.showIf`, add)
    }
    q.jumps?.forEach((jump, j) => {
      checkCondition(jump.when, def.questions, indexOf, i, `${at}.jumps.${j}.when`, add)
      if (jump.to === '$end') return
      const target = def.questions.findIndex((other) => other.id === jump.to)
      if (target <= i) add(`${at}.jumps.${j}.to`, 'a jump goes to a later question or $end')
    })
  })
  return issues
}

/** Checks that `c` reads only questions at index `<= last`, with values they can have. */
function checkCondition(
  c: Condition,
  questions: readonly Question[],
  indexOf: ReadonlyMap<string, number>,
  last: number,
  path: string,
  add: (path: string, message: string) => void,
): void {
  if ('all' in c || 'any' in c) {
    const parts = 'all' in c ? c.all : c.any
    const key = 'all' in c ? 'all' : 'any'
    parts.forEach((part, k) =>
      checkCondition(part, questions, indexOf, last, `${path}.${key}.${k}`, add),
    )
    return
  }
  const index = indexOf.get(c.question)
  if (index === undefined || index > last) {
    add(path, `"${c.question}" is not a question before this point`)
    return
  }
  const target = questions[index]!
  if (c.op === 'gte' || c.op === 'lte') {
    if (target.kind !== 'number') add(path, `${c.op} compares a number question`)
    return
  }
  if (c.op === 'answered') return
  if (target.kind === 'number') {
    add(path, `${c.op} cannot compare a number question (use gte or lte)`)
    return
  }
  if (!target.options) return
  const values = new Set(target.options.map((o) => o.value))
  const compared = 'values' in c ? c.values : [String(c.value)]
  const unknown = compared.filter((value) => !values.has(value))
  if (unknown.length > 0) add(path, `"${c.question}" has no option ${unknown.join(', ')}`)
}
