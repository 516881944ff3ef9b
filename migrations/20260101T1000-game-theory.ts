import type { Kysely } from 'kysely'
import type { MigrationDialect } from './migration-dialect.js'
import { ddlTypes } from './support/v1/ddl-types.js'

export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  const d = ddlTypes(dialect)

  await db.schema
    .createTable('game_theory_evolution')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 200 }), (c) => c.notNull())
    .addColumn('description', d.type({ type: 'text' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('created_by', d.type({ type: 'varchar', length: 100 }))
    .addColumn(
      'initial_population_size',
      d.type({ type: 'integer' }),
      (c) => c.notNull().defaultTo(d.literal('integer', 100)),
    )
    .addColumn(
      'turns_per_interaction',
      d.type({ type: 'integer' }),
      (c) => c.notNull().defaultTo(d.literal('integer', 100)),
    )
    .addColumn('max_generations', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 1000)))
    .addColumn('mutation_rate', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 0.01)))
    .addColumn('initial_composition', d.type({ type: 'json' }), (c) => c.notNull())
    .addColumn(
      'status',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'pending')),
    )
    .addColumn('started_at', d.type({ type: 'timestamp' }))
    .addColumn('completed_at', d.type({ type: 'timestamp' }))
    .addColumn('error_message', d.type({ type: 'text' }))
    .addColumn('celery_task_id', d.type({ type: 'varchar', length: 100 }))
    .addColumn('generations_completed', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('winner_strategy_id', d.type({ type: 'uuid' }))
    .addColumn('winner_strategy_name', d.type({ type: 'varchar', length: 100 }))
    .addColumn('is_evolutionarily_stable', d.type({ type: 'boolean' }))
    .addColumn('population_history', d.type({ type: 'json' }))
    .addColumn('final_population', d.type({ type: 'json' }))
    .addPrimaryKeyConstraint('game_theory_evolution_pkey', ['id'])
    .execute()

  await db.schema
    .createTable('game_theory_tournaments')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 200 }), (c) => c.notNull())
    .addColumn('description', d.type({ type: 'text' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('created_by', d.type({ type: 'varchar', length: 100 }))
    .addColumn('turns_per_match', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 200)))
    .addColumn('repetitions', d.type({ type: 'integer' }), (c) => c.notNull().defaultTo(d.literal('integer', 10)))
    .addColumn('noise', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 0)))
    .addColumn('payoff_cc', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 3)))
    .addColumn('payoff_cd', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 0)))
    .addColumn('payoff_dc', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 5)))
    .addColumn('payoff_dd', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 1)))
    .addColumn('strategy_ids', d.type({ type: 'string_array' }))
    .addColumn(
      'status',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.notNull().defaultTo(d.literal('varchar', 'pending')),
    )
    .addColumn('started_at', d.type({ type: 'timestamp' }))
    .addColumn('completed_at', d.type({ type: 'timestamp' }))
    .addColumn('error_message', d.type({ type: 'text' }))
    .addColumn('celery_task_id', d.type({ type: 'varchar', length: 100 }))
    .addColumn('total_matches', d.type({ type: 'integer' }))
    .addColumn('winner_strategy_id', d.type({ type: 'uuid' }))
    .addColumn('winner_strategy_name', d.type({ type: 'varchar', length: 100 }))
    .addColumn('results_json', d.type({ type: 'json' }))
    .addColumn('rankings', d.type({ type: 'json' }))
    .addColumn('payoff_matrix', d.type({ type: 'json' }))
    .addPrimaryKeyConstraint('game_theory_tournaments_pkey', ['id'])
    .execute()

  await db.schema
    .createTable('game_theory_strategies')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('name', d.type({ type: 'varchar', length: 100 }), (c) => c.notNull())
    .addColumn('description', d.type({ type: 'text' }))
    .addColumn('strategy_type', d.type({ type: 'varchar', length: 30 }), (c) => c.notNull())
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('created_by', d.type({ type: 'varchar', length: 100 }))
    .addColumn('utilization_target', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 0.8)))
    .addColumn('cross_zone_borrowing', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addColumn(
      'sacrifice_willingness',
      d.type({ type: 'varchar', length: 20 }),
      (c) => c.defaultTo(d.literal('varchar', 'medium')),
    )
    .addColumn('defense_activation_threshold', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 3)))
    .addColumn('response_timeout_ms', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 5000)))
    .addColumn(
      'initial_action',
      d.type({ type: 'varchar', length: 10 }),
      (c) => c.defaultTo(d.literal('varchar', 'cooperate')),
    )
    .addColumn('forgiveness_probability', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 0)))
    .addColumn('retaliation_memory', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 1)))
    .addColumn('is_stochastic', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', false)))
    .addColumn('custom_logic', d.type({ type: 'json' }))
    .addColumn('tournaments_participated', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('total_matches', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('total_wins', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 0)))
    .addColumn('average_score', d.type({ type: 'float' }))
    .addColumn('cooperation_rate', d.type({ type: 'float' }))
    .addColumn('is_active', d.type({ type: 'boolean' }), (c) => c.defaultTo(d.literal('boolean', true)))
    .addPrimaryKeyConstraint('game_theory_strategies_pkey', ['id'])
    .execute()

  await db.schema
    .createTable('game_theory_matches')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('tournament_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('strategy1_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('strategy1_name', d.type({ type: 'varchar', length: 100 }))
    .addColumn('strategy2_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('strategy2_name', d.type({ type: 'varchar', length: 100 }))
    .addColumn('score1', d.type({ type: 'float' }), (c) => c.notNull())
    .addColumn('score2', d.type({ type: 'float' }), (c) => c.notNull())
    .addColumn('cooperation_rate1', d.type({ type: 'float' }))
    .addColumn('cooperation_rate2', d.type({ type: 'float' }))
    .addColumn('actions1', d.type({ type: 'text' }))
    .addColumn('actions2', d.type({ type: 'text' }))
    .addPrimaryKeyConstraint('game_theory_matches_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_game_theory_matches_tournament_id',
      ['tournament_id'],
      'game_theory_tournaments',
      ['id'],
    )
    .addForeignKeyConstraint('fk_game_theory_matches_strategy2_id', ['strategy2_id'], 'game_theory_strategies', ['id'])
    .addForeignKeyConstraint('fk_game_theory_matches_strategy1_id', ['strategy1_id'], 'game_theory_strategies', ['id'])
    .execute()
  await db.schema
    .createIndex('ix_game_theory_matches_strategy1_id')
    .on('game_theory_matches')
    .columns(['strategy1_id'])
    .execute()
  await db.schema
    .createIndex('ix_game_theory_matches_strategy2_id')
    .on('game_theory_matches')
    .columns(['strategy2_id'])
    .execute()
  await db.schema
    .createIndex('ix_game_theory_matches_tournament_id')
    .on('game_theory_matches')
    .columns(['tournament_id'])
    .execute()

  await db.schema
    .createTable('game_theory_validations')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('strategy_id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('strategy_name', d.type({ type: 'varchar', length: 100 }))
    .addColumn('validated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('turns', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 100)))
    .addColumn('repetitions', d.type({ type: 'integer' }), (c) => c.defaultTo(d.literal('integer', 10)))
    .addColumn('passed', d.type({ type: 'boolean' }), (c) => c.notNull())
    .addColumn('average_score', d.type({ type: 'float' }), (c) => c.notNull())
    .addColumn('cooperation_rate', d.type({ type: 'float' }), (c) => c.notNull())
    .addColumn('pass_threshold', d.type({ type: 'float' }), (c) => c.defaultTo(d.literal('float', 2.5)))
    .addColumn('assessment', d.type({ type: 'varchar', length: 50 }))
    .addColumn('recommendation', d.type({ type: 'text' }))
    .addPrimaryKeyConstraint('game_theory_validations_pkey', ['id'])
    .addForeignKeyConstraint(
      'fk_game_theory_validations_strategy_id',
      ['strategy_id'],
      'game_theory_strategies',
      ['id'],
    )
    .execute()
  await db.schema
    .createIndex('ix_game_theory_validations_strategy_id')
    .on('game_theory_validations')
    .columns(['strategy_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  // reverse creation order: no table is dropped while a later one still references it
  for (const table of [
    'game_theory_validations', 'game_theory_matches', 'game_theory_strategies',
    'game_theory_tournaments', 'game_theory_evolution',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
