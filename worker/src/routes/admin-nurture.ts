/** Admin API for nurturing: templates, sequences, enrollments, tasks, messaging settings. */
import { Hono } from 'hono'
import type { AppEnv } from '../env'

export const adminNurture = new Hono<AppEnv>()
