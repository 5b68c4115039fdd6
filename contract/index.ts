/** The wire contract: valibot schemas and their types, shared by widget and worker. */
export * from './common'
export * from './site-config'
export * from './lead'
export * from './admin'
export * from './quiz'
export * from './quiz-branching'
export * from './booking'
export * from './quote'
