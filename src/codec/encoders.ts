import type { LogicalType } from '../schema/logical-types.js'
import type { ColumnRef } from './values.js'

/** Turns an application value into what the driver binds for a column of one logical type. */
export type Encoder = (value: unknown, ref: ColumnRef) => unknown

/** One encoder per logical type: each dialect supplies its own set. */
export type Encoders = Readonly<Record<LogicalType, Encoder>>

/** Turns what the driver returned for a column into the application value. */
export type Decoder = (value: any) => unknown
