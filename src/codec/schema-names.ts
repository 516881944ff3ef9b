import { columnTypes } from '../schema/generated/column-types.js'
import { NameMap } from './names.js'

/** The exact name mapping of the library's own schema. */
export const schemaNames = new NameMap(columnTypes)
