/** The quiz as the visitor's browser may see it: questions and branching, never the scoring. */
import type { PublicQuiz, QuizDefinition } from '../../../contract'

/**
 * Copies what the widget needs out of `def`, field by field (so a property added to the
 * definition later stays private until it is added here): no points, knock-outs, bands,
 * criteria, weights, thresholds, `criterion` or `field`.
 */
export function toPublicQuiz(def: QuizDefinition, quizId: string, version: number): PublicQuiz {
  return {
    quizId,
    version,
    title: def.title,
    ...(def.intro && { intro: def.intro }),
    questions: def.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      text: q.text,
      ...(q.help && { help: q.help }),
      required: q.required,
      ...(q.showIf && { showIf: q.showIf }),
      ...(q.jumps && { jumps: q.jumps.map((j) => ({ when: j.when, to: j.to })) }),
      ...(q.options && { options: q.options.map((o) => ({ value: o.value, label: o.label })) }),
      ...(q.number && {
        number: {
          min: q.number.min,
          max: q.number.max,
          ...(q.number.step !== undefined && { step: q.number.step }),
          ...(q.number.unit && { unit: q.number.unit }),
          display: q.number.display,
        },
      }),
      ...(q.maxLength !== undefined && { maxLength: q.maxLength }),
    })),
    endings: def.endings,
  }
}
