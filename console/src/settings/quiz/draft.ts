/**
 * Pure edits of a quiz draft: new questions of each kind, a kind change that keeps what still
 * fits, new options, and the answers the preview may send (only those of
 * the questions the branching shows).
 */
import {
  visiblePath,
  type Answers,
  type Option,
  type Question,
  type QuestionKind,
} from '../../../../contract'
import { freshKey } from '../editor-kit/lists'

const CHOICE: ReadonlySet<QuestionKind> = new Set(['single', 'multiple', 'location'])
/** Kinds a captured lead field can answer (the API refuses `field` on the others). */
const FIELD_KINDS: ReadonlySet<QuestionKind> = new Set([
  'location',
  'number',
  'single',
  'yes_no',
  'text',
])

const blankOption = (value: string): Option => ({
  value,
  label: { tr: '', en: '' },
  points: 0,
  knockout: false,
})

const YES_NO: Option[] = [
  { value: 'yes', label: { tr: 'Evet', en: 'Yes' }, points: 0, knockout: false },
  { value: 'no', label: { tr: 'Hayır', en: 'No' }, points: 0, knockout: false },
]

/** What a question of `kind` needs beside its text: options, number settings or a length. */
function kindParts(kind: QuestionKind, keep?: Question): Partial<Question> {
  if (kind === 'yes_no') return { options: YES_NO.map((o) => ({ ...o, label: { ...o.label } })) }
  if (CHOICE.has(kind)) {
    const options = keep?.options && keep.kind !== 'yes_no' ? keep.options : undefined
    return { options: options ?? [blankOption('a'), blankOption('b')] }
  }
  if (kind === 'number') return { number: { min: 0, max: 100, display: 'input', bands: [] } }
  if (kind === 'text') return { maxLength: 500 }
  return {}
}

/** A new question of `kind` with a key not used by `questions`. */
export function newQuestion(kind: QuestionKind, questions: readonly Question[]): Question {
  return {
    id: freshKey(
      'question',
      questions.map((q) => q.id),
    ),
    kind,
    text: { tr: '', en: '' },
    required: true,
    ...kindParts(kind),
  }
}

/**
 * `q` as a question of `kind`: text, help, criterion and branching stay; choice options stay
 * between choice kinds; the parts the new kind cannot have go.
 */
export function withKind(q: Question, kind: QuestionKind): Question {
  const kept: Question = { ...q, kind }
  delete kept.options
  delete kept.number
  delete kept.maxLength
  if (!FIELD_KINDS.has(kind)) delete kept.field
  return { ...kept, ...kindParts(kind, q) }
}

/** A new option for `q`, with a value its other options do not use. */
export const newOption = (q: Question): Option =>
  blankOption(
    freshKey(
      'option',
      (q.options ?? []).map((o) => o.value),
    ),
  )

/**
 * The answers on the path the branching shows, and that path: an answer left on a question the
 * branching now hides would be refused by the preview, as it is for a visitor.
 */
export function shownAnswers(
  questions: readonly Question[],
  answers: Answers,
): { ids: string[]; answers: Answers } {
  const { ids } = visiblePath(questions, answers, { final: true })
  const kept: Answers = {}
  for (const id of ids) {
    const a = Object.hasOwn(answers, id) ? answers[id] : undefined
    if (a !== undefined && a !== '' && !(Array.isArray(a) && a.length === 0)) kept[id] = a
  }
  return { ids, answers: kept }
}
