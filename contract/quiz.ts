/**
 * The qualification quiz: its definition (questions, branching, scoring rules, end screens),
 * what the widget sees of it, the answers a visitor gives and the score the server computes.
 */
import * as v from 'valibot'
import { IdSchema, SiteKeySchema, intFromQuery, multilineText } from './common'
import { LeadContactSchema } from './lead'
import { LocalizedTextSchema } from './site-config'
import { MultiLineSchema, SingleLineSchema } from './text'
import { IsoDateTimeSchema } from './dates'

/** Ids of questions, options and criteria: short, stable, safe in URLs and SQL-free. */
export const KeySchema = v.pipe(
  v.string(),
  v.regex(/^[a-z][a-z0-9_]{0,39}$/, 'a key is a-z, 0-9 and _'),
)

export const QUESTION_KINDS = [
  'single',
  'multiple',
  'number',
  'text',
  'location',
  'yes_no',
] as const
export const QuestionKindSchema = v.picklist(QUESTION_KINDS)
export type QuestionKind = v.InferOutput<typeof QuestionKindSchema>

/** Criteria the source document names, plus timeline; stores may add their own keys. */
export const STANDARD_CRITERIA = ['location', 'budget', 'authority', 'need', 'timeline'] as const

export const OUTCOMES = ['qualified', 'review', 'disqualified'] as const
export const OutcomeSchema = v.picklist(OUTCOMES)
export type Outcome = v.InferOutput<typeof OutcomeSchema>

const points = v.pipe(v.number(), v.integer(), v.minValue(-100), v.maxValue(100))

/**
 * A condition on earlier answers. `eq`/`neq` compare a choice (or yes/no) answer, `in` tests
 * that a choice answer is one of `values` (or, for multiple choice, that any picked value is),
 * `gte`/`lte` compare a number answer, `answered` tests that there is an answer at all.
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { question: string; op: 'eq' | 'neq'; value: string }
  | { question: string; op: 'in'; values: string[] }
  | { question: string; op: 'gte' | 'lte'; value: number }
  | { question: string; op: 'answered' }

export const ConditionSchema: v.GenericSchema<Condition> = v.union([
  v.strictObject({
    all: v.pipe(v.array(v.lazy(() => ConditionSchema)), v.minLength(1), v.maxLength(20)),
  }),
  v.strictObject({
    any: v.pipe(v.array(v.lazy(() => ConditionSchema)), v.minLength(1), v.maxLength(20)),
  }),
  v.strictObject({
    question: KeySchema,
    op: v.picklist(['eq', 'neq']),
    value: v.pipe(SingleLineSchema, v.maxLength(40)),
  }),
  v.strictObject({
    question: KeySchema,
    op: v.literal('in'),
    values: v.pipe(
      v.array(v.pipe(SingleLineSchema, v.maxLength(40))),
      v.minLength(1),
      v.maxLength(100),
    ),
  }),
  v.strictObject({
    question: KeySchema,
    op: v.picklist(['gte', 'lte']),
    value: v.pipe(v.number(), v.finite()),
  }),
  v.strictObject({ question: KeySchema, op: v.literal('answered') }),
])

/** A choice of a single/multiple/location/yes-no question, with what picking it is worth. */
export const OptionSchema = v.strictObject({
  value: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,40}$/)),
  label: LocalizedTextSchema,
  points: v.optional(points, 0),
  /** Picking this disqualifies outright (e.g. outside the service area). */
  knockout: v.optional(v.boolean(), false),
})
export type Option = v.InferOutput<typeof OptionSchema>

/** A range of a number question: `min <= value < max` (either end may be open). */
export const BandSchema = v.strictObject({
  min: v.optional(v.pipe(v.number(), v.finite())),
  max: v.optional(v.pipe(v.number(), v.finite())),
  points: v.optional(points, 0),
  knockout: v.optional(v.boolean(), false),
})
export type Band = v.InferOutput<typeof BandSchema>

export const QuestionSchema = v.strictObject({
  id: KeySchema,
  kind: QuestionKindSchema,
  text: LocalizedTextSchema,
  help: v.optional(LocalizedTextSchema),
  required: v.boolean(),
  /** The criterion this question's points count towards. */
  criterion: v.optional(KeySchema),
  /** Shown only when this holds for the answers before it. */
  showIf: v.optional(ConditionSchema),
  /** After answering, the first rule that holds jumps ahead (to a later question or the end). */
  jumps: v.optional(
    v.pipe(
      v.array(
        v.strictObject({ when: ConditionSchema, to: v.union([KeySchema, v.literal('$end')]) }),
      ),
      v.maxLength(10),
    ),
  ),
  /** single, multiple, location (places; TR first), yes_no (values `yes` and `no`). */
  options: v.optional(v.pipe(v.array(OptionSchema), v.minLength(2), v.maxLength(300))),
  /** number: bounds, step, unit, shown as an input or a slider; scored by bands. */
  number: v.optional(
    v.strictObject({
      min: v.pipe(v.number(), v.finite()),
      max: v.pipe(v.number(), v.finite()),
      step: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
      unit: v.optional(LocalizedTextSchema),
      display: v.optional(v.picklist(['input', 'slider']), 'input'),
      bands: v.optional(v.pipe(v.array(BandSchema), v.maxLength(20)), []),
    }),
  ),
  /** text: longest answer accepted. */
  maxLength: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2000))),
  /** A captured lead field that answers this question when scoring without the quiz. */
  field: v.optional(KeySchema),
})
export type Question = v.InferOutput<typeof QuestionSchema>

export const CriterionSchema = v.strictObject({
  id: KeySchema,
  label: LocalizedTextSchema,
  /** Relative weight of this criterion in the total (0 ignores it). */
  weight: v.pipe(v.number(), v.minValue(0), v.maxValue(10)),
})
export type Criterion = v.InferOutput<typeof CriterionSchema>

export const EndingSchema = v.strictObject({
  title: LocalizedTextSchema,
  body: LocalizedTextSchema,
  /** What the end screen offers: booking a demo (opens `<leadline-booking>` when present). */
  action: v.optional(v.picklist(['book_demo', 'none']), 'none'),
})
export type Ending = v.InferOutput<typeof EndingSchema>

const percent = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100))

/** A store's quiz as it edits it: the body of `PUT /admin/api/quiz`. */
export const QuizDefinitionSchema = v.strictObject({
  title: LocalizedTextSchema,
  intro: v.optional(LocalizedTextSchema),
  questions: v.pipe(v.array(QuestionSchema), v.minLength(1), v.maxLength(50)),
  criteria: v.pipe(v.array(CriterionSchema), v.minLength(1), v.maxLength(12)),
  /** Total (0–100) at or above `qualified` qualifies; at or above `review` goes to a rep. */
  thresholds: v.strictObject({ qualified: percent, review: percent }),
  endings: v.strictObject({
    qualified: EndingSchema,
    review: EndingSchema,
    disqualified: EndingSchema,
  }),
})
export type QuizDefinition = v.InferOutput<typeof QuizDefinitionSchema>

/** One answer: a choice value, several, a number, text, or yes/no as `yes`/`no`. */
export const AnswerSchema = v.union([
  v.pipe(MultiLineSchema, v.maxLength(2000)),
  v.pipe(v.array(v.pipe(SingleLineSchema, v.maxLength(40))), v.maxLength(300)),
  v.pipe(v.number(), v.finite()),
])
export type Answer = v.InferOutput<typeof AnswerSchema>

export const AnswersSchema = v.pipe(
  v.record(KeySchema, AnswerSchema),
  v.check((a) => Object.keys(a).length <= 50, 'at most 50 answers'),
)
export type Answers = v.InferOutput<typeof AnswersSchema>

/** What the score of a set of answers is made of. */
export const ScoreResultSchema = v.object({
  /** 0–100: the weighted share of the points available on the questions shown. */
  total: v.number(),
  outcome: OutcomeSchema,
  knockout: v.boolean(),
  criteria: v.array(
    v.object({
      id: v.string(),
      points: v.number(),
      max: v.number(),
      percent: v.number(),
      weight: v.number(),
    }),
  ),
  /** The rules that fired, in question order. */
  fired: v.array(
    v.object({
      question: v.string(),
      rule: v.picklist(['points', 'knockout']),
      value: v.unknown(),
      points: v.number(),
    }),
  ),
})
export type ScoreResult = v.InferOutput<typeof ScoreResultSchema>

// ------------------------------------------------------------------------------------- public

/** The quiz as a visitor's browser gets it: no points, knock-outs, weights or thresholds. */
export const PublicQuizSchema = v.object({
  quizId: v.string(),
  version: v.number(),
  title: LocalizedTextSchema,
  intro: v.optional(LocalizedTextSchema),
  questions: v.array(
    v.object({
      id: v.string(),
      kind: QuestionKindSchema,
      text: LocalizedTextSchema,
      help: v.optional(LocalizedTextSchema),
      required: v.boolean(),
      showIf: v.optional(ConditionSchema),
      jumps: v.optional(v.array(v.object({ when: ConditionSchema, to: v.string() }))),
      options: v.optional(v.array(v.object({ value: v.string(), label: LocalizedTextSchema }))),
      number: v.optional(
        v.object({
          min: v.number(),
          max: v.number(),
          step: v.optional(v.number()),
          unit: v.optional(LocalizedTextSchema),
          display: v.picklist(['input', 'slider']),
        }),
      ),
      maxLength: v.optional(v.number()),
    }),
  ),
  endings: v.object({ qualified: EndingSchema, review: EndingSchema, disqualified: EndingSchema }),
})
export type PublicQuiz = v.InferOutput<typeof PublicQuizSchema>

const SessionIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,64}$/))

/** `POST /v1/quiz/start`: the visitor answered the first question of a quiz tied to a lead. */
export const QuizStartSchema = v.strictObject({
  siteKey: SiteKeySchema,
  quizId: IdSchema,
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  sessionId: SessionIdSchema,
  leadId: IdSchema,
})
export type QuizStart = v.InferOutput<typeof QuizStartSchema>

/** `POST /v1/quiz/events`: anonymous funnel steps (no personal data, no consent needed). */
export const QuizEventsSchema = v.strictObject({
  siteKey: SiteKeySchema,
  quizId: IdSchema,
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  sessionId: SessionIdSchema,
  events: v.pipe(
    v.array(v.strictObject({ question: KeySchema, event: v.picklist(['shown', 'answered']) })),
    v.minLength(1),
    v.maxLength(100),
  ),
})
export type QuizEvents = v.InferOutput<typeof QuizEventsSchema>

/**
 * `POST /v1/quiz/responses`: the finished quiz. Tied to a lead (`leadId`, from the form) or
 * standalone with the contact details and consent asked at the end (`contact`).
 */
export const QuizSubmitSchema = v.pipe(
  v.strictObject({
    siteKey: SiteKeySchema,
    quizId: IdSchema,
    version: v.pipe(v.number(), v.integer(), v.minValue(1)),
    sessionId: SessionIdSchema,
    answers: AnswersSchema,
    leadId: v.optional(IdSchema),
    contact: v.optional(LeadContactSchema),
  }),
  v.check(
    (b) => (b.leadId === undefined) !== (b.contact === undefined),
    'give either leadId or contact',
  ),
)
export type QuizSubmit = v.InferOutput<typeof QuizSubmitSchema>

/** The answer to a finished quiz: the outcome's end screen, never the score. */
export const QuizSubmittedSchema = v.object({
  responseId: v.string(),
  leadId: v.string(),
  outcome: OutcomeSchema,
})
export type QuizSubmitted = v.InferOutput<typeof QuizSubmittedSchema>

// -------------------------------------------------------------------------------------- admin

export const QuizVersionSchema = v.object({
  quizId: v.string(),
  version: v.number(),
  definition: QuizDefinitionSchema,
  createdAt: IsoDateTimeSchema,
  createdBy: v.nullable(v.string()),
})
export type QuizVersion = v.InferOutput<typeof QuizVersionSchema>

export const QuizPreviewSchema = v.strictObject({
  answers: AnswersSchema,
  /** Score against this definition instead of the current one (to try edits before saving). */
  definition: v.optional(QuizDefinitionSchema),
})

export const QuizResponseSchema = v.object({
  id: v.string(),
  quizId: v.string(),
  version: v.number(),
  leadId: v.nullable(v.string()),
  status: v.picklist(['started', 'completed']),
  answers: v.record(v.string(), v.unknown()),
  score: v.nullable(v.number()),
  outcome: v.nullable(OutcomeSchema),
  breakdown: v.nullable(ScoreResultSchema),
  startedAt: IsoDateTimeSchema,
  completedAt: v.nullable(IsoDateTimeSchema),
})
export type QuizResponse = v.InferOutput<typeof QuizResponseSchema>

export const QuizResponsesQuerySchema = v.strictObject({
  version: v.optional(intFromQuery(1, 1_000_000)),
  outcome: v.optional(OutcomeSchema),
  limit: v.optional(intFromQuery(1, 100), '25'),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(500))),
})

export const QuizFunnelQuerySchema = v.strictObject({
  version: v.optional(intFromQuery(1, 1_000_000)),
})

/** Per question of one quiz version: how many sessions saw it, answered it, stopped at it. */
export const QuizFunnelSchema = v.object({
  version: v.number(),
  sessions: v.number(),
  completed: v.number(),
  questions: v.array(
    v.object({
      question: v.string(),
      shown: v.number(),
      answered: v.number(),
      abandoned: v.number(),
    }),
  ),
})

/** A rep overrides the quiz's outcome for a lead: the lead moves as that outcome would move it. */
export const QualificationOverrideSchema = v.strictObject({
  outcome: OutcomeSchema,
  reason: multilineText(500),
  expectedVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
})
export type QualificationOverride = v.InferOutput<typeof QualificationOverrideSchema>

export const QuizStartedSchema = v.object({ responseId: v.string() })
export const QuizEventsAcceptedSchema = v.object({ accepted: v.number() })

export const QuizVersionListSchema = v.object({
  items: v.array(
    v.object({
      quizId: v.string(),
      version: v.number(),
      createdAt: IsoDateTimeSchema,
      createdBy: v.nullable(v.string()),
    }),
  ),
})
