const same = (a: unknown, b: unknown) =>
  a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));

const OPERATORS: Readonly<Record<string, (actual: unknown, expected: unknown) => boolean>> = {
  $eq: same,
  $ne: (actual, expected) => !same(actual, expected),
  $gt: (actual, expected) => Number(actual) > Number(expected),
  $gte: (actual, expected) => Number(actual) >= Number(expected),
  $lt: (actual, expected) => Number(actual) < Number(expected),
  $lte: (actual, expected) => Number(actual) <= Number(expected),
  $in: (actual, expected) => Array.isArray(expected) && expected.some((candidate) => same(actual, candidate)),
  $nin: (actual, expected) => !Array.isArray(expected) || !expected.some((candidate) => same(actual, candidate)),
};

/**
 * The item filter (LangGraph's store filter, MongoDB-like): each top-level field of `filter` is met when
 * the value's field equals it (identical JSON for arrays and objects), or, when it is an object of
 * `$eq` `$ne` `$gt` `$gte` `$lt` `$lte` `$in` `$nin` operators, meets every one. No filter matches all.
 */
export function matchValueFilter(
  value: Readonly<Record<string, unknown>>,
  filter: Readonly<Record<string, unknown>> | undefined,
): boolean {
  return Object.entries(filter ?? {}).every(([field, condition]) => {
    const keys =
      typeof condition === 'object' && condition !== null && !Array.isArray(condition) ? Object.keys(condition) : [];
    const operators =
      keys.length > 0 && keys.every((key) => key in OPERATORS)
        ? Object.entries(condition as object)
        : [['$eq', condition] as const];
    return operators.every(([operator, expected]) => OPERATORS[operator]!(value[field], expected));
  });
}
