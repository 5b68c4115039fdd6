/** Admin API for the contact book: tags and fields, merge, dedupe, import/export, privacy. */
import { Hono } from 'hono'
import type { AppEnv } from '../env'

export const adminContactBook = new Hono<AppEnv>()
