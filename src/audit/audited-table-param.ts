import { z } from 'zod'
import { AUDITED_TABLES } from './audited-tables.js'

/** An audited table's name as a parameter of the audit queries (its own file: the root, which loads no zod, needs the tables). */
export const auditedTableParam = z.enum(AUDITED_TABLES)
