/**
 * Why a scenario file or link cannot be used. These are not import issue codes (io/
 * issue-codes.ts, `import.issue.<code>`): the UI shows them as `scenario.problem.<code>`.
 */
export const ScenarioProblem = {
  /** Not JSON, or a damaged `#s=` link. */
  JsonSyntax: 'json-syntax',
  /** JSON, but no `schema` naming a SailPlan scenario. */
  NotScenario: 'not-scenario',
  /** Another schema (a report, an unknown version). */
  WrongSchema: 'wrong-schema',
  /** A later scenario version than this build reads. */
  NewerSchema: 'newer-schema',
  /** A field of the wrong type or out of range. */
  BadField: 'bad-field',
  /** A field the schema does not have. */
  UnknownField: 'unknown-field',
  /** Larger than a scenario can be. */
  TooLarge: 'too-large',
} as const;

export type ScenarioProblemCode = (typeof ScenarioProblem)[keyof typeof ScenarioProblem];
