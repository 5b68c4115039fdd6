/** Deals (stage 6) as pure functions: ranking by impact and win probabilities. */
export * from './probabilities'
export * from './rank'
